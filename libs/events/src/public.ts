// @sec-assure/events/public: what another team needs to read our topics, and nothing else.
// Topics, the envelope, one zod schema and TypeScript type per event, and `parseEvent`; no
// outbox, relay, consumer, TypeORM, kafkajs or pino (public.spec.ts keeps it that way), so a
// subscribing service depends on zod alone.
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
