import { createHash } from 'node:crypto';
import { MAX_CONTENT_BYTES, sha256Hex, validateIssue, type IssueRequest } from './issue-input';
import { refusalOf as refusalOfRun } from '@sec-assure/testing';

const request = (over: Partial<IssueRequest> = {}): IssueRequest => ({
  subjectPartyId: 'p-1',
  kind: 'ASSESSMENT_REPORT',
  title: 'Full assessment 2026',
  content: 'Findings: none.',
  ...over,
});
const TODAY = '2026-03-01';

function refusalOf(over: Partial<IssueRequest>): { code: unknown; field: unknown } {
  const { code, extensions } = refusalOfRun(() => validateIssue(request(over), TODAY));
  return { code, field: extensions.field };
}

describe('validateIssue', () => {
  it('keeps the content exactly and hashes its UTF-8 bytes (hex SHA-256)', () => {
    const content = '  Résumé ✓\n';
    const issue = validateIssue(request({ content, title: '  Report   one ' }), TODAY);
    expect(issue.content).toBe(content);
    expect(issue.title).toBe('Report one');
    expect(issue.sha256).toBe(createHash('sha256').update(Buffer.from(content, 'utf8')).digest('hex'));
    expect(issue.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(issue.assessmentId).toBeNull();
  });

  it.each([
    [{ title: '   ' }, 'title'],
    [{ title: 'x'.repeat(201) }, 'title'],
    [{ content: '' }, 'content'],
    [{ content: ' \n ' }, 'content'],
    [{ content: 'x'.repeat(MAX_CONTENT_BYTES + 1) }, 'content'],
    [{ issuedOn: '2026-02-30' }, 'issuedOn'],
    // R-DIST-2: the issue date is the server day, not one the caller picks.
    [{ issuedOn: '1900-01-01' }, 'issuedOn'],
    [{ issuedOn: '2026-03-02' }, 'issuedOn'],
    [{ subjectPartyId: ' ' }, 'subjectPartyId'],
    [{ kind: 'MINUTES' }, 'kind'],
  ] as Array<[Partial<IssueRequest>, string]>)('refuses %j with BAD_USER_INPUT naming %s', (over, field) => {
    expect(refusalOf(over)).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('R-DIST-2: the issue date is the server day, with or without issuedOn', () => {
    expect(validateIssue(request(), TODAY).issuedOn).toBe(TODAY);
    expect(validateIssue(request({ issuedOn: null }), TODAY).issuedOn).toBe(TODAY);
    expect(validateIssue(request({ issuedOn: TODAY }), TODAY).issuedOn).toBe(TODAY);
  });

  it('accepts a title of exactly 200 characters and content of exactly 5 MiB', () => {
    expect(validateIssue(request({ title: 't'.repeat(200) }), TODAY).title).toHaveLength(200);
    expect(validateIssue(request({ content: 'x'.repeat(MAX_CONTENT_BYTES) }), TODAY).content).toHaveLength(MAX_CONTENT_BYTES);
  });

  it('counts the 5 MiB in UTF-8 bytes, not characters', () => {
    // 'é' is two bytes: half the limit in characters is exactly the limit in bytes.
    expect(() => validateIssue(request({ content: 'é'.repeat(MAX_CONTENT_BYTES / 2) }), TODAY)).not.toThrow();
    expect(refusalOf({ content: 'é'.repeat(MAX_CONTENT_BYTES / 2 + 1) }).field).toBe('content');
  });

  it('sha256Hex of the empty string is the well-known digest', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('validateIssue: what each refusal says, and the ids kept', () => {
  const message = (over: Partial<IssueRequest>): string => refusalOfRun(() => validateIssue(request(over), TODAY)).message;

  it('names the allowed kinds, the bounds of the title with its length, and what is wrong with the rest', () => {
    expect(message({ kind: 'MINUTES' })).toBe(
      'kind: must be one of ASSESSMENT_REPORT, MANAGEMENT_RESPONSE, SSC_OUTCOME, REMEDIATION_PROGRESS, REMEDIATION_COMPLETION, REMEDIATION_FAILURE',
    );
    expect(message({ subjectPartyId: '  ' })).toBe('subjectPartyId: must name a registered party');
    expect(message({ title: 'x'.repeat(201) })).toBe('title: must be 1 to 200 characters after trimming (got 201)');
    expect(message({ title: ' \n ' })).toBe('title: must be 1 to 200 characters after trimming (got 0)');
    expect(message({ content: ' ' })).toBe('content: must not be empty');
  });

  it('an unreal issuedOn is refused as a date before it is compared with the server day (R-DIST-2)', () => {
    expect(message({ issuedOn: '2026-02-30' })).toBe('issuedOn: must be a real calendar date written YYYY-MM-DD, in the years 1000 to 9999');
  });

  it('trims the subject and the assessment id; a blank assessment id is refused (left out, it is none)', () => {
    const issue = validateIssue(request({ subjectPartyId: ' p-1 ', assessmentId: '  a-1 ' }), TODAY);
    expect({ subjectPartyId: issue.subjectPartyId, assessmentId: issue.assessmentId, kind: issue.kind }).toEqual({ subjectPartyId: 'p-1', assessmentId: 'a-1', kind: 'ASSESSMENT_REPORT' });
    for (const blank of ['', '   ']) expect(() => validateIssue(request({ assessmentId: blank }), TODAY)).toThrow(/assessmentId.*is blank: give the assessment's id, or leave assessmentId out/);
    expect(validateIssue(request({ assessmentId: null }), TODAY).assessmentId).toBeNull();
  });
});
