import type { Logger } from '../logger';

export type Role = 'SECAS_ADMIN' | 'SSC_MEMBER' | 'USER_CIO' | 'PARTY_USER';

export interface Caller {
  sub: string;
  roles: Role[];
  partyId: string | null;
}

/** The verified caller and the correlation id of the request, as the gateway vouched for them. */
export interface RequestIdentity {
  caller: Caller;
  correlationId: string;
}

/** What every resolver of every subgraph receives. Apps extend it with their own dependencies. */
export interface BaseContext extends RequestIdentity {
  logger: Logger;
}
