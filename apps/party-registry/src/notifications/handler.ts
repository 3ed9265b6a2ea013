import type { ServiceConsumer } from '@sec-assure/service';
import { londonDayOf } from '@sec-assure/rules';
import { projectDueOnly } from './due-projection';
import { partyNameOf, queueNotice as queue } from './queue';
import { TEMPLATES } from './templates';

export const NOTIFICATIONS_CONSUMER = 'notifications';

/** Events older than this are history (a new consumer group reading the topics from the start): projected, never mailed. */
const NEWS_MS = 3 * 24 * 3600 * 1000;

/**
 * Turns the other services' events into queued notices (sent later by the sender), in the event's
 * transaction: with processed_event and the notices' unique key, a redelivered event queues nothing.
 * Also keeps the copies each party holds, for the not-acknowledged sweep.
 */
export const notificationHandler = (clock: () => Date = () => new Date()): ServiceConsumer['handle'] => async (event, context) => {
  const { manager } = context;
  const occurredAt = new Date(event.occurredAt);
  const day = londonDayOf(occurredAt);
  const news = clock().getTime() - occurredAt.getTime() < NEWS_MS;
  const queueNotice: typeof queue = (m, partyIds, notice) => (news ? queue(m, partyIds, notice) : Promise.resolve(0));
  switch (event.type) {
    case 'DocumentIssued': {
      const d = event.data;
      for (const partyId of d.recipientPartyIds) {
        await manager.query(
          `INSERT INTO notification_copy (document_id, party_id, title, issued_on) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
          [d.documentId, partyId, d.title, d.issuedOn],
        );
      }
      await queueNotice(manager, d.recipientPartyIds, {
        subjectKey: `document-issued:${d.documentId}`,
        template: 'DOCUMENT_ISSUED',
        day,
        mailFor: (p) => TEMPLATES.DOCUMENT_ISSUED({ partyName: p.name, title: d.title, kind: d.kind, issuedOn: d.issuedOn, sha256: d.sha256 }),
      });
      break;
    }
    case 'DocumentAcknowledged':
      await manager.query('UPDATE notification_copy SET acknowledged = true WHERE document_id = $1 AND party_id = $2', [event.data.documentId, event.data.partyId]);
      break;
    case 'NonComplianceCaseDecided': {
      const d = event.data;
      const providerName = await partyNameOf(manager, d.providerPartyId);
      await queueNotice(manager, [d.providerPartyId, ...d.flaggedUserPartyIds], {
        subjectKey: `non-compliance-decided:${d.caseId}`,
        template: 'PROVIDER_NON_COMPLIANCE_DECIDED',
        day,
        mailFor: (p) =>
          TEMPLATES.PROVIDER_NON_COMPLIANCE_DECIDED({ partyName: p.name, providerName, decision: d.decision, decidedOn: d.decidedOn, isProvider: p.id === d.providerPartyId }),
      });
      break;
    }
    default:
      // R-SCHED-1, R-SCHED-2: each assessment and override projected on its own, the party's due row recomputed from them.
      await projectDueOnly(event, context);
      break;
  }
};
