// The broker client alone (no event definitions or schemas): what the gateway needs to read the
// topics' ends without loading the whole events library.
export { createKafka, parseBrokers, type CreateKafkaOptions } from './create-kafka';
export { fetchHighWatermarks, type TopicHighWatermarks } from './latest-offsets';
export { LazyAdmin } from './lazy-admin';
export { within } from './within';
export { kafkaSecurityFromEnv, KafkaSecurityConfigError, type KafkaSecurity } from './kafka-security';
export { TOPIC_NAMES, topicNaming, topicSuffixFromEnv, type TopicName, type TopicNaming } from '../topics';
