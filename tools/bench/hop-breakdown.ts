/**
 * Where the event hop's time goes. registerParty through the gateway, then reads until
 * assessment-scheduling's nextAssessment shows the party (as tools/bench/system-bench.ts measures
 * it), one sample after another; afterwards PostgreSQL's own timestamps split each hop: the write's
 * transaction (outbox `created_at`), the relay's round that published it (`sent_at`, its
 * transaction's start), the consumer's batch that applied it (`processed_at`, likewise).
 *   npx tsx tools/bench/hop-breakdown.ts [--samples 40] [--writes 150] [--port-base 4500] [--root <checkout>]
 * `--writes <n>`: registerParty at n a second in the background while the samples are taken.
 * Uses the production build (`npm run build` first) and the broker of KAFKA_BROKERS.
 */
import path from 'node:path';
import { Client } from 'pg';
import { LOCAL_DEV_JWT_SECRET, signLocalToken } from '@sec-assure/auth';
import { backgroundWrites, GatewayClient } from './system/hop';
import { dbEnv, startService, stop, SUBGRAPHS, waitHealthy, type Service, type Started } from './system/processes';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? String(process.argv[at + 1]) : fallback;
}

const envName = (service: string): string => service.toUpperCase().replace(/-/g, '_');
const percentile = (values: number[], p: number): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? NaN;

const REGISTER = 'mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }';
const NEXT = 'query($id: ID!) { party(id: $id) { nextAssessment { type } } }';

async function rows<T>(database: string, sql: string, params: unknown[]): Promise<T[]> {
  const pg = new Client({ host: process.env.PGHOST ?? '127.0.0.1', port: Number(process.env.PGPORT ?? 5432), user: process.env.PGUSER ?? 'postgres', database });
  await pg.connect();
  try {
    return (await pg.query(sql, params)).rows as T[];
  } finally {
    await pg.end();
  }
}

async function main(): Promise<void> {
  const root = path.resolve(option('root', path.resolve(__dirname, '..', '..')));
  const samples = Number(option('samples', '40'));
  const portBase = Number(option('port-base', '4500'));
  const run = `hop_${Date.now().toString(36)}`;
  const ports = new Map<Service, number>([['gateway', portBase], ...SUBGRAPHS.map((s, i) => [s, portBase + 1 + i] as [Service, number])]);
  const url = (s: Service): string => `http://127.0.0.1:${ports.get(s) ?? 0}`;
  const databases = dbEnv(run);
  const env: NodeJS.ProcessEnv = {
    SEC_ASSURE_DEV: 'true',
    KAFKA_GROUP_PREFIX: run,
    KAFKA_FROM_BEGINNING: 'false',
    GATEWAY_RATE_LIMIT_PER_MINUTE: '0',
    ...databases,
    ...Object.fromEntries(SUBGRAPHS.map((s) => [`${envName(s)}_URL`, `${url(s)}/graphql`])),
  };
  const processes: Started[] = [];
  try {
    for (const s of [...SUBGRAPHS, 'gateway'] as const) processes.push(startService(root, 'prod', s, ports.get(s) ?? 0, env));
    await waitHealthy(`${url('gateway')}/health`, 180_000);
    const token = await signLocalToken({ sub: 'bench-admin', roles: ['SECAS_ADMIN'], partyId: null }, { secret: LOCAL_DEV_JWT_SECRET, ttlSeconds: 3600 });
    const client = new GatewayClient(`${url('gateway')}/graphql`, token);
    const hops = new Map<string, { write: number; visible: number }>();
    const rate = Number(option('writes', '0'));
    const background = rate > 0 ? new GatewayClient(`${url('gateway')}/graphql`, token, 64) : undefined;
    const stopWrites = background ? backgroundWrites(background, rate) : undefined;
    // The first five warm up (the relay's first transaction, the consumers' first fetch).
    for (let s = -5; s < samples; s++) {
      const t0 = performance.now();
      const result = await client.query(REGISTER, { input: { name: `Hop ${run}-${s}`, userRoles: ['IMPORT_SUPPLIER'], domesticPremises: 1000 } });
      const t1 = performance.now();
      const id = (result.data?.registerParty as { id?: string } | undefined)?.id;
      if (!id) throw new Error(`registerParty failed: ${JSON.stringify(result.errors)}`);
      for (;;) {
        const read = await client.query(NEXT, { id });
        if ((read.data?.party as { nextAssessment?: unknown } | undefined)?.nextAssessment) break;
        if (performance.now() - t1 > 10_000) throw new Error(`party ${id} not visible through nextAssessment after 10 s`);
      }
      if (s >= 0) hops.set(id, { write: t1 - t0, visible: performance.now() - t1 });
    }
    const achieved = await stopWrites?.();
    await Promise.all([client.close(), background?.close()]);
    // PostgreSQL's clock for the steps inside the system (milliseconds from the write's transaction).
    type Outbox = { id: string; key: string; created: number; sent: number };
    const outbox = await rows<Outbox>(
      databases.PARTY_REGISTRY_DB_NAME ?? '',
      `SELECT id, key, extract(epoch FROM created_at) * 1000 AS created, extract(epoch FROM sent_at) * 1000 AS sent
         FROM outbox_message WHERE key = ANY($1) AND type = 'PartyRegistered'`,
      [[...hops.keys()]],
    );
    const processed = new Map(
      (
        await rows<{ event_id: string; at: number }>(
          databases.ASSESSMENT_SCHEDULING_DB_NAME ?? '',
          `SELECT event_id, extract(epoch FROM processed_at) * 1000 AS at FROM processed_event WHERE event_id = ANY($1::uuid[])`,
          [outbox.map((o) => o.id)],
        )
      ).map((r) => [r.event_id, Number(r.at)]),
    );
    const steps = outbox.map((o) => ({ relay: Number(o.sent) - Number(o.created), kafka: (processed.get(o.id) ?? NaN) - Number(o.sent) }));
    const line = (name: string, values: number[]): string => {
      const seen = values.filter((v) => !Number.isNaN(v));
      return `| ${name}${seen.length < values.length ? ` (${values.length - seen.length} missing)` : ''} | ${percentile(seen, 50).toFixed(1)} | ${percentile(seen, 99).toFixed(1)} |`;
    };
    console.log(`event hop, ${hops.size} samples one after another${achieved ? `, registerParty at ${achieved.achieved.toFixed(0)}/s in the background (asked ${rate}/s)` : ''}`);
    console.log('| step | p50 ms | p99 ms |');
    console.log('|---|---|---|');
    console.log(line('registerParty, sent to answered (client)', [...hops.values()].map((h) => h.write)));
    console.log(line("write's transaction to the relay's round that published it (PostgreSQL)", steps.map((s) => s.relay)));
    console.log(line("relay's round to the consumer's batch that applied it: Kafka transaction, fetch (PostgreSQL)", steps.map((s) => s.kafka)));
    console.log(line('registerParty answered to visible through nextAssessment (client)', [...hops.values()].map((h) => h.visible)));
  } finally {
    await stop(processes);
    const pg = new Client({ host: process.env.PGHOST ?? '127.0.0.1', user: process.env.PGUSER ?? 'postgres', database: 'postgres' });
    await pg.connect();
    for (const name of Object.values(databases)) await pg.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await pg.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
