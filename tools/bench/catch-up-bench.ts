/**
 * What one projection catch-up check costs (libs/service/src/kafka-catch-up.ts asks the broker
 * for the topics' high watermarks before every read's answer), both ways side by side in one run:
 * kafkajs's own `fetchTopicOffsets` per topic (two requests each, one after the other) and
 * `fetchHighWatermarks` (one request for all topics; patches/kafkajs+2.2.4.patch). Prints wall
 * time and this process's CPU per check, sequential checks, alternating rounds.
 *   KAFKA_BROKERS=127.0.0.1:9092 npx tsx --tsconfig tsconfig.base.json tools/bench/catch-up-bench.ts
 *        [--checks 2000] [--rounds 3] [--topics sec.party-registry.v1,...]
 * The topics must exist (a running system, or `npm start`, creates them).
 */
import pino from 'pino';
import type { Admin } from 'kafkajs';
import { createKafka, fetchHighWatermarks, TOPIC_NAMES } from '@sec-assure/events';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? String(process.argv[at + 1]) : fallback;
}

type Way = { name: string; check: (admin: Admin, topics: string[]) => Promise<unknown> };

const WAYS: Way[] = [
  { name: 'fetchTopicOffsets per topic (kafkajs)', check: (admin, topics) => Promise.all(topics.map((topic) => admin.fetchTopicOffsets(topic))) },
  { name: 'fetchHighWatermarks (one request)', check: (admin, topics) => fetchHighWatermarks(admin, topics) },
];

async function measure(admin: Admin, topics: string[], way: Way, checks: number): Promise<{ wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let i = 0; i < checks; i += 1) await way.check(admin, topics);
  const used = process.cpuUsage(cpu);
  return { wallMs: Number(process.hrtime.bigint() - started) / 1e6 / checks, cpuMs: (used.user + used.system) / 1000 / checks };
}

async function main(): Promise<void> {
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const checks = Number(option('checks', '2000'));
  const rounds = Number(option('rounds', '3'));
  const topics = option('topics', TOPIC_NAMES.join(',')).split(',');
  const kafka = createKafka({ brokers, clientId: 'catch-up-bench', logger: pino({ level: 'warn' }), retry: { retries: 3 } });
  const admin = kafka.admin();
  await admin.connect();
  try {
    // Warm both paths (metadata, connections, JIT) before measuring.
    for (const way of WAYS) await measure(admin, topics, way, 200);
    console.log(`catch-up check, ${topics.length} topics, ${checks} sequential checks per cell, broker ${brokers.join(',')}`);
    console.log('| round | way | wall ms per check | CPU ms per check |');
    console.log('|---|---|---|---|');
    const totals = new Map<string, { wallMs: number; cpuMs: number }>();
    for (let round = 1; round <= rounds; round += 1) {
      for (const way of WAYS) {
        const result = await measure(admin, topics, way, checks);
        const sum = totals.get(way.name) ?? { wallMs: 0, cpuMs: 0 };
        totals.set(way.name, { wallMs: sum.wallMs + result.wallMs, cpuMs: sum.cpuMs + result.cpuMs });
        console.log(`| ${round} | ${way.name} | ${result.wallMs.toFixed(3)} | ${result.cpuMs.toFixed(3)} |`);
      }
    }
    const [before, after] = WAYS.map((way) => totals.get(way.name) as { wallMs: number; cpuMs: number });
    console.log(`one request / per topic, over all rounds: wall ${(after.wallMs / before.wallMs).toFixed(2)}x, CPU ${(after.cpuMs / before.cpuMs).toFixed(2)}x`);
  } finally {
    await admin.disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
