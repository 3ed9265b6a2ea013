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
import { DUE_PROJECTION_TABLES, projectDueOnly } from '../../apps/party-registry/src/notifications/due-projection';
import { NOTIFICATIONS_CONSUMER } from '../../apps/party-registry/src/notifications/handler';
import * as sscMembershipConfig from '../../apps/ssc-membership/src/config';
import { entities as sscMembershipEntities } from '../../apps/ssc-membership/src/entities';
import {
  ProjectedPartyEntity,
  ProjectedRoleChangeEntity,
  ProjectedSrpDesignationEntity,
} from '../../apps/ssc-membership/src/entities/projected-party.entity';
import { migrations as sscMembershipMigrations } from '../../apps/ssc-membership/src/migrations';
import { projectPartyRegistry as projectForSsc } from '../../apps/ssc-membership/src/events/party-registry.handler';

/** The projections the service runs under these settings. */
export const projectionsRun = (service: ProjectingService, env: NodeJS.ProcessEnv): Projection[] =>
  service.projections.filter((p) => p.runsWith?.(env) ?? true);

/** One projection of a service: rebuilt by emptying its tables and replaying its topics into its handler. */
export interface Projection {
  /** The name the service's live consumer uses (its app.ts): an event it handles during the rebuild is handled once. */
  consumerName: string;
  topics: TopicName[];
  /** Projects only: no outbox event, no decision, no notice. */
  handle: (event: EventOnTopic<TopicName>, context: HandlerContext) => Promise<void>;
  /** The tables that handler fills, and nothing else. */
  tables: (dataSource: DataSource) => string[];
  /** Whether the service runs this consumer under these settings (default: always); a rebuild leaves the others alone. */
  runsWith?: (env: NodeJS.ProcessEnv) => boolean;
}

export interface ProjectingService {
  loadConfig: (env?: NodeJS.ProcessEnv) => ServiceConfig;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes and migrations as Function
  entities: MixedList<EntitySchema | Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes and migrations as Function
  migrations: Function[];
  /** Rebuilt one after the other. */
  projections: Projection[];
}

const tablesOf = (...entities: EntitySchema[]) => (dataSource: DataSource): string[] => entities.map((e) => dataSource.getMetadata(e).tableName);

export const PROJECTING_SERVICES: Readonly<Record<string, ProjectingService>> = {
  'assessment-scheduling': {
    loadConfig: assessmentSchedulingConfig.loadConfig,
    entities: assessmentSchedulingEntities,
    migrations: assessmentSchedulingMigrations,
    projections: [
      {
        consumerName: PARTY_PROJECTION_CONSUMER,
        topics: [TOPICS.partyRegistry],
        handle: projectForAssessments as Projection['handle'],
        tables: () => [...PROJECTION_TABLES],
      },
    ],
  },
  'party-registry': {
    loadConfig: partyRegistryConfig.loadConfig,
    entities: partyRegistryEntities,
    migrations: partyRegistryMigrations,
    projections: [
      {
        consumerName: ISSUED_COPIES_CONSUMER,
        topics: [TOPICS.reportDistribution],
        handle: projectIssuedCopies,
        tables: tablesOf(KnownDocumentEntity as EntitySchema, IssuedCopyEntity as EntitySchema),
      },
      // The due notices' projection (R-SCHED-1), under the notifications consumer's name; its tables came empty in an
      // upgrade, so a deployment that had notifications before runs this once (README, "Operations").
      {
        consumerName: NOTIFICATIONS_CONSUMER,
        topics: [TOPICS.assessmentScheduling],
        handle: projectDueOnly,
        tables: () => [...DUE_PROJECTION_TABLES],
        runsWith: (env) => partyRegistryConfig.loadConfig(env).notifications.enabled,
      },
    ],
  },
  'ssc-membership': {
    loadConfig: sscMembershipConfig.loadConfig,
    entities: sscMembershipEntities,
    migrations: sscMembershipMigrations,
    projections: [
      {
        // The name ssc-membership's app.ts gives its consumer.
        consumerName: 'party-projection',
        topics: [TOPICS.partyRegistry],
        handle: projectForSsc,
        tables: tablesOf(ProjectedPartyEntity as EntitySchema, ProjectedSrpDesignationEntity as EntitySchema, ProjectedRoleChangeEntity as EntitySchema),
      },
    ],
  },
};
