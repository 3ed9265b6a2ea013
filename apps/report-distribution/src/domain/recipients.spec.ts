import { copiesAtIssue, copiesForEngagement, copiesForEngagementOn, type EngagementFacts, type ProviderDocument } from './recipients';

const engagement = (id: string, user: string, start: string, end: string | null = null, provider = 'srp'): EngagementFacts => ({
  id,
  userPartyId: user,
  providerPartyId: provider,
  startDate: start,
  endDate: end,
});

describe('copiesAtIssue', () => {
  const engagements = [
    engagement('e-a', 'user-a', '2025-01-01'),
    engagement('e-b', 'user-b', '2025-01-01', '2026-02-28'),
    engagement('e-c', 'user-c', '2026-03-01', '2026-03-01'),
    engagement('e-d', 'user-d', '2026-03-02'),
    engagement('e-x', 'user-x', '2025-01-01', null, 'other-provider'),
  ];

  it('R-DIST-2, R-DIST-4: the provider and every user engaged on the issue date, each with its engagement', () => {
    const copies = copiesAtIssue({ subjectPartyId: 'srp', kind: 'ASSESSMENT_REPORT', subjectIsProvider: true, issuedOn: '2026-03-01', engagements });
    expect(copies).toEqual([
      { partyId: 'srp', reason: 'SUBJECT', engagementId: null },
      { partyId: 'user-a', reason: 'ENGAGED_ON_ISSUE_DATE', engagementId: 'e-a' },
      // Its last day is the issue date: still engaged.
      { partyId: 'user-c', reason: 'ENGAGED_ON_ISSUE_DATE', engagementId: 'e-c' },
    ]);
  });

  it('R-DIST-2: a user with an ended and a current engagement is entitled by the one in force on the issue date', () => {
    const twice = [engagement('e-old', 'user-a', '2024-01-01', '2024-12-31'), engagement('e-now', 'user-a', '2025-06-01')];
    expect(copiesAtIssue({ subjectPartyId: 'srp', kind: 'ASSESSMENT_REPORT', subjectIsProvider: true, issuedOn: '2026-03-01', engagements: twice })).toEqual([
      { partyId: 'srp', reason: 'SUBJECT', engagementId: null },
      { partyId: 'user-a', reason: 'ENGAGED_ON_ISSUE_DATE', engagementId: 'e-now' },
    ]);
  });

  it('R-DIST-4: an engagement that ended before it started is never in force: no copy, and no refusal of the issue', () => {
    const withNever = [...engagements, engagement('e-never', 'user-n', '2026-03-05', '2026-02-20')];
    expect(copiesAtIssue({ subjectPartyId: 'srp', kind: 'ASSESSMENT_REPORT', subjectIsProvider: true, issuedOn: '2026-03-01', engagements: withNever }).map((c) => c.partyId)).toEqual([
      'srp',
      'user-a',
      'user-c',
    ]);
  });

  it('R-DIST-6: a document about a user that is not a provider goes to it alone', () => {
    const copies = copiesAtIssue({ subjectPartyId: 'srp', kind: 'MANAGEMENT_RESPONSE', subjectIsProvider: false, issuedOn: '2026-03-01', engagements });
    expect(copies).toEqual([{ partyId: 'srp', reason: 'SUBJECT', engagementId: null }]);
  });
});

describe('copiesForEngagement', () => {
  // In issue order: the later of a day is current.
  const documents: ProviderDocument[] = [
    { id: 'report-1', subjectPartyId: 'srp', kind: 'ASSESSMENT_REPORT', issuedOn: '2026-01-10' },
    { id: 'report-2', subjectPartyId: 'srp', kind: 'ASSESSMENT_REPORT', issuedOn: '2026-02-01' },
    { id: 'response-1', subjectPartyId: 'srp', kind: 'MANAGEMENT_RESPONSE', issuedOn: '2026-02-05' },
    { id: 'outcome-1', subjectPartyId: 'srp', kind: 'SSC_OUTCOME', issuedOn: '2026-05-01' },
  ];

  it("R-DIST-5: a user that begins to use the provider gets the latest of each kind issued by then", () => {
    const copies = copiesForEngagement(engagement('e-new', 'user-n', '2026-03-01'), documents, new Set());
    expect(copies).toEqual(
      expect.arrayContaining([
        { documentId: 'report-2', reason: 'NEWLY_ENGAGED' },
        { documentId: 'response-1', reason: 'NEWLY_ENGAGED' },
      ]),
    );
    // report-1 is superseded; outcome-1 is issued while engaged (R-DIST-2), learned after its issue.
    expect(copies.map((c) => c.documentId).sort()).toEqual(['outcome-1', 'report-2', 'response-1']);
    expect(copies.find((c) => c.documentId === 'outcome-1')?.reason).toBe('ENGAGED_ON_ISSUE_DATE');
  });

  it('R-DIST-2: a back-dated engagement brings every document issued while it was in force, and nothing it already holds', () => {
    const copies = copiesForEngagement(engagement('e-old', 'user-o', '2026-01-01', '2026-02-03'), documents, new Set(['report-2']));
    expect(copies).toEqual([{ documentId: 'report-1', reason: 'ENGAGED_ON_ISSUE_DATE' }]);
  });

  it('ignores documents about other parties, the user itself included', () => {
    const other: ProviderDocument[] = [
      { id: 'x', subjectPartyId: 'someone-else', kind: 'ASSESSMENT_REPORT', issuedOn: '2026-01-01' },
      { id: 'own', subjectPartyId: 'u', kind: 'ASSESSMENT_REPORT', issuedOn: '2026-03-05' },
    ];
    expect(copiesForEngagement(engagement('e', 'u', '2026-03-01'), other, new Set())).toEqual([]);
  });

  it('R-DIST-5: a current document issued on the first day of the engagement is NEWLY_ENGAGED (its first reason stands)', () => {
    expect(copiesForEngagement(engagement('e-new', 'user-n', '2026-02-05'), documents, new Set())).toEqual([
      { documentId: 'report-2', reason: 'NEWLY_ENGAGED' },
      { documentId: 'response-1', reason: 'NEWLY_ENGAGED' },
      { documentId: 'outcome-1', reason: 'ENGAGED_ON_ISSUE_DATE' },
    ]);
  });
});

describe('copiesForEngagementOn (R-DIST-5, R-DIST-4: which documents, when)', () => {
  // Engagement recorded 2026-01-10 to start 2026-02-01; the provider's report issued 2026-01-20.
  const future = engagement('e-future', 'user-f', '2026-02-01');
  const before: ProviderDocument[] = [
    { id: 'report-0', subjectPartyId: 'srp', kind: 'ASSESSMENT_REPORT', issuedOn: '2026-01-05' },
  ];
  const byStart: ProviderDocument[] = [
    ...before,
    { id: 'report-1', subjectPartyId: 'srp', kind: 'ASSESSMENT_REPORT', issuedOn: '2026-01-20' },
    { id: 'response-1', subjectPartyId: 'srp', kind: 'MANAGEMENT_RESPONSE', issuedOn: '2026-01-25' },
  ];

  it('R-DIST-4: nothing before the start date, not even the documents already current', () => {
    expect(copiesForEngagementOn(future, '2026-01-10', before, new Set())).toEqual([]);
    expect(copiesForEngagementOn(future, '2026-01-31', byStart, new Set())).toEqual([]);
  });

  it('R-DIST-5: on the start date, the latest document of each kind issued by then, the report issued after the engagement was recorded included', () => {
    expect(copiesForEngagementOn(future, '2026-02-01', byStart, new Set())).toEqual([
      { documentId: 'report-1', reason: 'NEWLY_ENGAGED' },
      { documentId: 'response-1', reason: 'NEWLY_ENGAGED' },
    ]);
  });

  it('R-DIST-5: a round after the start date gives the documents current on the start date; those received at issue since are held', () => {
    const later: ProviderDocument[] = [...byStart, { id: 'outcome-1', subjectPartyId: 'srp', kind: 'SSC_OUTCOME', issuedOn: '2026-02-10' }];
    expect(copiesForEngagementOn(future, '2026-02-15', later, new Set(['outcome-1']))).toEqual([
      { documentId: 'report-1', reason: 'NEWLY_ENGAGED' },
      { documentId: 'response-1', reason: 'NEWLY_ENGAGED' },
    ]);
    // Given once: a second round finds them held.
    expect(copiesForEngagementOn(future, '2026-02-15', later, new Set(['outcome-1', 'report-1', 'response-1']))).toEqual([]);
  });

  it('R-DIST-4: an engagement that ended before it started receives nothing, on its start date or after', () => {
    const never = engagement('e-never', 'user-f', '2026-02-01', '2026-01-25');
    expect(copiesForEngagementOn(never, '2026-02-01', byStart, new Set())).toEqual([]);
    expect(copiesForEngagementOn(never, '2026-03-01', byStart, new Set())).toEqual([]);
  });

  it('R-DIST-5: an engagement already started is owed what copiesForEngagement says, unchanged', () => {
    const started = engagement('e-started', 'user-s', '2026-01-22');
    expect(copiesForEngagementOn(started, '2026-02-01', byStart, new Set())).toEqual(copiesForEngagement(started, byStart, new Set()));
    expect(copiesForEngagementOn(started, '2026-02-01', byStart, new Set())).toEqual([
      { documentId: 'report-1', reason: 'NEWLY_ENGAGED' },
      { documentId: 'response-1', reason: 'ENGAGED_ON_ISSUE_DATE' },
    ]);
  });
});
