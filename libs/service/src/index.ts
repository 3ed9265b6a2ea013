export * from './config';
export * from './logger';
export * from './database/ensure-database';
export * from './database/data-source';
export * from './http/health';
export * from './http/health-routes';
export * from './http/subgraph-server';
export * from './graphql/context';
export * from './graphql/errors';
export * from './graphql/scalars';
export * from './graphql/request-log.plugin';
export * from './metrics/metrics';
export * from './metrics/service-series';
export * from './bootstrap';
export * from './shutdown';

export * from './input/text-rule';
export * from './input/input-guard.plugin';
export { shortenEchoedValues } from './input/short-messages';
