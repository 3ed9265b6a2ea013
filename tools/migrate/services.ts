// The services that own a database, with what a migration command needs from each: its settings
// (the same variables the service reads), its entities and its ordered migrations.
import type { ServiceConfig } from '@sec-assure/service';
import type { EntitySchema, MixedList } from 'typeorm';
import * as assessmentScheduling from '../../apps/assessment-scheduling/src/config';
import { entities as assessmentSchedulingEntities } from '../../apps/assessment-scheduling/src/entities';
import { migrations as assessmentSchedulingMigrations } from '../../apps/assessment-scheduling/src/migrations';
import * as partyRegistry from '../../apps/party-registry/src/config';
import { entities as partyRegistryEntities } from '../../apps/party-registry/src/entities';
import { migrations as partyRegistryMigrations } from '../../apps/party-registry/src/migrations';
import * as reportDistribution from '../../apps/report-distribution/src/config';
import { entities as reportDistributionEntities } from '../../apps/report-distribution/src/entities';
import { migrations as reportDistributionMigrations } from '../../apps/report-distribution/src/migrations';
import * as sscMembership from '../../apps/ssc-membership/src/config';
import { entities as sscMembershipEntities } from '../../apps/ssc-membership/src/entities';
import { migrations as sscMembershipMigrations } from '../../apps/ssc-membership/src/migrations';

export interface MigratableService {
  loadConfig: (env?: NodeJS.ProcessEnv) => ServiceConfig;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes and migrations as Function
  entities: MixedList<EntitySchema | Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes and migrations as Function
  migrations: Function[];
}

export const SERVICES: Readonly<Record<string, MigratableService>> = {
  'party-registry': { loadConfig: partyRegistry.loadConfig, entities: partyRegistryEntities, migrations: partyRegistryMigrations },
  'assessment-scheduling': {
    loadConfig: assessmentScheduling.loadConfig,
    entities: assessmentSchedulingEntities,
    migrations: assessmentSchedulingMigrations,
  },
  'report-distribution': {
    loadConfig: reportDistribution.loadConfig,
    entities: reportDistributionEntities,
    migrations: reportDistributionMigrations,
  },
  'ssc-membership': { loadConfig: sscMembership.loadConfig, entities: sscMembershipEntities, migrations: sscMembershipMigrations },
};
