import { Pool } from 'undici';
import { percentile } from './load';

interface Gql {
  data?: Record<string, unknown> | null;
  errors?: unknown[];
}

export class GatewayClient {
  private readonly pool: Pool;
  private readonly path: string;

  constructor(url: string, private readonly token: string, connections = 8) {
    const target = new URL(url);
    this.pool = new Pool(target.origin, { connections });
    this.path = target.pathname;
  }

  async query(query: string, variables?: Record<string, unknown>): Promise<Gql> {
    const response = await this.pool.request({
      path: this.path,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.body.json()) as Gql;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

const REGISTER = 'mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }';
const NEXT = 'query($id: ID!) { party(id: $id) { nextAssessment { type } } }';
let serial = 0;
const run = Date.now().toString(36);

export async function registerParty(client: GatewayClient, prefix: string): Promise<string> {
  const result = await client.query(REGISTER, { input: { name: `${prefix} ${run}-${serial++}`, userRoles: ['IMPORT_SUPPLIER'], domesticPremises: 1000 } });
  const id = (result.data?.registerParty as { id?: string } | undefined)?.id;
  if (!id) throw new Error(`registerParty failed: ${JSON.stringify(result.errors)}`);
  return id;
}

/**
 * The event hop as a client sees it: from registerParty's answer (party-registry committed the
 * party and its outbox row) to the first read that shows assessment-scheduling's nextAssessment
 * for it (relay -> Kafka -> consumer -> projection; reads wait for the projection to catch up).
 */
export async function eventHop(client: GatewayClient, samples: number): Promise<{ p50: number; p99: number; timeouts: number; failedWrites: number }> {
  const hops: number[] = [];
  let timeouts = 0;
  let failedWrites = 0;
  for (let s = 0; s < samples; s++) {
    const id = await registerParty(client, 'Bench hop').catch(() => null);
    if (id === null) {
      failedWrites++;
      continue;
    }
    const t0 = performance.now();
    for (;;) {
      const result = await client.query(NEXT, { id });
      if ((result.data?.party as { nextAssessment?: unknown } | undefined)?.nextAssessment) break;
      if (performance.now() - t0 > 10_000) {
        timeouts++;
        break;
      }
    }
    hops.push(performance.now() - t0);
  }
  hops.sort((a, b) => a - b);
  return { p50: percentile(hops, 50), p99: percentile(hops, 99), timeouts, failedWrites };
}

/** Writes at a steady rate in the background (open loop) until the returned stop is called. */
export function backgroundWrites(client: GatewayClient, perSecond: number): () => Promise<{ achieved: number }> {
  let done = 0;
  let stopped = false;
  const started = performance.now();
  const pending = new Set<Promise<void>>();
  const tick = setInterval(() => {
    const due = Math.floor(((performance.now() - started) / 1000) * perSecond) - done - pending.size;
    // At most 256 in flight: past saturation the rate achieved says so, without an ever-growing queue to wait for.
    for (let k = 0; k < due && !stopped && pending.size < 256; k++) {
      const p: Promise<void> = registerParty(client, 'Bench load')
        .then(() => void done++)
        .catch(() => undefined)
        .finally(() => pending.delete(p));
      pending.add(p);
    }
  }, 5);
  return async () => {
    stopped = true;
    clearInterval(tick);
    const elapsed = (performance.now() - started) / 1000;
    await Promise.all(pending);
    return { achieved: done / elapsed };
  };
}
