import type { DataSource } from 'typeorm';
import { notFound } from '@sec-assure/service';
import { EngagementEntity, type EngagementRow } from '../entities/engagement.entity';
import { assertCanEnd } from '../domain/engagement';
import type { CommandMeta } from './command-meta';
import { recordChange } from './record-change';

/** R-SRP-7: ends an engagement on its last day of use (EngagementEnded). */
export async function endEngagement(dataSource: DataSource, engagementId: string, endDate: string, meta: CommandMeta): Promise<EngagementRow> {
  return dataSource.transaction(async (manager) => {
    const engagements = manager.getRepository(EngagementEntity);
    const engagement = await engagements.findOne({ where: { id: engagementId }, lock: { mode: 'pessimistic_write' } });
    if (!engagement) throw notFound('Engagement', engagementId);
    assertCanEnd(engagement, endDate);
    await engagements.update({ id: engagementId }, { endDate });
    const ended = { ...engagement, endDate };
    await recordChange(manager, meta, {
      type: 'EngagementEnded',
      kind: 'ENGAGEMENT_ENDED',
      partyIds: [ended.userPartyId, ended.providerPartyId],
      summary: `Engagement ${ended.id} (started ${ended.startDate}) ended on ${endDate}`,
      data: {
        engagementId: ended.id,
        userPartyId: ended.userPartyId,
        providerPartyId: ended.providerPartyId,
        sharedResourceId: ended.sharedResourceId,
        startDate: ended.startDate,
        endDate,
      },
    });
    return ended;
  });
}
