/**
 * Latency and throughput of the running system as a client sees it, through the gateway.
 * Start the system first (`npm start`), then:
 *   npx tsx --tsconfig tsconfig.base.json tools/bench/gateway-bench.ts [--seconds 10] [--concurrency 8]
 * Prints, per operation: requests per second and the 50th/95th/99th percentile latency.
 */
import { LOCAL_DEV_JWT_SECRET, signLocalToken } from '@sec-assure/auth';

interface Scenario {
  name: string;
  /** One request's body; called for every request so that writes never collide. */
  body: (i: number) => { query: string; variables?: Record<string, unknown> };
}

const argument = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
  return value;
};

const GATEWAY = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
const run = Date.now().toString(36);

const SCENARIOS: Scenario[] = [
  {
    name: 'requiredAssessment (rules only)',
    body: (i) => ({
      query: 'query($input: RequirementInput!) { requiredAssessment(input: $input) { type ruleSet cyclePosition } }',
      variables: { input: { userRoles: ['IMPORT_SUPPLIER'], domesticPremises: (i * 7919) % 500_000, annualAssessmentsSinceLastFull: i % 3 } },
    }),
  },
  {
    name: 'parties(first: 20) with nextAssessment (2 subgraphs)',
    body: () => ({ query: '{ parties(first: 20) { id name domesticPremises nextAssessment { type } } }' }),
  },
  {
    name: 'registerParty (write + outbox)',
    body: (i) => ({
      query: 'mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }',
      variables: { input: { name: `Bench party ${run}-${i}`, userRoles: ['OTHER_USER'] } },
    }),
  },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function measure(scenario: Scenario, token: string, seconds: number, concurrency: number): Promise<void> {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const deadline = Date.now() + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (Date.now() < deadline) {
      const started = performance.now();
      const response = await fetch(GATEWAY, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(scenario.body(next++)),
      });
      const body = (await response.json()) as { errors?: unknown[] };
      if (body.errors) failures++;
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  latencies.sort((a, b) => a - b);
  const rate = latencies.length / seconds;
  console.log(
    `${scenario.name.padEnd(52)} ${rate.toFixed(0).padStart(6)} req/s   p50 ${percentile(latencies, 50).toFixed(1)} ms   ` +
      `p95 ${percentile(latencies, 95).toFixed(1)} ms   p99 ${percentile(latencies, 99).toFixed(1)} ms   errors ${failures}`,
  );
}

async function main(): Promise<void> {
  const seconds = argument('seconds', 10);
  const concurrency = argument('concurrency', 8);
  const token = await signLocalToken(
    { sub: 'gateway-bench', roles: ['SECAS_ADMIN'], partyId: null },
    { secret: process.env.AUTH_JWT_SECRET ?? LOCAL_DEV_JWT_SECRET, ttlSeconds: 3600 },
  );
  const health = await fetch(GATEWAY.replace(/\/graphql$/, '/health')).catch(() => null);
  if (health?.status !== 200) throw new Error(`the gateway at ${GATEWAY} is not healthy: start the system with \`npm start\` first`);
  console.log(`gateway ${GATEWAY}, ${concurrency} concurrent clients, ${seconds} s per operation`);
  for (const scenario of SCENARIOS) await measure(scenario, token, seconds, concurrency);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
