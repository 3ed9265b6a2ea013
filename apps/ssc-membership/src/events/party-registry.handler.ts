import type { EntityManager } from 'typeorm';
import type { ServiceConsumer } from '@sec-assure/service';

async function designate(manager: EntityManager, partyId: string, sharedResourceId: string): Promise<void> {
  await manager.query(
    `INSERT INTO projected_srp_designation (party_id, shared_resource_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [partyId, sharedResourceId],
  );
}

/**
 * Keeps the parties elections need (roles, provider or not) from party-registry's events. Every
 * write is an upsert, so a replay converges; provider designations live in their own table because
 * they are keyed by other aggregates and may arrive before the party itself.
 */
export const projectPartyRegistry: ServiceConsumer['handle'] = async (event, { manager, logger }) => {
  switch (event.type) {
    case 'PartyRegistered': {
      const d = event.data;
      await manager.query(
        `INSERT INTO projected_party (id, name, user_roles, registered_as_srp) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, user_roles = EXCLUDED.user_roles,
           registered_as_srp = projected_party.registered_as_srp OR EXCLUDED.registered_as_srp`,
        [d.partyId, d.name, d.userRoles, d.isSharedResourceProvider],
      );
      break;
    }
    case 'PartyUpdated': {
      const d = event.data;
      await manager.query(
        `INSERT INTO projected_party (id, name, user_roles, registered_as_srp) VALUES ($1, $2, $3, false)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, user_roles = EXCLUDED.user_roles`,
        [d.partyId, d.name, d.userRoles],
      );
      break;
    }
    case 'SharedResourceRegistered': {
      const d = event.data;
      // R-SRP-3: a whole-User-System resource makes its provider an SRP; R-SRP-4: a part one only by opt-in.
      if (d.scope === 'WHOLE_USER_SYSTEM' || d.optInAsProvider) await designate(manager, d.providerPartyId, d.sharedResourceId);
      break;
    }
    case 'SharedResourceProviderDesignated':
      await designate(manager, event.data.partyId, event.data.sharedResourceId);
      break;
    default:
      logger.debug({ type: event.type }, 'event not needed by the SSC projection');
  }
};
