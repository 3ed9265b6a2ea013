/**
 * `npm start`: PostgreSQL, Kafka, the four subgraphs and the gateway, with demo data.
 * Ctrl-C stops the services, and Kafka only if this command started it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SUBGRAPHS } from '@sec-assure/service/subgraphs';
import { REPO_ROOT, killAll, run, startTs, stopAll, waitForHealth, type Managed } from './processes';

const SERVICES = SUBGRAPHS;
const GATEWAY_PORT = Number(process.env.GATEWAY_PORT ?? 4000);
// The services stop within their SHUTDOWN_DEADLINE_MS (10 s); past this, they are killed.
const STOP_GRACE_MS = Number(process.env.SHUTDOWN_DEADLINE_MS ?? 10_000) + 2_000;
// `--prod` (npm run start:prod): the production build run by plain node, as in the Docker image.
const PROD = process.argv.includes('--prod');
const entry = (name: string): string => (PROD ? `apps/${name}/dist/main.js` : `apps/${name}/src/main.ts`);
// `npm start` is local development: the services may use the public development secrets, and
// then bind to loopback only (they refuse otherwise). Nothing else turns this switch on.
const DEV_ENV: NodeJS.ProcessEnv = { SEC_ASSURE_DEV: 'true' };
// The broker this command runs is the one the services use, unless told otherwise.
const SERVICE_ENV: NodeJS.ProcessEnv = {
  ...DEV_ENV,
  ...(process.env.KAFKA_BROKERS ? {} : { KAFKA_BROKERS: `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}` }),
};

async function main(): Promise<void> {
  const started = Date.now();
  const managed: Managed[] = [];
  let kafkaStartedHere = false;
  let stopping = false;

  // First signal: stop the services (their own deadline, then SIGKILL) and the broker started here.
  // A second signal: SIGKILL the services and the broker at once. Either way nothing this command
  // started outlives it (before, a second signal exited at once and left them all running).
  let hardStop = false;
  const stopKafka = (): Promise<number> =>
    run('bash', ['tools/kafka/kafka.sh', 'stop'], hardStop ? { KAFKA_STOP_TIMEOUT: '0' } : { KAFKA_STOP_TIMEOUT: '15' });
  const shutdown = async (code: number): Promise<never> => {
    if (stopping) {
      if (!hardStop) {
        hardStop = true;
        console.log('[up] second signal: killing the services and the broker now');
        killAll(managed);
        if (kafkaStartedHere) await stopKafka();
        process.exit(code === 0 ? 130 : code);
      }
      return new Promise<never>(() => undefined);
    }
    stopping = true;
    console.log('[up] stopping services (Ctrl-C again to kill them at once)');
    await stopAll(managed, STOP_GRACE_MS);
    if (kafkaStartedHere && !hardStop) await stopKafka();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  console.log('[up] PostgreSQL');
  if ((await run('bash', ['tools/infra/postgres.sh', 'ensure'])) !== 0) {
    console.error('[up] PostgreSQL could not be started (see above); nothing else was started.');
    process.exit(1);
  }
  console.log('[up] Kafka');
  kafkaStartedHere = (await run('bash', ['tools/kafka/kafka.sh', 'status'])) !== 0;
  if (kafkaStartedHere && (await run('bash', ['tools/kafka/kafka.sh', 'start'])) !== 0) {
    console.error('[up] Kafka could not be started (see above); nothing else was started.');
    process.exit(1);
  }

  if (PROD) {
    console.log('[up] production build');
    if ((await run(process.execPath, ['--import', 'tsx', 'tools/build/build.ts'])) !== 0) {
      console.error('[up] the production build failed (see above); nothing else was started.');
      await shutdown(1);
    }
  }
  SERVICES.forEach(({ name }, i) => managed.push(startTs(name, entry(name), SERVICE_ENV, i)));
  for (const { name, port } of SERVICES) {
    const service = managed.find((m) => m.name === name)!;
    const alive = (): boolean => service.child.exitCode === null;
    if (!(await waitForHealth(`http://127.0.0.1:${port}/health/ready`, 90_000, alive))) {
      console.error(`[up] ${name} did not become healthy on port ${port} (its log lines are above); stopping.`);
      await shutdown(1);
    }
  }
  const gateway = startTs('gateway', entry('gateway'), DEV_ENV, SERVICES.length);
  managed.push(gateway);
  if (!(await waitForHealth(`http://127.0.0.1:${GATEWAY_PORT}/health/ready`, 60_000, () => gateway.child.exitCode === null))) {
    console.error('[up] gateway did not become healthy; stopping.');
    await shutdown(1);
  }

  const seeder = path.join(REPO_ROOT, 'tools/demo/seed.ts');
  if (process.env.SEED_DEMO !== 'false' && fs.existsSync(seeder)) {
    console.log('[up] demo data');
    await run(process.execPath, ['--import', 'tsx', seeder], { ...DEV_ENV, TSX_TSCONFIG_PATH: path.join(REPO_ROOT, 'tsconfig.base.json') });
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\n[up] ready in ${seconds} s`);
  console.log(`[up] GraphQL:    http://127.0.0.1:${GATEWAY_PORT}/graphql`);
  console.log(`[up] Playground: http://127.0.0.1:${GATEWAY_PORT}/playground`);
  console.log('[up] Token:      npx tsx tools/token/mint.ts --role SECAS_ADMIN');
  console.log('[up] Ctrl-C stops everything this command started.\n');

  // Any service dying takes the system down, loudly, rather than leaving half of it running.
  const first = await Promise.race(managed.map((m) => m.exited.then((code) => ({ name: m.name, code }))));
  if (!stopping) {
    console.error(`[up] ${first.name} exited (code ${first.code}); stopping the rest.`);
    await shutdown(1);
  }
}

main().catch((error: unknown) => {
  console.error('[up] failed:', (error as Error).message);
  process.exit(1);
});
