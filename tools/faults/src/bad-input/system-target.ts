import { OUTBOX_TABLE } from '@sec-assure/events';
import { SUBGRAPHS } from '../../../bench/system/processes';
import type { RunningSystem } from '../../../e2e/src/system';
import type { FaultSystem } from '../infra/system';
import { postGraphQL, type BadInputTarget } from './run';
import type { Caller } from './mutations';

/** Mints a caller's token once every five minutes (test tokens live ten, a full run can take longer). */
function tokenCache(mint: (caller: Caller, party?: string) => Promise<string>): (caller: Caller, party?: string) => Promise<string> {
  const tokens = new Map<string, { token: string; at: number }>();
  return async (caller, party) => {
    const key = caller === 'PARTY_USER' ? `${caller}:${party}` : caller;
    const cached = tokens.get(key);
    if (cached && Date.now() - cached.at < 5 * 60_000) return cached.token;
    const token = await mint(caller, caller === 'PARTY_USER' ? party : undefined);
    tokens.set(key, { token, at: Date.now() });
    return token;
  };
}

/** The same view of the fault harness's system (child processes, its own PostgreSQL): one system for both. */
export function faultSystemTarget(system: FaultSystem): BadInputTarget {
  const tokenOf = tokenCache((caller, party) => system.token(caller, party));
  return {
    send: async (query, variables, caller = 'SECAS_ADMIN', party) => postGraphQL(system.gatewayUrl, await tokenOf(caller, party), query, variables),
    outboxRows: async () => {
      let total = 0;
      for (const service of SUBGRAPHS) {
        const client = system.pg(system.databases[service]);
        await client.connect();
        try {
          total += (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${OUTBOX_TABLE}`)).rows[0]?.n ?? 0;
        } finally {
          await client.end();
        }
      }
      return total;
    },
    healthy: async () => (await fetch(system.gatewayUrl.replace(/\/graphql$/, '/health'))).status === 200,
  };
}

/** The probe's view of a running system: the gateway as a client, the outboxes as an auditor. */
export async function systemTarget(system: RunningSystem): Promise<BadInputTarget> {
  // Test tokens live 10 minutes and a full run can take longer: mint again after five.
  const tokens = new Map<string, { token: string; at: number }>();
  const tokenOf = async (caller: Caller, party?: string): Promise<string> => {
    const key = caller === 'PARTY_USER' ? `${caller}:${party}` : caller;
    const cached = tokens.get(key);
    if (cached && Date.now() - cached.at < 5 * 60_000) return cached.token;
    const token = await system.token(caller, caller === 'PARTY_USER' ? party : undefined);
    tokens.set(key, { token, at: Date.now() });
    return token;
  };
  return {
    send: async (query, variables, caller = 'SECAS_ADMIN', party) => postGraphQL(system.gatewayUrl, await tokenOf(caller, party), query, variables),
    outboxRows: async () => {
      let total = 0;
      for (const service of Object.values(system.services)) {
        const [row] = (await service.dataSource.query(`SELECT count(*)::int AS n FROM ${OUTBOX_TABLE}`)) as Array<{ n: number }>;
        total += row!.n;
      }
      return total;
    },
    healthy: async () => (await fetch(system.gatewayUrl.replace(/\/graphql$/, '/health'))).status === 200,
  };
}
