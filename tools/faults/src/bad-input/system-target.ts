import { OUTBOX_TABLE } from '@sec-assure/events';
import type { RunningSystem } from '../../../e2e/src/system';
import { postGraphQL, type BadInputTarget } from './run';
import type { Caller } from './mutations';

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
