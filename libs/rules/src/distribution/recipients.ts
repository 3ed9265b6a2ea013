import { RuleInputError } from '../errors';
import { toDayNumber, type IsoDate } from '../calendar/iso-date';
import { engagementSpan, isEngagedOn, type Engagement } from '../parties/engagements';
import { isUserOn, type RoleChange } from '../parties/role-history';
import { assertDocumentKind, type DocumentKind } from './document-kinds';

export interface RecipientsInput {
  readonly subjectPartyId: string;
  readonly kind: DocumentKind;
  /** Whether the subject is a Shared Resource Provider (a dual-role party included, R-SRP-6). */
  readonly subjectIsProvider: boolean;
  readonly issuedOn: IsoDate;
  readonly engagements: readonly Engagement[];
  /**
   * R-PARTY-1: the role history of engaged parties, where it is known. One known to hold no User Role on the
   * issue date (it gave up its last) is no User that day, so it gets no copy; a party with no history here
   * counts as the User its engagement made it (nothing is known against it).
   */
  readonly roleChanges?: ReadonlyMap<string, readonly RoleChange[]>;
}

/**
 * R-DIST-2, R-DIST-6: every kind of document about a provider's assessment (R-DIST-1) goes to the
 * provider and to every User engaged with it on the issue date; one about a User's own assessment
 * goes to that User alone. An engaged party known to hold no User Role on the issue date is no User (R-PARTY-1).
 * The subject comes first, then Users in the order first engaged; no repeats.
 */
export function documentRecipients(input: RecipientsInput): string[] {
  if (typeof input.subjectPartyId !== 'string' || input.subjectPartyId === '') {
    throw new RuleInputError('subjectPartyId', 'subjectPartyId must name a party.');
  }
  assertDocumentKind(input.kind);
  const day = toDayNumber(input.issuedOn, 'issuedOn');
  const recipients = [input.subjectPartyId];
  if (!input.subjectIsProvider) return recipients;
  const seen = new Set(recipients);
  input.engagements.forEach((e, i) => {
    if (e.providerPartyId !== input.subjectPartyId) return;
    const span = engagementSpan(e, `engagements[${i}]`);
    const history = input.roleChanges?.get(span.userPartyId);
    if (history !== undefined && history.length > 0 && !isUserOn(history, input.issuedOn)) return;
    if (isEngagedOn(span, day) && !seen.has(span.userPartyId)) {
      seen.add(span.userPartyId);
      recipients.push(span.userPartyId);
    }
  });
  return recipients;
}
