// The services whose consumer only projects other services' events, so that emptying its tables
// and replaying the topics gives back the same state. report-distribution is not listed: its
// consumer also decides (gives copies to newly engaged users and publishes DocumentRecipientAdded),
// so a replay from an empty projection would repeat those decisions against a partial history.
import { TOPICS, type EventOnTopic, type HandlerContext, type TopicName } from '@sec-assure/events';
import type { ServiceConfig } from '@sec-assure/service';
import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import * as assessmentSchedulingConfig from '../../apps/assessment-scheduling/src/config';
import { entities as assessmentSchedulingEntities, PROJECTION_TABLES } from '../../apps/assessment-scheduling/src/entities';
import { migrations as assessmentSchedulingMigrations } from '../../apps/assessment-scheduling/src/migrations';
import { PARTY_PROJECTION_CONSUMER } from '../../apps/assessment-scheduling/src/events/consumers';
import { projectPartyRegistry as projectForAssessments } from '../../apps/assessment-scheduling/src/events/party-registry.handler';
import * as partyRegistryConfig from '../../apps/party-registry/src/config';
import { entities as partyRegistryEntities } from '../../apps/party-registry/src/entities';
import { IssuedCopyEntity, KnownDocumentEntity } from '../../apps/party-registry/src/entities/issued-copy.entity';
import { migrations as partyRegistryMigrations } from '../../apps/party-registry/src/migrations';
import { ISSUED_COPIES_CONSUMER, projectIssuedCopies } from '../../apps/party-registry/src/events/issued-copies.handler';
import * as sscMembershipConfig from '../../apps/ssc-membership/src/config';
import { entities as sscMembershipEntities } from '../../apps/ssc-membership/src/entities';
import {
  ProjectedPartyEntity,
  ProjectedRoleChangeEntity,
  ProjectedSrpDesignationEntity,
} from '../../apps/ssc-membership/src/entities/projected-party.entity';
import { migrations as sscMembershipMigrations } from '../../apps/ssc-membership/src/migrations';
import { projectPartyRegistry as projectForSsc } from '../../apps/ssc-membership/src/events/party-registry.handler';

export interface ProjectingService {
  loadConfig: (env?: NodeJS.ProcessEnv) => ServiceConfig;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes and migrations as Function
  entities: MixedList<EntitySchema | Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes and migrations as Function
  migrations: Function[];
  /** The name the service's live consumer uses (its app.ts). */
  consumerName: string;
  topics: TopicName[];
  handle: (event: EventOnTopic<TopicName>, context: HandlerContext) => Promise<void>;
  /** The tables that consumer fills, and nothing else. */
  tables: (dataSource: DataSource) => string[];
}

const tablesOf = (...entities: EntitySchema[]) => (dataSource: DataSource): string[] => entities.map((e) => dataSource.getMetadata(e).tableName);

export const PROJECTING_SERVICES: Readonly<Record<string, ProjectingService>> = {
  'assessment-scheduling': {
    loadConfig: assessmentSchedulingConfig.loadConfig,
    entities: assessmentSchedulingEntities,
    migrations: assessmentSchedulingMigrations,
    consumerName: PARTY_PROJECTION_CONSUMER,
    topics: [TOPICS.partyRegistry],
    handle: projectForAssessments as ProjectingService['handle'],
    tables: () => [...PROJECTION_TABLES],
  },
  'party-registry': {
    loadConfig: partyRegistryConfig.loadConfig,
    entities: partyRegistryEntities,
    migrations: partyRegistryMigrations,
    consumerName: ISSUED_COPIES_CONSUMER,
    topics: [TOPICS.reportDistribution],
    handle: projectIssuedCopies,
    tables: tablesOf(KnownDocumentEntity as EntitySchema, IssuedCopyEntity as EntitySchema),
  },
  'ssc-membership': {
    loadConfig: sscMembershipConfig.loadConfig,
    entities: sscMembershipEntities,
    migrations: sscMembershipMigrations,
    // The name ssc-membership's app.ts gives its consumer.
    consumerName: 'party-projection',
    topics: [TOPICS.partyRegistry],
    handle: projectForSsc,
    tables: tablesOf(ProjectedPartyEntity as EntitySchema, ProjectedSrpDesignationEntity as EntitySchema, ProjectedRoleChangeEntity as EntitySchema),
  },
};
