// Every service database, as the service itself names it (PG*, <SERVICE>_DB_NAME), and which of
// them keep a projection that can be rebuilt from the topics after a restore.
import type { ServiceConfig } from '@sec-assure/service';
import { SERVICES } from '../migrate/services';
import { PROJECTING_SERVICES } from '../rebuild-projection/services';

export const SERVICE_NAMES = Object.keys(SERVICES);

export const databaseOf = (service: string, env: NodeJS.ProcessEnv): ServiceConfig['database'] => {
  const entry = SERVICES[service];
  if (entry === undefined) throw new Error(`unknown service ${service}`);
  return entry.loadConfig(env).database;
};

/** report-distribution is not here: its consumer decides as well as projects; the restore is its recovery. */
export const REBUILDABLE = Object.keys(PROJECTING_SERVICES);

/** The variable that names a service's database, e.g. PARTY_REGISTRY_DB_NAME. */
export const dbNameVariable = (service: string): string => `${service.toUpperCase().replace(/-/g, '_')}_DB_NAME`;
