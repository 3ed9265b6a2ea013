import { z } from 'zod';
import type { ServiceConsumer } from '@sec-assure/service';
import { IssuedCopyEntity, KnownDocumentEntity } from '../entities/issued-copy.entity';
import { londonDayOf } from '@sec-assure/rules';
import { keepEndsAfterCopies } from './keep-ends-after-copies';

export const ISSUED_COPIES_CONSUMER = 'issued-copies';

const WithdrawnCopy = z.object({ documentId: z.string().min(1), partyId: z.string().min(1) });

/**
 * R-DIST-7: which party holds a copy of which document, and since which day, from
 * report-distribution's events. Idempotent upserts, so a redelivery or replay converges. A copy given
 * to a newly engaged user (R-DIST-5) is dated the day it was added; one given because the user was
 * engaged on the issue date is dated the issue date. A copy marked issued in error
 * (DocumentCopyIssuedInError) was still issued: it keeps counting (R-DIST-7 keeps its history).
 */
export const projectIssuedCopies: ServiceConsumer['handle'] = async (event, { manager, logger, correlationId }) => {
  const copies = manager.getRepository(IssuedCopyEntity);
  switch (event.type) {
    case 'DocumentIssued': {
      const d = event.data;
      await manager
        .getRepository(KnownDocumentEntity)
        .upsert({ id: d.documentId, subjectPartyId: d.subjectPartyId, title: d.title, issuedOn: d.issuedOn }, ['id']);
      for (const partyId of d.recipientPartyIds) {
        await copies
          .createQueryBuilder()
          .insert()
          .values({ documentId: d.documentId, partyId, subjectPartyId: d.subjectPartyId, issuedToPartyOn: d.issuedOn, withdrawn: false })
          .orIgnore()
          .execute();
      }
      const moved = await keepEndsAfterCopies(manager, d, { correlationId, now: new Date() });
      if (moved.length > 0) logger.warn({ documentId: d.documentId, moved }, 'engagement ends recorded while a copy was issued moved to its day (R-DIST-7)');
      break;
    }
    case 'DocumentRecipientAdded': {
      const d = event.data;
      const issuedToPartyOn = d.reason === 'NEWLY_ENGAGED' ? londonDayOf(new Date(d.addedAt)) : d.issuedOn;
      await copies
        .createQueryBuilder()
        .insert()
        .values({ documentId: d.documentId, partyId: d.partyId, subjectPartyId: d.subjectPartyId, issuedToPartyOn, withdrawn: false })
        .orIgnore()
        .execute();
      break;
    }
    case 'DocumentRecipientRestored':
      // R-DIST-2 (revised): a copy withdrawn under the earlier reading is held again.
      await copies.update({ documentId: event.data.documentId, partyId: event.data.partyId }, { withdrawn: false });
      break;
    default: {
      // Matched by name, not by the union: the event may leave the contract (R-DIST-2 now keeps every
      // copy), and older ones stay on the topic.
      const withdrawn = event.type === ('DocumentRecipientWithdrawn' as string) ? WithdrawnCopy.safeParse(event.data) : null;
      if (withdrawn?.success) await copies.update({ documentId: withdrawn.data.documentId, partyId: withdrawn.data.partyId }, { withdrawn: true });
      else logger.debug({ type: event.type }, 'event not needed by this projection');
    }
  }
};
