import type { RoleChange, UserRole } from '@sec-assure/rules';
import type { ServiceConsumer } from '@sec-assure/service';
import { londonDayOf, roleDifference } from '@sec-assure/rules';

/**
 * Keeps this service's projection of party-registry's register from its events. Every write is an upsert
 * keyed by the aggregate's id, so a replay converges on the same rows; events of different aggregates may
 * arrive in any order (an engagement before the PartyRegistered of its user), so nothing here needs another
 * row to exist. Redelivery of one event is stopped earlier, by the consumer's processed_event record.
 *
 * R-PARTY-1, R-SRP-2: role history and designation dates are kept as the agreed events carry them; a date
 * absent from an older event is the London day of its `occurredAt`.
 *
 * "As known on": each fact keeps when party-registry recorded it (the event's `occurredAt`); a fact seen
 * again keeps the earliest time (`firstRecorded`), and a row projected before times were kept stays null
 * (known all along).
 */
export const projectPartyRegistry: ServiceConsumer['handle'] = async (event, { manager, logger }) => {
  const eventDay = londonDayOf(new Date(event.occurredAt));
  const at = event.occurredAt;
  switch (event.type) {
    case 'PartyRegistered': {
      const d = event.data;
      // A designation seen earlier (another key) is kept: a provider never stops being one here.
      await manager.query(
        `INSERT INTO projected_party (id, name, user_roles, is_shared_resource_provider, recorded_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, user_roles = EXCLUDED.user_roles,
           is_shared_resource_provider = projected_party.is_shared_resource_provider OR EXCLUDED.is_shared_resource_provider,
           recorded_at = ${firstRecorded('projected_party.recorded_at')}`,
        [d.partyId, d.name, d.userRoles, d.isSharedResourceProvider, at],
      );
      const from = d.rolesEffectiveFrom ?? eventDay;
      await recordRoleChanges(manager, d.partyId, d.userRoles.map((role): RoleChange => ({ role, change: 'GAINED', effectiveFrom: from })), at);
      // A party flagged a provider at registration is one from that day (no resource names the date).
      if (d.isSharedResourceProvider) await designate(manager, d.partyId, '', from, at);
      if (d.domesticPremises) await upsertPremises(manager, d.partyId, d.domesticPremises.count, d.domesticPremises.effectiveFrom, event.occurredAt);
      break;
    }
    case 'PartyUpdated': {
      const d = event.data;
      if (d.roleEventsPublished !== true) {
        // Older events: the difference from the roles held before is what changed, on the day of the update.
        const [before] = (await manager.query('SELECT user_roles FROM projected_party WHERE id = $1', [d.partyId])) as Array<{ user_roles: UserRole[] }>;
        await recordRoleChanges(manager, d.partyId, roleDifference(before?.user_roles ?? [], d.userRoles, eventDay), at);
      }
      await manager.query(
        `INSERT INTO projected_party (id, name, user_roles, is_shared_resource_provider, recorded_at) VALUES ($1, $2, $3, false, $4)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, user_roles = EXCLUDED.user_roles,
           recorded_at = ${firstRecorded('projected_party.recorded_at')}`,
        [d.partyId, d.name, d.userRoles, at],
      );
      break;
    }
    case 'DomesticPremisesRecorded': {
      const d = event.data;
      await upsertPremises(manager, d.partyId, d.count, d.effectiveFrom, event.occurredAt);
      break;
    }
    case 'SharedResourceRegistered': {
      const d = event.data;
      await manager.query(
        `INSERT INTO projected_shared_resource (id, name, scope, provider_party_id, opt_in_as_provider) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, scope = EXCLUDED.scope,
           provider_party_id = EXCLUDED.provider_party_id, opt_in_as_provider = EXCLUDED.opt_in_as_provider`,
        [d.sharedResourceId, d.name, d.scope, d.providerPartyId, d.optInAsProvider],
      );
      // R-SRP-3, R-SRP-4: a whole-system resource, or an opted-in part, makes its provider an SRP, whether or
      // not the designation event has arrived yet.
      if (d.scope === 'WHOLE_USER_SYSTEM' || d.optInAsProvider) await designate(manager, d.providerPartyId, d.sharedResourceId, d.availableFrom ?? eventDay, at);
      break;
    }
    case 'SharedResourceProviderDesignated': {
      const d = event.data;
      await designate(manager, d.partyId, d.sharedResourceId, d.effectiveFrom ?? eventDay, at);
      break;
    }
    case 'UserRoleGained':
    case 'UserRoleGivenUp': {
      const d = event.data;
      const change = event.type === 'UserRoleGained' ? 'GAINED' : 'GIVEN_UP';
      await recordRoleChanges(manager, d.partyId, [{ role: d.role, change, effectiveFrom: d.effectiveFrom }], at);
      break;
    }
    case 'EngagementStarted': {
      const d = event.data;
      // The end date is left alone: it is only ever set by EngagementEnded.
      await manager.query(
        `INSERT INTO projected_engagement
           (id, user_party_id, provider_party_id, shared_resource_id, start_date, end_date, user_notified_ssc_on, provider_notified_ssc_on, start_recorded_at)
         VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, $8)
         ON CONFLICT (id) DO UPDATE SET user_party_id = EXCLUDED.user_party_id, provider_party_id = EXCLUDED.provider_party_id,
           shared_resource_id = EXCLUDED.shared_resource_id, start_date = EXCLUDED.start_date,
           user_notified_ssc_on = EXCLUDED.user_notified_ssc_on, provider_notified_ssc_on = EXCLUDED.provider_notified_ssc_on,
           start_recorded_at = ${firstRecorded('projected_engagement.start_recorded_at', 'start_recorded_at')}`,
        [d.engagementId, d.userPartyId, d.providerPartyId, d.sharedResourceId, d.startDate, d.userNotifiedSscOn, d.providerNotifiedSscOn, at],
      );
      break;
    }
    case 'EngagementEnded': {
      const d = event.data;
      await manager.query(
        `INSERT INTO projected_engagement (id, user_party_id, provider_party_id, shared_resource_id, start_date, end_date, start_recorded_at, end_recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
         ON CONFLICT (id) DO UPDATE SET end_date = EXCLUDED.end_date, end_recorded_at = EXCLUDED.end_recorded_at`,
        [d.engagementId, d.userPartyId, d.providerPartyId, d.sharedResourceId, d.startDate, d.endDate, at],
      );
      break;
    }
    case 'EngagementNotificationRecorded': {
      const d = event.data;
      // R-SRP-7: the event carries both dates after the change, so it stands on its own.
      await manager.query(
        `INSERT INTO projected_engagement
           (id, user_party_id, provider_party_id, shared_resource_id, start_date, end_date, user_notified_ssc_on, provider_notified_ssc_on, start_recorded_at)
         VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, $8)
         ON CONFLICT (id) DO UPDATE SET user_notified_ssc_on = EXCLUDED.user_notified_ssc_on,
           provider_notified_ssc_on = EXCLUDED.provider_notified_ssc_on,
           start_recorded_at = ${firstRecorded('projected_engagement.start_recorded_at', 'start_recorded_at')}`,
        [d.engagementId, d.userPartyId, d.providerPartyId, d.sharedResourceId, d.startDate, d.userNotifiedSscOn, d.providerNotifiedSscOn, at],
      );
      break;
    }
    default:
      logger.debug({ type: event.type }, 'event not needed by this projection');
  }
};

type Manager = Parameters<ServiceConsumer['handle']>[1]['manager'];

/** R-PREM-1: history is kept; a second count for the same date replaces the first (it was recorded later). */
/** recordedAt: the event's occurredAt, when party-registry recorded the count ("as known on"). */
async function upsertPremises(manager: Manager, partyId: string, count: number, effectiveFrom: string, recordedAt: string): Promise<void> {
  await manager.query(
    `INSERT INTO projected_premises (party_id, effective_from, count, recorded_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (party_id, effective_from) DO UPDATE SET count = EXCLUDED.count, recorded_at = EXCLUDED.recorded_at`,
    [partyId, effectiveFrom, count, recordedAt],
  );
}

/**
 * On conflict, the earlier of the stored and the new recording time; a stored null (projected before
 * times were kept) stays null: known all along.
 */
function firstRecorded(stored: string, column = 'recorded_at'): string {
  return `CASE WHEN ${stored} IS NULL THEN NULL ELSE LEAST(${stored}, EXCLUDED.${column}) END`;
}

/** R-SRP-2: the earliest date seen for a designation is kept (a later event may bring an earlier one). */
async function designate(manager: Manager, partyId: string, sharedResourceId: string, effectiveFrom: string, recordedAt: string): Promise<void> {
  await manager.query(
    `INSERT INTO projected_provider_designation (party_id, shared_resource_id, effective_from, recorded_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (party_id, shared_resource_id) DO UPDATE SET effective_from = LEAST(projected_provider_designation.effective_from, EXCLUDED.effective_from),
       recorded_at = ${firstRecorded('projected_provider_designation.recorded_at')}`,
    [partyId, sharedResourceId, effectiveFrom, recordedAt],
  );
}

/** R-PARTY-1: role history only grows; the order of rows decides between changes of one day. */
async function recordRoleChanges(manager: Manager, partyId: string, changes: readonly RoleChange[], recordedAt: string): Promise<void> {
  for (const c of changes) {
    await manager.query('INSERT INTO projected_role_change (party_id, role, change, effective_from, recorded_at) VALUES ($1, $2, $3, $4, $5)', [
      partyId,
      c.role,
      c.change,
      c.effectiveFrom,
      recordedAt,
    ]);
  }
}
