import type { EntityManager } from 'typeorm';
import { londonDayOf, type UserRole } from '@sec-assure/rules';
import type { ServiceConsumer } from '@sec-assure/service';

/** R-SRP-2: records a designation, keeping the earliest effective day seen for it. */
async function designate(manager: EntityManager, partyId: string, sharedResourceId: string, effectiveFrom: string): Promise<void> {
  await manager.query(
    `INSERT INTO projected_srp_designation (party_id, shared_resource_id, effective_from) VALUES ($1, $2, $3)
     ON CONFLICT (party_id, shared_resource_id) DO UPDATE
       SET effective_from = LEAST(projected_srp_designation.effective_from, EXCLUDED.effective_from)`,
    [partyId, sharedResourceId, effectiveFrom],
  );
}

/** R-PARTY-1: one step of role history; a replayed step is recorded once. */
async function recordRoleChange(manager: EntityManager, partyId: string, role: UserRole, change: 'GAINED' | 'GIVEN_UP', effectiveFrom: string): Promise<void> {
  await manager.query(
    `INSERT INTO projected_role_change (party_id, role, change, effective_from) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    [partyId, role, change, effectiveFrom],
  );
}

/**
 * Keeps what elections need from party-registry's events: parties, their role history (R-PARTY-1)
 * and their provider designations with the day each took effect (R-SRP-2), so that the SRP seat's
 * electorate is decided on the election's opening date (R-SSC-3). Every write is an upsert or an
 * insert-once, so a replay converges; designations live in their own table because they are keyed by
 * other aggregates and may arrive before the party itself. A date an older event does not carry is
 * the London day of the event (events.md: the agreed reading).
 */
export const projectPartyRegistry: ServiceConsumer['handle'] = async (event, { manager, logger }) => {
  const eventDay = londonDayOf(new Date(event.occurredAt));
  switch (event.type) {
    case 'PartyRegistered': {
      const d = event.data;
      await manager.query(
        `INSERT INTO projected_party (id, name, user_roles, registered_as_srp, registered_on) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, user_roles = EXCLUDED.user_roles,
           registered_as_srp = projected_party.registered_as_srp OR EXCLUDED.registered_as_srp,
           registered_on = EXCLUDED.registered_on`,
        [d.partyId, d.name, d.userRoles, d.isSharedResourceProvider, eventDay],
      );
      for (const role of d.userRoles) await recordRoleChange(manager, d.partyId, role, 'GAINED', d.rolesEffectiveFrom ?? eventDay);
      break;
    }
    case 'PartyUpdated': {
      const d = event.data;
      const before = (await manager.query(`SELECT user_roles FROM projected_party WHERE id = $1`, [d.partyId])) as Array<{ user_roles: UserRole[] }>;
      await manager.query(
        `INSERT INTO projected_party (id, name, user_roles, registered_as_srp) VALUES ($1, $2, $3, false)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, user_roles = EXCLUDED.user_roles`,
        [d.partyId, d.name, d.userRoles],
      );
      // New producers publish each change as UserRoleGained / UserRoleGivenUp; older events carry
      // only the new set, whose difference takes effect on the day of the update.
      if (d.roleEventsPublished !== true && before[0]) {
        const old = new Set(before[0].user_roles);
        const now = new Set(d.userRoles);
        for (const role of old) if (!now.has(role)) await recordRoleChange(manager, d.partyId, role, 'GIVEN_UP', eventDay);
        for (const role of now) if (!old.has(role)) await recordRoleChange(manager, d.partyId, role, 'GAINED', eventDay);
      }
      break;
    }
    case 'UserRoleGained':
      await recordRoleChange(manager, event.data.partyId, event.data.role, 'GAINED', event.data.effectiveFrom);
      break;
    case 'UserRoleGivenUp':
      await recordRoleChange(manager, event.data.partyId, event.data.role, 'GIVEN_UP', event.data.effectiveFrom);
      break;
    case 'SharedResourceRegistered': {
      const d = event.data;
      // R-SRP-3: a whole-User-System resource makes its provider an SRP; R-SRP-4: a part one only by opt-in.
      if (d.scope === 'WHOLE_USER_SYSTEM' || d.optInAsProvider) await designate(manager, d.providerPartyId, d.sharedResourceId, d.availableFrom ?? eventDay);
      break;
    }
    case 'SharedResourceProviderDesignated':
      await designate(manager, event.data.partyId, event.data.sharedResourceId, event.data.effectiveFrom ?? eventDay);
      break;
    default:
      logger.debug({ type: event.type }, 'event not needed by the SSC projection');
  }
};
