import { readServiceConfig, type ServiceConfig } from '@sec-assure/service';

/** Every setting of assessment-scheduling, read once from the environment with local defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  return readServiceConfig('assessment-scheduling', { port: 4002, database: 'assessment_scheduling' }, env);
}
