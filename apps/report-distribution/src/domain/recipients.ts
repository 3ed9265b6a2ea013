import { documentRecipients, documentsForNewlyEngagedUser, engagementEverInForce, newUserDocumentsDue, type DocumentKind, type RoleChange } from '@sec-assure/rules';

/** R-DIST-2, R-DIST-3: why a party holds a copy. */
export type RecipientReason = 'SUBJECT' | 'ENGAGED_ON_ISSUE_DATE' | 'NEWLY_ENGAGED';

export interface EngagementFacts {
  id: string;
  userPartyId: string;
  providerPartyId: string;
  startDate: string;
  endDate: string | null;
}

export interface PlannedCopy {
  partyId: string;
  reason: RecipientReason;
  engagementId: string | null;
}

/** First engagement of the user with the provider in force on the day (rules decide "in force"). */
function engagementOn(day: string, userPartyId: string, providerPartyId: string, engagements: readonly EngagementFacts[]): EngagementFacts | undefined {
  return engagements.find(
    (e) =>
      e.userPartyId === userPartyId &&
      documentRecipients({ subjectPartyId: providerPartyId, kind: 'ASSESSMENT_REPORT', subjectIsProvider: true, issuedOn: day, engagements: [e] }).includes(
        userPartyId,
      ),
  );
}

/**
 * R-DIST-2, R-DIST-6: the copies made at issue, each with why the party receives it. The list is
 * libs/rules' `documentRecipients`; this only records the reason and the entitling engagement.
 */
export function copiesAtIssue(input: {
  subjectPartyId: string;
  kind: DocumentKind;
  subjectIsProvider: boolean;
  issuedOn: string;
  engagements: readonly EngagementFacts[];
  /** R-PARTY-1: role histories of the engaged parties, where known (one with no role on the issue date gets no copy). */
  roleChanges?: ReadonlyMap<string, readonly RoleChange[]>;
}): PlannedCopy[] {
  const partyIds = documentRecipients({ ...input, engagements: input.engagements.filter(engagementEverInForce) });
  return partyIds.map((partyId) =>
    partyId === input.subjectPartyId
      ? { partyId, reason: 'SUBJECT', engagementId: null }
      : {
          partyId,
          reason: 'ENGAGED_ON_ISSUE_DATE',
          engagementId: engagementOn(input.issuedOn, partyId, input.subjectPartyId, input.engagements.filter(engagementEverInForce))?.id ?? null,
        },
  );
}

export interface ProviderDocument {
  id: string;
  subjectPartyId: string;
  kind: DocumentKind;
  issuedOn: string;
}

export interface CopyForEngagement {
  documentId: string;
  reason: Extract<RecipientReason, 'NEWLY_ENGAGED' | 'ENGAGED_ON_ISSUE_DATE'>;
}

/**
 * The copies a user gains from an engagement with a provider, beyond those it already holds:
 * - R-DIST-5: the provider's current documents (libs/rules `documentsForNewlyEngagedUser`);
 * - R-DIST-2: any document about the provider issued on a day the engagement covers, which the user
 *   would have received at issue had the engagement been known then (an engagement recorded late or
 *   back-dated, or its event consumed after the issue), unless its role history (where known) shows it
 *   held no User Role that day (R-PARTY-1).
 * `documents` must be in issue order (issuedOn, then time of issue): the later of a day is current.
 */
export function copiesForEngagement(
  engagement: EngagementFacts,
  documents: readonly ProviderDocument[],
  heldDocumentIds: ReadonlySet<string>,
  userRoleChanges?: readonly RoleChange[],
): CopyForEngagement[] {
  const roleChanges = userRoleChanges === undefined ? undefined : new Map([[engagement.userPartyId, userRoleChanges]]);
  const copies = new Map<string, CopyForEngagement['reason']>();
  for (const doc of documentsForNewlyEngagedUser(engagement.providerPartyId, engagement.startDate, documents)) {
    copies.set(doc.id, 'NEWLY_ENGAGED');
  }
  for (const doc of documents) {
    if (copies.has(doc.id) || doc.subjectPartyId !== engagement.providerPartyId) continue;
    const recipients = documentRecipients({
      subjectPartyId: doc.subjectPartyId,
      kind: doc.kind,
      subjectIsProvider: true,
      issuedOn: doc.issuedOn,
      engagements: [engagement],
      roleChanges,
    });
    if (recipients.includes(engagement.userPartyId)) copies.set(doc.id, 'ENGAGED_ON_ISSUE_DATE');
  }
  return [...copies]
    .filter(([documentId]) => !heldDocumentIds.has(documentId))
    .map(([documentId, reason]) => ({ documentId, reason }));
}

/**
 * R-DIST-5 with R-DIST-4: the copies a user is owed from an engagement on `today`: none before its
 * start, none for an engagement that ended before it started, otherwise `copiesForEngagement`
 * (the provider's documents current on the start date, and those issued while it was in force).
 */
export function copiesForEngagementOn(
  engagement: EngagementFacts,
  today: string,
  documents: readonly ProviderDocument[],
  heldDocumentIds: ReadonlySet<string>,
  userRoleChanges?: readonly RoleChange[],
): CopyForEngagement[] {
  return newUserDocumentsDue(engagement, today).when === 'NOW' ? copiesForEngagement(engagement, documents, heldDocumentIds, userRoleChanges) : [];
}
