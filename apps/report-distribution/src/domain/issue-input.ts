import { createHash } from 'node:crypto';
import { CALENDAR_DATE, badInput, DOCUMENT_KINDS, isCalendarDate, issueDate, type DocumentKind } from '@sec-assure/rules';

export const MAX_TITLE_LENGTH = 200;
/** Contract: content up to 5 MiB (the gateway accepts request bodies up to 8 MiB). */
export const MAX_CONTENT_BYTES = 5 * 1024 * 1024;

export interface IssueRequest {
  subjectPartyId: string;
  assessmentId?: string | null;
  kind: string;
  title: string;
  content: string;
  /** Optional: when given it must be the server day (R-DIST-2). */
  issuedOn?: string | null;
}

export interface ValidIssue {
  subjectPartyId: string;
  assessmentId: string | null;
  kind: DocumentKind;
  title: string;
  content: string;
  issuedOn: string;
  sha256: string;
}

/** Hex SHA-256 of the content's UTF-8 bytes: recipients verify their copy with it. */
export const sha256Hex = (content: string): string => createHash('sha256').update(content, 'utf8').digest('hex');

/**
 * What an issue records, or a BAD_USER_INPUT naming the field. Content is kept exactly as given; the
 * issue date is `serverDay` (R-DIST-2: the day the platform records the issue, Europe/London).
 */
export function validateIssue(request: IssueRequest, serverDay: string): ValidIssue {
  if (!(DOCUMENT_KINDS as readonly string[]).includes(request.kind)) {
    throw badInput('kind', `must be one of ${DOCUMENT_KINDS.join(', ')}`);
  }
  const subjectPartyId = request.subjectPartyId.trim();
  if (subjectPartyId === '') throw badInput('subjectPartyId', 'must name a registered party');
  const title = request.title.trim().replace(/\s+/g, ' ');
  if (title.length < 1 || title.length > MAX_TITLE_LENGTH) {
    throw badInput('title', `must be 1 to ${MAX_TITLE_LENGTH} characters after trimming (got ${title.length})`);
  }
  if (request.content.trim() === '') throw badInput('content', 'must not be empty');
  const bytes = Buffer.byteLength(request.content, 'utf8');
  if (bytes > MAX_CONTENT_BYTES) {
    throw badInput('content', `must be at most 5 MiB (${MAX_CONTENT_BYTES} bytes of UTF-8); got ${bytes} bytes`);
  }
  if (request.issuedOn != null && !isCalendarDate(request.issuedOn)) throw badInput('issuedOn', `must be ${CALENDAR_DATE}`);
  const issuedOn = issueDate(request.issuedOn, serverDay);
  // Left out (or null) means no assessment; an empty id is a mistake, not a way of saying none.
  const assessmentId = request.assessmentId == null ? null : request.assessmentId.trim();
  if (assessmentId === '') throw badInput('assessmentId', "is blank: give the assessment's id, or leave assessmentId out for a document about no assessment");
  return {
    subjectPartyId,
    assessmentId,
    kind: request.kind as DocumentKind,
    title,
    content: request.content,
    issuedOn,
    sha256: sha256Hex(request.content),
  };
}
