// @sec-assure/events/contract: the event contract as documents (JSON Schemas, AsyncAPI) and the
// definitions they are rendered from; no outbox, relay, consumer, TypeORM or kafkajs, so a process
// that only shows the contract (the gateway's /events pages) loads none of them.
export { renderContractFiles } from './render';
export { EVENT_DEFINITIONS } from '../registry';
export { TOPIC_NAMES } from '../topics';
