import { ConflictError } from '../errors';

/** A copy of a document about the provider that the user already holds. */
export interface HeldCopy {
  documentId: string;
  title: string;
  /** The day the copy was issued to the user (the issue date, or the day it was added for a newly engaged user). */
  issuedToUserOn: string;
}

/** The days of an engagement, `endDate` its last day of use (null while it continues). */
export interface EngagementSpan {
  startDate: string;
  endDate: string | null;
}

/** R-DIST-7: an end date before today is a back-dated end (SECAS only). */
export const isBackDatedEnd = (endDate: string, today: string): boolean => endDate < today;

/**
 * R-DIST-7, R-DIST-2: the copies an end on `endDate` would contradict: issued to the user after its
 * last day of use, and not covered by another engagement of the same user with the same provider
 * (which would have entitled it on that day anyway). Oldest first.
 */
export function copiesAfterEnd(copies: readonly HeldCopy[], endDate: string, otherEngagements: readonly EngagementSpan[]): HeldCopy[] {
  const covered = (day: string): boolean => otherEngagements.some((e) => e.startDate <= day && (e.endDate === null || day <= e.endDate));
  return copies
    .filter((c) => c.issuedToUserOn > endDate && !covered(c.issuedToUserOn))
    .sort((a, b) => (a.issuedToUserOn === b.issuedToUserOn ? a.documentId.localeCompare(b.documentId) : a.issuedToUserOn < b.issuedToUserOn ? -1 : 1));
}

/** R-DIST-7: the end would take back copies already delivered (well formed, but contradicts them: CONFLICT). */
export class EndBeforeIssuedCopiesError extends ConflictError {
  override readonly name: string = 'EndBeforeIssuedCopiesError';
  /** The earliest end that keeps every copy. */
  readonly earliestEnd: string;
  constructor(readonly endDate: string, readonly contradicted: readonly HeldCopy[]) {
    const earliestEnd = contradicted[contradicted.length - 1]?.issuedToUserOn ?? endDate;
    const named = contradicted.map((c) => `${c.documentId} "${c.title}" (issued to the user on ${c.issuedToUserOn})`).join(', ');
    super(
      // What to do first, then every document: a long list never hides the advice.
      `The engagement cannot end on ${endDate}: documents about the provider were already issued to the user after that day, and a copy is never taken back (R-DIST-7, R-DIST-2). ` +
        `End it on ${earliestEnd} or later. Issued after ${endDate}: ${named}.`,
    );
    this.earliestEnd = earliestEnd;
  }
}

/**
 * R-DIST-7: an engagement end is never back-dated before a document already issued to that user
 * about its provider; the refusal names every such document.
 */
export function assertEndKeepsIssuedCopies(copies: readonly HeldCopy[], endDate: string, otherEngagements: readonly EngagementSpan[]): void {
  const contradicted = copiesAfterEnd(copies, endDate, otherEngagements);
  if (contradicted.length > 0) throw new EndBeforeIssuedCopiesError(endDate, contradicted);
}

/** An engagement end moved so that it no longer goes before a copy (see `endMovedForCopy`). */
export interface EndMoved {
  engagementId: string;
  from: string;
  to: string;
}

/**
 * R-DIST-7 when a copy and a back-dated end were decided at the same moment by two services
 * (report-distribution picked the user as a recipient while the end was being recorded): the end
 * goes to the copy's day, the earliest end R-DIST-7 allows, so that the register never shows an
 * end before a copy the user holds (R-DIST-2 keeps the copy). Nothing moves when an engagement
 * covers the day, or when none had started by it (the copy came for another reason): null.
 */
export function endMovedForCopy(engagements: ReadonlyArray<EngagementSpan & { id: string }>, copyDay: string): EndMoved | null {
  const covered = engagements.some((e) => e.startDate <= copyDay && (e.endDate === null || copyDay <= e.endDate));
  if (covered) return null;
  const endedBefore = engagements
    .filter((e): e is EngagementSpan & { id: string; endDate: string } => e.startDate <= copyDay && e.endDate !== null && e.endDate < copyDay)
    .sort((a, b) => (a.endDate === b.endDate ? a.id.localeCompare(b.id) : a.endDate < b.endDate ? -1 : 1));
  const latest = endedBefore[endedBefore.length - 1];
  return latest ? { engagementId: latest.id, from: latest.endDate, to: copyDay } : null;
}
