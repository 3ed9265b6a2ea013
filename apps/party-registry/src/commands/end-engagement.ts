import type { DataSource } from 'typeorm';
import { notFound } from '@sec-assure/service';
import { EngagementEntity, type EngagementRow } from '../entities/engagement.entity';
import { assertCanEnd } from '../domain/engagement';
import { assertEndKeepsIssuedCopies, isBackDatedEnd } from '@sec-assure/rules';
import { copiesHeld } from '../queries/issued-copies';
import { lockEngagementsWithProvider } from '../queries/engagement-locks';
import type { CommandMeta } from './command-meta';
import { changeRecords, changeRecordValues, changeStatement } from './record-change';

/**
 * The end, its EngagementEnded event and the audit entry in one statement, only while the engagement
 * has no end: two ends racing each read it open, and the database lets one of them end it.
 */
const END = changeStatement({ ended: `UPDATE engagement SET end_date = $2::date WHERE id = $1 AND end_date IS NULL RETURNING id` }, 2, 'ended');

/**
 * R-SRP-7: ends an engagement on its last day of use (EngagementEnded). A back-dated end (who may
 * ask is checked at the edge) never goes before a copy already issued to the user about the
 * provider (R-DIST-7): its check runs with the user's engagements with the provider locked, as the
 * projection of a copy locks them, so a copy issued at the same moment either refuses it or moves
 * it to the copy's day afterwards (keep-ends-after-copies.ts). Two round trips for an end from
 * today on (the read, then the conditional end with its records); a back-dated one adds a
 * transaction with the lock and the copies' read.
 */
export async function endEngagement(
  dataSource: DataSource,
  request: { engagementId: string; endDate: string; today: string },
  meta: CommandMeta,
): Promise<EngagementRow> {
  const { engagementId, endDate } = request;
  const engagements = dataSource.getRepository(EngagementEntity);
  const engagement = await engagements.findOne({ where: { id: engagementId } });
  if (!engagement) throw notFound('Engagement', engagementId);
  assertCanEnd(engagement, endDate);
  const backDated = isBackDatedEnd(endDate, request.today);
  const ended = { ...engagement, endDate };
  const records = changeRecords(meta, {
    type: 'EngagementEnded',
    kind: 'ENGAGEMENT_ENDED',
    partyIds: [ended.userPartyId, ended.providerPartyId],
    summary: `Engagement ${ended.id} (started ${ended.startDate}) ended on ${endDate}${backDated ? ` (back-dated on ${request.today})` : ''}`,
    data: {
      engagementId: ended.id,
      userPartyId: ended.userPartyId,
      providerPartyId: ended.providerPartyId,
      sharedResourceId: ended.sharedResourceId,
      startDate: ended.startDate,
      endDate,
    },
  });
  const written = backDated
    ? await dataSource.transaction(async (manager) => {
        // The user's engagements with the provider locked first, as the projection of a copy locks them
        // (keep-ends-after-copies.ts): a copy projected meanwhile is seen by the check below, and an end
        // committed first is seen there (which then moves it to the copy's day).
        const locked = await lockEngagementsWithProvider(manager, [engagement.userPartyId], engagement.providerPartyId);
        const others = locked.filter((e) => e.id !== engagement.id).map((e) => ({ startDate: e.start_date, endDate: e.end_date }));
        assertEndKeepsIssuedCopies(await copiesHeld(manager, engagement.userPartyId, engagement.providerPartyId), endDate, others);
        return (await manager.query(END, [engagementId, endDate, ...changeRecordValues(records)])) as unknown[];
      })
    : ((await dataSource.query(END, [engagementId, endDate, ...changeRecordValues(records)])) as unknown[]);
  if (written.length === 0) {
    // Ended by another command since the read: its end stands, and the refusal says when.
    const current = await engagements.findOne({ where: { id: engagementId } });
    if (current) assertCanEnd(current, endDate);
    throw notFound('Engagement', engagementId);
  }
  return ended;
}
