import { conflict } from '@sec-assure/service';
import type { EngagementDates } from './engagement';

/** A copy of a document about the provider that the user already holds (from report-distribution's events). */
export interface HeldCopy {
  documentId: string;
  title: string;
  /** The day the copy was issued to the user (the issue date, or the day it was added for a newly engaged user). */
  issuedToUserOn: string;
}

/** R-DIST-7: an end date before today is a back-dated end (SECAS only). */
export const isBackDatedEnd = (endDate: string, today: string): boolean => endDate < today;

/**
 * R-DIST-7, R-DIST-2: the copies an end on `endDate` would contradict: issued to the user after its
 * last day of use, and not covered by another engagement of the same user with the same provider
 * (which would have entitled it on that day anyway).
 */
export function copiesAfterEnd(copies: readonly HeldCopy[], endDate: string, otherEngagements: readonly EngagementDates[]): HeldCopy[] {
  const covered = (day: string): boolean => otherEngagements.some((e) => e.startDate <= day && (e.endDate === null || day <= e.endDate));
  return copies
    .filter((c) => c.issuedToUserOn > endDate && !covered(c.issuedToUserOn))
    .sort((a, b) => (a.issuedToUserOn === b.issuedToUserOn ? a.documentId.localeCompare(b.documentId) : a.issuedToUserOn < b.issuedToUserOn ? -1 : 1));
}

/**
 * R-DIST-7: an engagement end is never back-dated before a document already issued to that user
 * about its provider: CONFLICT (the request is well formed, but contradicts what was already
 * delivered), naming every such document.
 */
export function assertEndKeepsIssuedCopies(copies: readonly HeldCopy[], endDate: string, otherEngagements: readonly EngagementDates[]): void {
  const contradicted = copiesAfterEnd(copies, endDate, otherEngagements);
  if (contradicted.length === 0) return;
  const latest = contradicted[contradicted.length - 1]?.issuedToUserOn ?? endDate;
  const named = contradicted.map((c) => `${c.documentId} "${c.title}" (issued to the user on ${c.issuedToUserOn})`).join(', ');
  throw conflict(
    `The engagement cannot end on ${endDate}: documents about the provider were already issued to the user after that day, and a copy is never taken back (R-DIST-7, R-DIST-2): ${named}. ` +
      `End it on ${latest} or later.`,
  );
}
