import type { Caller } from '@sec-assure/auth';
import type { Logger } from '../logger';

export type { Caller, Role } from '@sec-assure/auth';

/** The verified caller and the correlation id of the request, as the gateway vouched for them. */
export interface RequestIdentity {
  caller: Caller;
  correlationId: string;
}

/** What every resolver of every subgraph receives. Apps extend it with their own dependencies. */
export interface BaseContext extends RequestIdentity {
  logger: Logger;
}
