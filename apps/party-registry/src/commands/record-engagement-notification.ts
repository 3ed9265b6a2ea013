import type { DataSource } from 'typeorm';
import { notFound } from '@sec-assure/service';
import { EngagementEntity, type EngagementRow } from '../entities/engagement.entity';
import { assertCanRecordNotification, NOTICE_FIELD, NOTICE_NAME, type Notifier } from '../domain/engagement';
import type { CommandMeta } from './command-meta';
import { recordChange } from './record-change';

/** R-SRP-7: records the day the user or the provider notified the SSC of the start, or the provider of the end (EngagementNotificationRecorded). */
export async function recordEngagementNotification(
  dataSource: DataSource,
  engagementId: string,
  by: Notifier,
  { notifiedOn, today }: { notifiedOn: string; today: string },
  meta: CommandMeta,
): Promise<EngagementRow> {
  return dataSource.transaction(async (manager) => {
    const engagements = manager.getRepository(EngagementEntity);
    const engagement = await engagements.findOne({ where: { id: engagementId }, lock: { mode: 'pessimistic_write' } });
    if (!engagement) throw notFound('Engagement', engagementId);
    assertCanRecordNotification(engagement, by, notifiedOn, today);
    const change = { [NOTICE_FIELD[by]]: notifiedOn };
    await engagements.update({ id: engagementId }, change);
    const updated = { ...engagement, ...change };
    await recordChange(manager, meta, {
      type: 'EngagementNotificationRecorded',
      kind: 'ENGAGEMENT_NOTIFICATION_RECORDED',
      partyIds: [updated.userPartyId, updated.providerPartyId],
      summary: `The ${NOTICE_NAME[by]} (engagement ${updated.id}) reached the SSC on ${notifiedOn}`,
      data: {
        engagementId: updated.id,
        userPartyId: updated.userPartyId,
        providerPartyId: updated.providerPartyId,
        sharedResourceId: updated.sharedResourceId,
        startDate: updated.startDate,
        notifiedBy: by,
        notifiedOn,
        userNotifiedSscOn: updated.userNotifiedSscOn,
        providerNotifiedSscOn: updated.providerNotifiedSscOn,
        providerEndNotifiedSscOn: updated.providerEndNotifiedSscOn,
      },
    });
    return updated;
  });
}
