// Every Kafka topic of the platform, in one place. The suffix is the contract version: a breaking
// change to any event on a topic means a new topic (".v2"), never an in-place change.
export const TOPICS = {
  partyRegistry: 'sec.party-registry.v1',
  assessmentScheduling: 'sec.assessment-scheduling.v1',
  reportDistribution: 'sec.report-distribution.v1',
  sscMembership: 'sec.ssc-membership.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

export const TOPIC_NAMES: readonly TopicName[] = Object.values(TOPICS);

/** The service that owns (is the only producer on) each topic; it is the envelope's `source`. */
export const TOPIC_SOURCES = {
  'sec.party-registry.v1': 'party-registry',
  'sec.assessment-scheduling.v1': 'assessment-scheduling',
  'sec.report-distribution.v1': 'report-distribution',
  'sec.ssc-membership.v1': 'ssc-membership',
} as const satisfies Record<TopicName, string>;

export type SourceName = (typeof TOPIC_SOURCES)[TopicName];

export function isTopicName(value: string): value is TopicName {
  return (TOPIC_NAMES as readonly string[]).includes(value);
}

/**
 * The Kafka topic behind each contract topic. In production they are the same name. A throwaway
 * system may add a suffix (KAFKA_TOPIC_SUFFIX), so that what a test puts on its topics (bad values,
 * redeliveries) reaches no other system on a shared broker. Everything the services exchange
 * (events' topics, the gateway's topic ends, outbox rows) stays in contract names; only the
 * broker sees the suffix.
 */
export interface TopicNaming {
  readonly suffix: string;
  physical(topic: TopicName): string;
  /** The contract topic of a Kafka topic name, or undefined for a topic that is not one of ours. */
  contract(physical: string): TopicName | undefined;
}

export function topicNaming(suffix = ''): TopicNaming {
  const byPhysical = new Map<string, TopicName>(TOPIC_NAMES.map((t) => [`${t}${suffix}`, t]));
  return { suffix, physical: (topic) => `${topic}${suffix}`, contract: (physical) => byPhysical.get(physical) };
}

export const CONTRACT_TOPIC_NAMING: TopicNaming = topicNaming('');

/** KAFKA_TOPIC_SUFFIX: letters, digits, '.', '_' or '-', at most 60; empty (the default) in production. */
export function topicSuffixFromEnv(env: NodeJS.ProcessEnv): string {
  const raw = env.KAFKA_TOPIC_SUFFIX ?? '';
  if (raw !== '' && !/^[A-Za-z0-9._-]{1,60}$/.test(raw)) {
    throw new Error(`Configuration: KAFKA_TOPIC_SUFFIX="${raw}" is not valid (letters, digits, '.', '_' or '-', at most 60; leave it unset in production)`);
  }
  return raw;
}
