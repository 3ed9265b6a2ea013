import { readServiceConfig, type ServiceConfig } from '@sec-assure/service';

/** Every setting of party-registry, read once from the environment with local defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  return readServiceConfig('party-registry', { port: 4001, database: 'party_registry' }, env);
}
