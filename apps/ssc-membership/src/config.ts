import { readServiceConfig, subgraphDefaults, type ServiceConfig } from '@sec-assure/service';

/** Every setting of ssc-membership, read once from the environment with local defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  return readServiceConfig('ssc-membership', subgraphDefaults('ssc-membership'), env);
}
