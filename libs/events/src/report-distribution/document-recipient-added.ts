import { z } from 'zod';
import { defineEvent } from '../envelope';
import { DocumentKind } from '../enums';
import { CalendarDate, Id, Instant } from '../scalars';
import { TOPICS } from '../topics';

/** Why a party joined a document's recipients after the document was issued. */
export const RecipientAddedReason = z.enum([
  /** R-DIST-5: the user began to use the provider and receives its current documents. */
  'NEWLY_ENGAGED',
  /** R-DIST-2: the user was engaged on the issue date, but the engagement became known after issue. */
  'ENGAGED_ON_ISSUE_DATE',
]);
export type RecipientAddedReason = z.infer<typeof RecipientAddedReason>;

export const DocumentRecipientAddedData = z.object({
  documentId: Id,
  /** The party that now holds a copy. */
  partyId: Id,
  kind: DocumentKind,
  subjectPartyId: Id,
  issuedOn: CalendarDate,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  reason: RecipientAddedReason,
  /** The engagement that entitles the party. */
  engagementId: Id,
  addedAt: Instant,
});
export type DocumentRecipientAddedData = z.infer<typeof DocumentRecipientAddedData>;

export const DocumentRecipientAdded = defineEvent({
  type: 'DocumentRecipientAdded',
  topic: TOPICS.reportDistribution,
  description:
    "A party received a copy of an already issued document: a user newly engaged with the document's provider (R-DIST-5), or one engaged on the issue date whose engagement became known later (R-DIST-2).",
  subjectField: 'documentId',
  data: DocumentRecipientAddedData,
});
