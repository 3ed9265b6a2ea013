// @sec-assure/events: the event contract of the platform (topics, envelope, one schema per event)
// and the plumbing every service uses to publish and consume it reliably.
// The contract half is the public entry other teams import; this adds the plumbing.
export * from './public';
export * from './outbox';
export * from './record';
export * from './consumer/start-consumer';
export * from './consumer/rebuild-projection';
export { ProjectedRoleChangeEntity, type ProjectedRoleChangeRow } from './projections/role-change.entity';
export { renderContractFiles } from './contract/render';
export * from './kafka/create-kafka';
export * from './kafka/latest-offsets';
export * from './kafka/log-creator';
export { backoffDelay, type BackoffOptions } from './backoff';
