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
