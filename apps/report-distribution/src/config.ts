import { readServiceConfig, subgraphDefaults, type ServiceConfig } from '@sec-assure/service';

/** Every setting of report-distribution, read once from the environment with local defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  return readServiceConfig('report-distribution', subgraphDefaults('report-distribution'), env);
}
