import type { Caller, TopicEnds } from '@sec-assure/auth';
import { londonDayOf } from '@sec-assure/rules';
import type { Logger } from '../logger';

export type { Caller, Role } from '@sec-assure/auth';

/** The verified caller and the correlation id of the request, as the gateway vouched for them. */
export interface RequestIdentity {
  caller: Caller;
  correlationId: string;
  /** The topics' ends the gateway read after the client's request arrived (read-your-writes without a broker round trip). */
  topicEnds?: TopicEnds;
}

/** What every resolver of every subgraph receives. Apps extend it with their own dependencies. */
export interface BaseContext extends RequestIdentity {
  logger: Logger;
}

/** When a request is answered: the instant, and the platform's day (EXAMPLES.md: Europe/London's, whatever the server's zone). */
export interface RequestTime {
  now: Date;
  today: string;
}

export const requestTimeOf = (now: Date): RequestTime => ({ now, today: londonDayOf(now) });
