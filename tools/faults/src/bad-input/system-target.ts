import { OUTBOX_TABLE } from '@sec-assure/events';
import type { RunningSystem } from '../../../e2e/src/system';
import { postGraphQL, type BadInputTarget } from './run';
import type { Caller } from './mutations';

/** The probe's view of a running system: the gateway as a client, the outboxes as an auditor. */
export async function systemTarget(system: RunningSystem): Promise<BadInputTarget> {
  const tokens = new Map<string, string>();
  const tokenOf = async (caller: Caller, party?: string): Promise<string> => {
    const key = caller === 'PARTY_USER' ? `${caller}:${party}` : caller;
    if (!tokens.has(key)) tokens.set(key, await system.token(caller, caller === 'PARTY_USER' ? party : undefined));
    return tokens.get(key)!;
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
