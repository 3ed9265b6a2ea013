import { randomBytes } from 'node:crypto';
import { dropDatabase, type ServiceConfig, type ServiceHandle } from '@sec-assure/service';
import { LOCAL_DEV_JWT_SECRET, signLocalToken, type Role } from '@sec-assure/auth';
import { topicNaming, type TopicName } from '@sec-assure/events';
import { testKafka } from '@sec-assure/events/testing';
import { loadConfig as partyRegistryConfig } from '../../../apps/party-registry/src/config';
import { startPartyRegistry } from '../../../apps/party-registry/src/app';
import { loadConfig as assessmentSchedulingConfig } from '../../../apps/assessment-scheduling/src/config';
import { startAssessmentScheduling } from '../../../apps/assessment-scheduling/src/app';
import { loadConfig as reportDistributionConfig } from '../../../apps/report-distribution/src/config';
import { startReportDistribution } from '../../../apps/report-distribution/src/app';
import { loadConfig as sscMembershipConfig } from '../../../apps/ssc-membership/src/config';
import { startSscMembership } from '../../../apps/ssc-membership/src/app';
import { loadConfig as gatewayConfig } from '../../../apps/gateway/src/config';
import { startGateway, type RunningGateway } from '../../../apps/gateway/src/server';

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } & Record<string, unknown> }>;
}

export interface RunningSystem {
  gatewayUrl: string;
  services: Record<string, ServiceHandle>;
  gateway: RunningGateway;
  token: (role: Role, partyId?: string) => Promise<string>;
  query: <T = Record<string, unknown>>(token: string | null, query: string, variables?: Record<string, unknown>) => Promise<GraphQLResult<T>>;
  /** The Kafka topic this system uses for a contract topic (its own with `ownTopics`, else the contract's). */
  topic: (contract: TopicName) => string;
  /** A second gateway in front of the same subgraphs and topics (settings on top of the harness's); the caller stops it. */
  anotherGateway: (env?: Record<string, string>) => Promise<RunningGateway>;
  stop: () => Promise<void>;
}

/**
 * The whole system in one process, as a client sees it: four subgraphs with their own throwaway
 * databases, the gateway in front, all on free ports, all on the real PostgreSQL and Kafka.
 */
export interface StartSystemOptions {
  /** Database name per service (e.g. restored copies) instead of fresh throwaway ones. */
  databases?: Partial<Record<string, string>>;
  /**
   * Topics of its own (the contract names with a suffix, KAFKA_TOPIC_SUFFIX), deleted at stop: for
   * a spec that puts values on the topics that other systems on the shared test broker must not see.
   */
  ownTopics?: boolean;
  /** Gateway settings on top of the harness's (e.g. GATEWAY_KEEP_ANSWERS_SECONDS=0 for a spec of what happens without kept answers). */
  gatewayEnv?: Record<string, string>;
}

export async function startSystem(options: StartSystemOptions = {}): Promise<RunningSystem> {
  const run = `e2e_${randomBytes(4).toString('hex')}`;
  const topics = topicNaming(options.ownTopics ? `.${run}` : '');
  const topicEnv = options.ownTopics ? { KAFKA_TOPIC_SUFFIX: topics.suffix } : {};
  // Every process of the system, subgraphs and gateways alike.
  const common: NodeJS.ProcessEnv = {
    ...process.env,
    ...topicEnv,
    // Throwaway system on loopback ports with the public development secrets: say so explicitly.
    SEC_ASSURE_DEV: 'true',
    BIND_HOST: '127.0.0.1',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    // In-process, inside a jest worker: each line written at once, no buffer left for the worker's exit.
    LOG_FLUSH_MS: '0',
  };
  const env = (service: string): NodeJS.ProcessEnv => ({
    ...common,
    KAFKA_GROUP_PREFIX: run,
    // Consumers join before the test changes anything, so they need not replay older runs' events.
    KAFKA_FROM_BEGINNING: 'false',
    // No record heads unless a spec asks: specs compare outbox counts before and after a request.
    RECORD_HEAD_INTERVAL_MS: process.env.RECORD_HEAD_INTERVAL_MS ?? '0',
    [`${service.toUpperCase().replace(/-/g, '_')}_PORT`]: '0',
    [`${service.toUpperCase().replace(/-/g, '_')}_DB_NAME`]: options.databases?.[service] ?? `${run}_${service.replace(/-/g, '_')}`,
  });
  // Each app's own config type goes with its own start function, hence the closures.
  const starters: Array<[string, () => { config: ServiceConfig; start: () => Promise<ServiceHandle> }]> = [
    ['party-registry', () => { const c = partyRegistryConfig(env('party-registry')); return { config: c, start: () => startPartyRegistry(c) }; }],
    ['assessment-scheduling', () => { const c = assessmentSchedulingConfig(env('assessment-scheduling')); return { config: c, start: () => startAssessmentScheduling(c) }; }],
    ['report-distribution', () => { const c = reportDistributionConfig(env('report-distribution')); return { config: c, start: () => startReportDistribution(c) }; }],
    ['ssc-membership', () => { const c = sscMembershipConfig(env('ssc-membership')); return { config: c, start: () => startSscMembership(c) }; }],
  ];
  const configs: Array<[string, ServiceConfig]> = [];
  const services: Record<string, ServiceHandle> = {};
  for (const [name, prepare] of starters) {
    const { config, start } = prepare();
    configs.push([name, config]);
    services[name] = await start();
  }
  await Promise.all(Object.values(services).map((s) => s.consumersReady));

  const gatewayOn = (extra?: Record<string, string>): Promise<RunningGateway> =>
    startGateway(
      gatewayConfig({
        ...common,
        GATEWAY_PORT: '0',
        PARTY_REGISTRY_URL: services['party-registry']!.url,
        ASSESSMENT_SCHEDULING_URL: services['assessment-scheduling']!.url,
        REPORT_DISTRIBUTION_URL: services['report-distribution']!.url,
        SSC_MEMBERSHIP_URL: services['ssc-membership']!.url,
        ...extra,
      }),
    );
  const gateway = await gatewayOn(options.gatewayEnv);

  const query: RunningSystem['query'] = async (token, text, variables) => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: text, variables }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  };

  return {
    gatewayUrl: gateway.url,
    services,
    gateway,
    token: (role, partyId) =>
      signLocalToken(
        { sub: `e2e-${role.toLowerCase()}`, roles: [role], partyId: partyId ?? null },
        { secret: process.env.AUTH_JWT_SECRET ?? LOCAL_DEV_JWT_SECRET, ttlSeconds: 3600 },
      ),
    query,
    topic: (contract) => topics.physical(contract),
    anotherGateway: (env) => gatewayOn(env),
    stop: async () => {
      await gateway.stop();
      for (const [name, config] of configs) {
        await services[name]?.stop();
        await dropDatabase(config.database);
      }
      if (options.ownTopics) await deleteTopicsEndingIn(topics.suffix, run);
    },
  };
}

/** Deletes a run's own topics and their dead-letter topics (`<topic>.dlq.<group>`, the group named by the run). */
async function deleteTopicsEndingIn(suffix: string, run: string): Promise<void> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const mine = (await admin.listTopics()).filter((t) => t.endsWith(suffix) || t.includes(`${suffix}.dlq.`) || t.includes(`.dlq.${run}.`));
    if (mine.length > 0) await admin.deleteTopics({ topics: mine });
  } finally {
    await admin.disconnect();
  }
}

/** Polls until `check` returns a value (events cross Kafka asynchronously). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ''}`);
}
