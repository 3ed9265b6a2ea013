import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { endMovedForCopy, type EndMoved } from '@sec-assure/rules';
import { recordChange } from '../commands/record-change';
import { lockEngagementsWithProvider } from '../queries/engagement-locks';

/**
 * R-DIST-7 across two services: report-distribution picks a document's recipients from what it has
 * seen of the engagements, and a back-dated end is checked here against the copies seen so far, so
 * an end recorded at the moment a copy went to that user passed its check. When the copy reaches
 * this register its user's engagement may thus have ended before the copy's day: the end moves to
 * that day (endMovedForCopy), with its EngagementEnded and audit entry. The lock is the one a
 * back-dated end takes first (end-engagement.ts): of the two, the later sees the other, so the end
 * is either refused (CONFLICT naming the copy) or moved here, never left before the copy.
 */
export async function keepEndsAfterCopies(
  manager: EntityManager,
  document: { documentId: string; subjectPartyId: string; issuedOn: string; recipientPartyIds: readonly string[] },
  context: { correlationId: string | undefined; now: Date },
): Promise<EndMoved[]> {
  const users = document.recipientPartyIds.filter((id) => id !== document.subjectPartyId);
  if (users.length === 0) return [];
  const rows = await lockEngagementsWithProvider(manager, users, document.subjectPartyId);
  const moves: EndMoved[] = [];
  for (const user of users) {
    const mine = rows.filter((r) => r.user_party_id === user);
    const moved = endMovedForCopy(mine.map((r) => ({ id: r.id, startDate: r.start_date, endDate: r.end_date })), document.issuedOn);
    if (!moved) continue;
    const engagement = mine.find((r) => r.id === moved.engagementId)!;
    await manager.query(`UPDATE engagement SET end_date = $2::date WHERE id = $1`, [moved.engagementId, moved.to]);
    await recordChange(
      manager,
      { actor: 'party-registry (R-DIST-7)', now: context.now, correlationId: context.correlationId ?? randomUUID() },
      {
        type: 'EngagementEnded',
        kind: 'ENGAGEMENT_ENDED',
        partyIds: [user, document.subjectPartyId],
        summary: `Engagement ${moved.engagementId} now ends on ${moved.to}, not ${moved.from}: document ${document.documentId} was issued to the user on ${moved.to} while the earlier end was being recorded, and an end never goes before a copy already issued (R-DIST-7)`,
        data: {
          engagementId: moved.engagementId,
          userPartyId: user,
          providerPartyId: document.subjectPartyId,
          sharedResourceId: engagement.shared_resource_id,
          startDate: engagement.start_date,
          endDate: moved.to,
        },
      },
    );
    moves.push(moved);
  }
  return moves;
}
