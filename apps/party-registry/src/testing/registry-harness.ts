// Starts party-registry alone on a throwaway database, and calls it as the gateway would (a signed
// internal identity), so integration tests see exactly what the subgraph stores and publishes.
import { randomUUID } from 'node:crypto';
import { INTERNAL_IDENTITY_HEADER, internalIdentitySigningKeyFromEnv, signInternalIdentity, type Caller } from '@sec-assure/auth';
import { dropDatabase, type ServiceHandle } from '@sec-assure/service';
import { uniqueName } from '@sec-assure/events/testing';
import { loadConfig } from '../config';
import { startPartyRegistry } from '../app';

export interface GqlResult<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }>;
}

export interface TestRegistry {
  handle: ServiceHandle;
  gql<T = Record<string, unknown>>(caller: Caller, query: string, variables?: Record<string, unknown>, correlationId?: string): Promise<GqlResult<T>>;
  /** Rows per table: a refused mutation must leave every count as it was. */
  counts(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export const ADMIN: Caller = { sub: 'admin-1', roles: ['SECAS_ADMIN'], partyId: null };
export const SSC: Caller = { sub: 'ssc-1', roles: ['SSC_MEMBER'], partyId: null };
export const CIO: Caller = { sub: 'cio-1', roles: ['USER_CIO'], partyId: null };
export const partyUser = (partyId: string): Caller => ({ sub: `user-of-${partyId}`, roles: ['PARTY_USER'], partyId });

// Not the projection of report-distribution's events: its consumer writes it whenever they arrive.
const TABLES = ['party', 'domestic_premises', 'shared_resource', 'engagement', 'audit_entry', 'outbox_message', 'party_role_change'];

export async function startTestRegistry(): Promise<TestRegistry> {
  const db = uniqueName('pr_test').toLowerCase();
  const config = loadConfig({
    ...process.env,
    PARTY_REGISTRY_PORT: '0',
    PARTY_REGISTRY_DB_NAME: db,
    KAFKA_GROUP_PREFIX: db,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  });
  const handle = await startPartyRegistry(config);
  const key = internalIdentitySigningKeyFromEnv();
  return {
    handle,
    async gql(caller, query, variables, correlationId = randomUUID()) {
      const identity = await signInternalIdentity(caller, correlationId, key, { subgraph: 'party-registry', operation: { query, variables: variables ?? null } });
      const response = await fetch(handle.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [INTERNAL_IDENTITY_HEADER]: identity },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GqlResult<never>;
    },
    async counts() {
      const out: Record<string, number> = {};
      for (const table of TABLES) {
        const [row] = (await handle.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)) as Array<{ n: number }>;
        out[table] = row?.n ?? 0;
      }
      return out;
    },
    async stop() {
      await handle.stop();
      await dropDatabase(config.database);
    },
  };
}
