import type { Caller } from '@sec-assure/auth';
import type { Logger } from '@sec-assure/service';
import type { PrefetchedCall } from './prefetched-calls';
import type { RequestTopicEnds } from './topic-ends';

export interface GatewayContext {
  caller: Caller;
  correlationId: string;
  logger: Logger;
  /** The topics' ends read for this request (topic-ends.ts), when the gateway reads them. */
  topicEnds?: RequestTopicEnds;
  /** A mutation already sent along its direct route: Apollo's run takes its outcome (prefetched-calls.ts). */
  prefetched?: PrefetchedCall;
}
