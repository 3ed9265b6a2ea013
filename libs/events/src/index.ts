// @sec-assure/events: the event contract of the platform (topics, envelope, one schema per event)
// and the plumbing every service uses to publish and consume it reliably.
export * from './topics';
export * from './enums';
export * from './scalars';
export * from './envelope';
export * from './registry';
export * from './parse-event';
export * from './build-event';
export * from './party-registry';
export * from './assessment-scheduling';
export * from './report-distribution';
export * from './ssc-membership';
export * from './outbox';
export * from './consumer/start-consumer';
export * from './consumer/rebuild-projection';
export { renderContractFiles } from './contract/render';
export * from './kafka/create-kafka';
export * from './kafka/log-creator';
export { backoffDelay, type BackoffOptions } from './backoff';
