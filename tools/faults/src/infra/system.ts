// The real system as child processes (four subgraphs and the gateway: the production bundles with
// plain node, or the sources through tsx in `dev` mode), on the harness's own ports, databases,
// consumer groups, PostgreSQL and broker. Each process can be SIGKILLed and started again on the
// same port and database.
import { Client } from 'pg';
import { LOCAL_DEV_JWT_SECRET, signLocalToken, type Role } from '@sec-assure/auth';
import { dbEnv, startService, SUBGRAPHS, waitHealthy, type Mode, type Service, type Started, type Subgraph } from '../../../bench/system/processes';
import { REPO_ROOT } from '../../../dev/processes';

export interface FaultSystemOptions {
  /** A unique prefix for databases and consumer groups. */
  run: string;
  /** Gateway port; the subgraphs take the next four. */
  portBase: number;
  pgPort: number;
  brokers: string;
  /** `prod`: apps/<app>/dist/main.js, built by the caller (bundles.ts); `dev` (default): the sources through tsx. */
  mode?: Mode;
  /** More environment for every service (e.g. KAFKA_SESSION_TIMEOUT_MS). */
  env?: NodeJS.ProcessEnv;
}

export interface FaultSystem {
  run: string;
  gatewayUrl: string;
  /** `<run>_<service>` on the harness's PostgreSQL. */
  databases: Record<Subgraph, string>;
  pg: (database: string) => Client;
  token: (role: Role, partyId?: string) => Promise<string>;
  /** SIGKILL, nothing else: no drain, no flush. */
  kill: (service: Service) => Promise<void>;
  /** A clean stop (SIGTERM: drain, leave the consumer groups), SIGKILL after 8 s. */
  terminate: (service: Service) => Promise<void>;
  /** What the last start of `service` wrote to stderr (the fault points report there). */
  stderr: (service: Service) => string;
  /** Starts `service` again (with `env` added: e.g. a fault point armed for this start only). */
  start: (service: Service, env?: NodeJS.ProcessEnv) => void;
  /** Resolves when the last start of `service` has exited, or false after `timeoutMs`. */
  exited: (service: Service, timeoutMs: number) => Promise<boolean>;
  /** Waits until the gateway reports every subgraph ready. */
  healthy: (timeoutMs?: number) => Promise<void>;
  stop: () => Promise<void>;
}

export async function startFaultSystem(options: FaultSystemOptions): Promise<FaultSystem> {
  const ports = new Map<Service, number>([['gateway', options.portBase], ...SUBGRAPHS.map((s, i) => [s, options.portBase + 1 + i] as [Service, number])]);
  const url = (s: Service): string => `http://127.0.0.1:${ports.get(s)}/graphql`;
  const databases = dbEnv(options.run);
  const env: NodeJS.ProcessEnv = {
    SEC_ASSURE_DEV: 'true',
    BIND_HOST: '127.0.0.1',
    LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? 'warn',
    PGHOST: '127.0.0.1',
    PGPORT: String(options.pgPort),
    PGUSER: 'postgres',
    KAFKA_BROKERS: options.brokers,
    KAFKA_GROUP_PREFIX: options.run,
    // A broker of its own: every topic starts empty, so the groups may read from the beginning.
    KAFKA_FROM_BEGINNING: 'true',
    // Load is the point here, not the per-caller limit.
    GATEWAY_RATE_LIMIT_PER_MINUTE: '0',
    SHUTDOWN_DEADLINE_MS: '5000',
    // No record heads: the audits compare outbox rows and topic messages read at different moments.
    RECORD_HEAD_INTERVAL_MS: '0',
    ...databases,
    ...options.env,
    ...Object.fromEntries(SUBGRAPHS.map((s) => [`${s.toUpperCase().replace(/-/g, '_')}_URL`, url(s)])),
  };
  const processes = new Map<Service, Started>();
  const stderr = new Map<Service, string>();
  const start = (service: Service, extra?: NodeJS.ProcessEnv): void => {
    const started = startService(REPO_ROOT, options.mode ?? 'dev', service, ports.get(service) ?? 0, { ...env, ...extra });
    stderr.set(service, '');
    started.child.stderr?.on('data', (chunk: Buffer) => stderr.set(service, `${stderr.get(service) ?? ''}${chunk.toString()}`.slice(-65_536)));
    processes.set(service, started);
  };
  const terminate = async ({ child, exited }: Started): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
    await exited;
    clearTimeout(timer);
  };
  const healthy = (timeoutMs = 180_000): Promise<void> => waitHealthy(`http://127.0.0.1:${options.portBase}/health`, timeoutMs);
  const system: FaultSystem = {
    run: options.run,
    gatewayUrl: url('gateway'),
    databases: Object.fromEntries(SUBGRAPHS.map((s) => [s, databases[`${s.toUpperCase().replace(/-/g, '_')}_DB_NAME`]])) as Record<Subgraph, string>,
    pg: (database) => new Client({ host: '127.0.0.1', port: options.pgPort, user: 'postgres', database }),
    token: (role, partyId) =>
      signLocalToken({ sub: `faults-${role.toLowerCase()}${partyId ? `-${partyId}` : ''}`, roles: [role], partyId: partyId ?? null }, { secret: process.env.AUTH_JWT_SECRET ?? LOCAL_DEV_JWT_SECRET, ttlSeconds: 3600 }),
    kill: async (service) => {
      const started = processes.get(service);
      if (!started || started.child.exitCode !== null || started.child.signalCode !== null) return;
      started.child.kill('SIGKILL');
      await started.exited;
    },
    terminate: async (service) => {
      const started = processes.get(service);
      if (started) await terminate(started);
    },
    stderr: (service) => stderr.get(service) ?? '',
    start,
    exited: async (service, timeoutMs) => {
      const started = processes.get(service);
      if (!started) return true;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      try {
        return await Promise.race([started.exited.then(() => true), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    healthy,
    stop: async () => void (await Promise.all([...processes.values()].map(terminate))),
  };
  // All at once: the gateway serves its static supergraph and reports healthy only once every
  // subgraph is ready (each has created and migrated its database by then).
  for (const s of [...SUBGRAPHS, 'gateway' as const]) start(s);
  try {
    await healthy();
  } catch (error) {
    await system.stop();
    throw error;
  }
  return system;
}
