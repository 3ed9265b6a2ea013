import { randomUUID } from 'node:crypto';
import { INTERNAL_IDENTITY_HEADER, internalIdentitySigningKeyFromEnv, signInternalIdentity, type Caller } from '@sec-assure/auth';
import type { Request } from './load';
import type { Subgraph } from './processes';

export interface Read {
  name: string;
  query: string;
  variables?: (i: number) => Record<string, unknown>;
  /** The subgraph that answers it alone, for the direct call; none for a federated read. */
  subgraph?: Subgraph;
}

export const READS: readonly Read[] = [
  {
    name: 'requiredAssessment (pure rules)',
    query: 'query($input: RequirementInput!) { requiredAssessment(input: $input) { type ruleSet cyclePosition } }',
    variables: (i) => ({ input: { userRoles: ['IMPORT_SUPPLIER'], domesticPremises: (i * 7919) % 500_000, annualAssessmentsSinceLastFull: i % 3 } }),
    subgraph: 'assessment-scheduling',
  },
  { name: 'parties(first: 20) { id name domesticPremises }', query: '{ parties(first: 20) { id name domesticPremises } }', subgraph: 'party-registry' },
  { name: 'parties(first: 20) + nextAssessment', query: '{ parties(first: 20) { id name nextAssessment { type } } }' },
  { name: 'parties(first: 20) + documentsReceived', query: '{ parties(first: 20) { id name documentsReceived { id } } }' },
  {
    name: 'parties(first: 20) + both',
    query: '{ parties(first: 20) { id name nextAssessment { type } documentsReceived { id } } }',
  },
];

export const ADMIN: Caller = { sub: 'bench-admin', roles: ['SECAS_ADMIN'], partyId: null };

export function gatewayRequest(read: Read, token: string): (i: number) => Request {
  return (i) => ({ headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ query: read.query, variables: read.variables?.(i) }) });
}

/** Straight to the subgraph, with the identity the gateway would sign for this very operation. */
export function directRequest(read: Read & { subgraph: Subgraph }): (i: number) => Promise<Request> {
  const key = internalIdentitySigningKeyFromEnv({ SEC_ASSURE_DEV: 'true' });
  return async (i) => {
    const variables = read.variables?.(i) ?? null;
    const identity = await signInternalIdentity(ADMIN, randomUUID(), key, { subgraph: read.subgraph, operation: { query: read.query, variables } });
    return { headers: { [INTERNAL_IDENTITY_HEADER]: identity }, body: JSON.stringify({ query: read.query, variables }) };
  };
}
