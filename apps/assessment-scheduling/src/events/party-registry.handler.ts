import type { ServiceConsumer } from '@sec-assure/service';
import { ProjectedPartyEntity, ProjectedPremisesEntity } from '../entities/party-projection.entity';

/** Keeps the party projection from party-registry's events; upserts so a replay converges. */
export const projectPartyRegistry: ServiceConsumer['handle'] = async (event, { manager, logger }) => {
  switch (event.type) {
    case 'PartyRegistered': {
      const d = event.data;
      await manager.getRepository(ProjectedPartyEntity).upsert(
        { id: d.partyId, name: d.name, userRoles: d.userRoles, isSharedResourceProvider: d.isSharedResourceProvider },
        ['id'],
      );
      if (d.domesticPremises) {
        await manager.getRepository(ProjectedPremisesEntity).upsert({ partyId: d.partyId, ...d.domesticPremises }, ['partyId', 'effectiveFrom']);
      }
      break;
    }
    case 'DomesticPremisesRecorded': {
      const d = event.data;
      await manager.getRepository(ProjectedPremisesEntity).upsert(
        { partyId: d.partyId, count: d.count, effectiveFrom: d.effectiveFrom },
        ['partyId', 'effectiveFrom'],
      );
      break;
    }
    default:
      logger.debug({ type: event.type }, 'event not needed by this projection');
  }
};
