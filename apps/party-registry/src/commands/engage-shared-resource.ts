import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { notFound } from '@sec-assure/service';
import { PartyEntity } from '../entities/party.entity';
import { SharedResourceEntity } from '../entities/shared-resource.entity';
import { EngagementEntity, type EngagementRow } from '../entities/engagement.entity';
import { assertEngagementAllowed, type ValidEngagementRequest } from '../domain/engagement';
import type { CommandMeta } from './command-meta';
import { recordChange } from './record-change';

/** R-SRP-7: starts an effective-dated engagement (EngagementStarted). */
export async function engageSharedResource(dataSource: DataSource, request: ValidEngagementRequest, meta: CommandMeta): Promise<EngagementRow> {
  return dataSource.transaction(async (manager) => {
    // Locking the user serialises its engagements, so two overlapping ones cannot both pass the check.
    const user = await manager.getRepository(PartyEntity).findOne({ where: { id: request.userPartyId }, lock: { mode: 'pessimistic_write' } });
    if (!user) throw notFound('Party', `${request.userPartyId} (userPartyId)`);
    const resource = await manager.getRepository(SharedResourceEntity).findOne({ where: { id: request.sharedResourceId } });
    if (!resource) throw notFound('SharedResource', `${request.sharedResourceId} (sharedResourceId)`);
    const engagements = manager.getRepository(EngagementEntity);
    const sameUserAndResource = await engagements.find({ where: { userPartyId: user.id, sharedResourceId: resource.id } });
    assertEngagementAllowed({
      userPartyId: user.id,
      userRoles: user.userRoles,
      providerPartyId: resource.providerPartyId,
      startDate: request.startDate,
      availableFrom: resource.availableFrom,
      sameUserAndResource,
    });
    const engagement: EngagementRow = {
      id: randomUUID(),
      userPartyId: user.id,
      providerPartyId: resource.providerPartyId,
      sharedResourceId: resource.id,
      startDate: request.startDate,
      endDate: null,
      userNotifiedSscOn: request.userNotifiedSscOn,
      providerNotifiedSscOn: request.providerNotifiedSscOn,
      providerEndNotifiedSscOn: null,
      recordedAt: meta.now,
    };
    await engagements.insert(engagement);
    await recordChange(manager, meta, {
      type: 'EngagementStarted',
      kind: 'ENGAGEMENT_STARTED',
      partyIds: [engagement.userPartyId, engagement.providerPartyId],
      summary: `"${user.name}" started using "${resource.name}" on ${engagement.startDate}`,
      data: {
        engagementId: engagement.id,
        userPartyId: engagement.userPartyId,
        providerPartyId: engagement.providerPartyId,
        sharedResourceId: engagement.sharedResourceId,
        startDate: engagement.startDate,
        userNotifiedSscOn: engagement.userNotifiedSscOn,
        providerNotifiedSscOn: engagement.providerNotifiedSscOn,
      },
    });
    return engagement;
  });
}
