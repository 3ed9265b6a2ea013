import { TOPICS, type TopicName } from '@sec-assure/events';

export const ALL_SUBGRAPHS = ['party-registry', 'assessment-scheduling', 'report-distribution', 'ssc-membership'] as const;
export type Subgraph = (typeof ALL_SUBGRAPHS)[number];

/**
 * Each subgraph's consumers as its app.ts declares them (name, topics): the harness commits their
 * groups' starting offsets before any replica joins and watches their assignments. A name that
 * drifted shows as a group without members in the rebalance check.
 */
export const CONSUMERS: Record<Subgraph, ReadonlyArray<{ name: string; topics: TopicName[] }>> = {
  'party-registry': [{ name: 'issued-copies', topics: [TOPICS.reportDistribution] }],
  'assessment-scheduling': [{ name: 'party-projection', topics: [TOPICS.partyRegistry] }],
  'report-distribution': [{ name: 'distribution-projection', topics: [TOPICS.partyRegistry, TOPICS.assessmentScheduling] }],
  'ssc-membership': [{ name: 'party-projection', topics: [TOPICS.partyRegistry] }],
};

/** One run's names and ports: nothing here is shared with another run or another tool. */
export interface Plan {
  run: string;
  subgraphs: readonly Subgraph[];
  replicas: number;
  /** Gateway on it; replica r of the i-th subgraph on portBase + 10 * (r + 1) + i (4800-4899). */
  portBase: number;
  brokers: string[];
  sessionTimeoutMs: number;
}

export const envPrefix = (service: string): string => service.toUpperCase().replace(/-/g, '_');

export const replicaName = (subgraph: Subgraph, replica: number): string => `${subgraph}#${String.fromCharCode(97 + replica)}`;

export function replicaPort(plan: Plan, subgraph: Subgraph, replica: number): number {
  return plan.portBase + 10 * (replica + 1) + ALL_SUBGRAPHS.indexOf(subgraph);
}

export const replicaUrl = (plan: Plan, subgraph: Subgraph, replica: number): string => `http://127.0.0.1:${replicaPort(plan, subgraph, replica)}/graphql`;

export const gatewayUrl = (plan: Plan): string => `http://127.0.0.1:${plan.portBase}/graphql`;

export const databaseName = (plan: Plan, subgraph: Subgraph): string => `${plan.run}_${subgraph.replace(/-/g, '_')}`;

/** KAFKA_GROUP_PREFIX of the run; a service's groups are `<prefix>.<service>.<consumer>`. */
export const groupPrefix = (plan: Plan): string => plan.run;

export function groupsOf(plan: Plan, subgraph: Subgraph): Array<{ groupId: string; topics: TopicName[] }> {
  return CONSUMERS[subgraph].map((c) => ({ groupId: `${groupPrefix(plan)}.${subgraph}.${c.name}`, topics: c.topics }));
}

/** The environment of one replica: its port, the run's database, groups and session timeout. */
export function replicaEnv(plan: Plan, subgraph: Subgraph, replica: number): NodeJS.ProcessEnv {
  return {
    SEC_ASSURE_DEV: 'true',
    BIND_HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    // The audit counts "event handled" lines, also of replicas it SIGKILLs: each line written at once.
    LOG_FLUSH_MS: '0',
    KAFKA_BROKERS: plan.brokers.join(','),
    KAFKA_GROUP_PREFIX: groupPrefix(plan),
    // The harness commits every group's starting offsets first, so where a new group starts never matters.
    KAFKA_FROM_BEGINNING: 'true',
    KAFKA_SESSION_TIMEOUT_MS: String(plan.sessionTimeoutMs),
    SHUTDOWN_DEADLINE_MS: '5000',
    // No record heads: the audit compares each outbox with its topic at one moment.
    RECORD_HEAD_INTERVAL_MS: '0',
    [`${envPrefix(subgraph)}_PORT`]: String(replicaPort(plan, subgraph, replica)),
    [`${envPrefix(subgraph)}_DB_NAME`]: databaseName(plan, subgraph),
  };
}

/** The gateway's environment: every replica of each subgraph in `<NAME>_URLS`. */
export function gatewayEnv(plan: Plan): NodeJS.ProcessEnv {
  const urls = Object.fromEntries(
    ALL_SUBGRAPHS.map((s) => {
      // A subgraph left out of a reduced run points at a port of this run where nothing listens.
      const replicas = plan.subgraphs.includes(s) ? Array.from({ length: plan.replicas }, (_, r) => replicaUrl(plan, s, r)) : [replicaUrl(plan, s, 8)];
      return [`${envPrefix(s)}_URLS`, replicas.join(',')];
    }),
  );
  // The run's broker: the gateway reads the topics' ends there for its subgraph calls (read-your-writes).
  return { SEC_ASSURE_DEV: 'true', BIND_HOST: '127.0.0.1', LOG_LEVEL: 'warn', GATEWAY_PORT: String(plan.portBase), GATEWAY_RATE_LIMIT_PER_MINUTE: '0', KAFKA_BROKERS: plan.brokers.join(','), ...urls };
}
