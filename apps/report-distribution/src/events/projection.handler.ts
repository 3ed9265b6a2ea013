import type { EntityManager } from 'typeorm';
import { londonDayOf, roleDifference, rolesHeldOn, type RoleChange } from '@sec-assure/rules';
import type { ServiceConsumer } from '@sec-assure/service';
import {
  ProjectedAssessmentEntity,
  ProjectedEngagementEntity,
  ProjectedPartyEntity,
  ProjectedRoleChangeEntity,
  type ProjectedEngagementRow,
} from '../entities/projection.entity';
import { roleHistoriesOf } from '../queries/role-history';
import { settleEngagementCopies, type EventMeta } from '../commands/engagement-copies';

/**
 * Keeps what distribution needs from party-registry and assessment-scheduling: parties, their role
 * history, which of them are Shared Resource Providers, engagements, assessments. Upserts keyed by the other
 * service's ids, so a replay converges and events of different aggregates may come in any order
 * (an engagement before its parties, a designation before the party's registration).
 * `clock` is the service's: its Europe/London day decides whether an engagement has started
 * (R-DIST-5: copies at once when it has; on its start date, by the engagement-start round, when not).
 */
export const projectForDistribution = (clock: () => Date = (): Date => new Date()): ServiceConsumer['handle'] => async (event, { manager, logger, correlationId }) => {
  const meta: EventMeta = { now: clock(), correlationId };
  switch (event.type) {
    case 'PartyRegistered': {
      const d = event.data;
      await manager.getRepository(ProjectedPartyEntity).upsert({ id: d.partyId, name: d.name }, ['id']);
      const from = d.rolesEffectiveFrom ?? londonDayOf(new Date(event.occurredAt));
      await recordRoleChanges(manager, d.partyId, d.userRoles.map((role): RoleChange => ({ role, change: 'GAINED', effectiveFrom: from })));
      if (d.isSharedResourceProvider) await designateProvider(manager, d.partyId, meta);
      break;
    }
    case 'PartyUpdated': {
      const d = event.data;
      if (d.roleEventsPublished !== true) {
        // Older events carry only the new list: its difference from the roles held that day is what changed.
        const day = londonDayOf(new Date(event.occurredAt));
        const held = rolesHeldOn((await roleHistoriesOf(manager, [d.partyId])).get(d.partyId) ?? [], day);
        await recordRoleChanges(manager, d.partyId, roleDifference(held, d.userRoles, day));
      }
      await manager.getRepository(ProjectedPartyEntity).upsert({ id: d.partyId, name: d.name }, ['id']);
      break;
    }
    case 'UserRoleGained':
    case 'UserRoleGivenUp': {
      const d = event.data;
      await recordRoleChanges(manager, d.partyId, [{ role: d.role, change: event.type === 'UserRoleGained' ? 'GAINED' : 'GIVEN_UP', effectiveFrom: d.effectiveFrom }]);
      break;
    }
    case 'SharedResourceProviderDesignated':
      await designateProvider(manager, event.data.partyId, meta);
      break;
    case 'SharedResourceRegistered': {
      // R-SRP-3/4: the whole of a User System always makes its provider an SRP; a part only by opting in.
      const d = event.data;
      if (d.scope === 'WHOLE_USER_SYSTEM' || d.optInAsProvider) await designateProvider(manager, d.providerPartyId, meta);
      break;
    }
    case 'EngagementStarted': {
      const d = event.data;
      // An end already known (a replay) is kept: a start never reopens an engagement.
      await manager.query(
        `INSERT INTO projected_engagement (id, user_party_id, provider_party_id, start_date, end_date)
         VALUES ($1, $2, $3, $4, NULL)
         ON CONFLICT (id) DO UPDATE SET user_party_id = EXCLUDED.user_party_id,
           provider_party_id = EXCLUDED.provider_party_id, start_date = EXCLUDED.start_date`,
        [d.engagementId, d.userPartyId, d.providerPartyId, d.startDate],
      );
      const engagement = await manager.getRepository(ProjectedEngagementEntity).findOneByOrFail({ id: d.engagementId });
      // R-DIST-5 with R-DIST-4: at once when the engagement has started; on its start date when it starts later.
      const { added, due } = await settleEngagementCopies(manager, engagement, meta);
      if (added > 0) logger.info({ engagementId: d.engagementId, userPartyId: d.userPartyId, added }, 'copies given to newly engaged user (R-DIST-5)');
      if (due.when === 'ON_START') logger.info({ engagementId: d.engagementId, userPartyId: d.userPartyId, startDate: due.on }, 'copies due on the engagement start date (R-DIST-5)');
      break;
    }
    case 'EngagementEnded': {
      const d = event.data;
      const engagement: ProjectedEngagementRow = {
        id: d.engagementId,
        userPartyId: d.userPartyId,
        providerPartyId: d.providerPartyId,
        startDate: d.startDate,
        endDate: d.endDate,
      };
      // R-DIST-2: recipients are fixed at issue and kept. An end learned later, even back-dated before
      // an issue date, removes no copy and no acknowledgement; it only decides future issues.
      await manager.getRepository(ProjectedEngagementEntity).upsert(engagement, ['id']);
      break;
    }
    // Any of these tells which party an assessment is of (an assessment never changes party).
    case 'AssessmentScheduled':
    case 'FieldworkCompleted':
    case 'AssuranceStatusSet':
      await manager.getRepository(ProjectedAssessmentEntity).upsert({ id: event.data.assessmentId, partyId: event.data.partyId }, ['id']);
      break;
    default:
      logger.debug({ type: event.type }, 'event not needed by this projection');
  }
};

/** R-PARTY-1: appends to the party's role history (redelivery is stopped earlier, by processed_event). */
async function recordRoleChanges(manager: EntityManager, partyId: string, changes: readonly RoleChange[]): Promise<void> {
  if (changes.length === 0) return;
  await manager.getRepository(ProjectedRoleChangeEntity).insert(changes.map((c) => ({ partyId, role: c.role, change: c.change, effectiveFrom: c.effectiveFrom })));
}

/**
 * Records a provider and gives its users the copies they are owed now that it is known to be one;
 * a user whose engagement starts later receives them on its start date (R-DIST-5, R-DIST-4).
 */
async function designateProvider(manager: EntityManager, partyId: string, meta: EventMeta): Promise<void> {
  const inserted = (await manager.query(
    'INSERT INTO projected_provider (party_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING party_id',
    [partyId],
  )) as unknown[];
  if (inserted.length === 0) return;
  const engagements = await manager.getRepository(ProjectedEngagementEntity).find({ where: { providerPartyId: partyId }, order: { startDate: 'ASC', id: 'ASC' } });
  for (const engagement of engagements) await settleEngagementCopies(manager, engagement, meta);
}
