import type { Engagement } from '../parties/engagements';
import { canReadDocument } from './access';
import { documentsForNewlyEngagedUser, type IssuedDocument } from './documents-for-new-user';
import { documentRecipients } from './recipients';

const engagements: Engagement[] = [
  { userPartyId: 'U1', providerPartyId: 'P', startDate: '2020-01-01', endDate: null },
  { userPartyId: 'U2', providerPartyId: 'P', startDate: '2020-01-01', endDate: '2021-03-31' },
  { userPartyId: 'U3', providerPartyId: 'P', startDate: '2021-04-01' },
  { userPartyId: 'U4', providerPartyId: 'P', startDate: '2021-03-31', endDate: '2021-03-31' },
  { userPartyId: 'U1', providerPartyId: 'P', startDate: '2019-01-01' },
  { userPartyId: 'U5', providerPartyId: 'Q', startDate: '2019-01-01' },
];

describe('R-DIST-2, R-DIST-4, R-DIST-6: recipients', () => {
  it('R-DIST-2: a provider document goes to the provider and every User engaged on the issue date', () => {
    expect(documentRecipients({ subjectPartyId: 'P', kind: 'ASSESSMENT_REPORT', subjectIsProvider: true, issuedOn: '2021-03-31', engagements })).toEqual(['P', 'U1', 'U2', 'U4']);
  });

  it('R-DIST-4: a User whose engagement ended before the issue date does not receive it; one not yet begun neither', () => {
    const r = documentRecipients({ subjectPartyId: 'P', kind: 'SSC_OUTCOME', subjectIsProvider: true, issuedOn: '2021-04-01', engagements });
    expect(r).toEqual(['P', 'U1', 'U3']);
    expect(r).not.toContain('U2');
    expect(documentRecipients({ subjectPartyId: 'P', kind: 'SSC_OUTCOME', subjectIsProvider: true, issuedOn: '2019-06-01', engagements })).toEqual(['P', 'U1']);
  });

  it("R-DIST-6: a document about a User's own assessment goes to that User alone", () => {
    expect(documentRecipients({ subjectPartyId: 'U1', kind: 'MANAGEMENT_RESPONSE', subjectIsProvider: false, issuedOn: '2021-04-01', engagements })).toEqual(['U1']);
  });

  it('R-DIST-2: refuses bad input naming the field', () => {
    const base = { subjectPartyId: 'P', kind: 'SSC_OUTCOME' as const, subjectIsProvider: true, issuedOn: '2021-04-01', engagements };
    expect(() => documentRecipients({ ...base, kind: 'MEMO' as 'SSC_OUTCOME' })).toThrow(/kind/);
    expect(() => documentRecipients({ ...base, issuedOn: '2021-04-31' })).toThrow(/issuedOn/);
    expect(() => documentRecipients({ ...base, subjectPartyId: '' })).toThrow(/subjectPartyId/);
    expect(() => documentRecipients({ ...base, engagements: [{ userPartyId: 'U', providerPartyId: 'P', startDate: '2021-01-02', endDate: '2021-01-01' }] })).toThrow(/engagements\[0\]\.endDate/);
    expect(() => documentRecipients({ ...base, engagements: [{ userPartyId: '', providerPartyId: 'P', startDate: '2021-01-02' }] })).toThrow(/userPartyId/);
    expect(() => documentRecipients({ ...base, engagements: [{ userPartyId: 'U', providerPartyId: 'P', startDate: '2021-1-2' }] })).toThrow(/engagements\[0\]\.startDate/);
  });
});

describe('R-DIST-4: who may read a document', () => {
  const doc = { recipientPartyIds: ['P', 'U1'], issuedBy: 'cio-1' };
  it.each([
    [{ roles: ['SECAS_ADMIN'] }, true],
    [{ roles: ['SSC_MEMBER'] }, true],
    [{ roles: ['PARTY_USER'], partyId: 'U1' }, true],
    [{ roles: ['PARTY_USER'], partyId: 'U2' }, false],
    [{ roles: ['PARTY_USER'] }, false],
    [{ roles: [], partyId: 'U1' }, false],
    [{ roles: ['USER_CIO'], sub: 'cio-1' }, true],
    [{ roles: ['USER_CIO'], sub: 'cio-2' }, false],
    [{ roles: ['USER_CIO'] }, false],
  ])('R-DIST-4: viewer %j may read: %p', (viewer, expected) => {
    expect(canReadDocument(viewer, doc)).toBe(expected);
  });
});

describe('R-DIST-5: documents for a newly engaged User', () => {
  const documents: IssuedDocument[] = [
    { id: 'r1', subjectPartyId: 'P', kind: 'ASSESSMENT_REPORT', issuedOn: '2020-03-01' },
    { id: 'o1', subjectPartyId: 'P', kind: 'SSC_OUTCOME', issuedOn: '2020-05-01' },
    { id: 'r2', subjectPartyId: 'P', kind: 'ASSESSMENT_REPORT', issuedOn: '2021-03-01' },
    { id: 'r2b', subjectPartyId: 'P', kind: 'ASSESSMENT_REPORT', issuedOn: '2021-03-01' },
    { id: 'x', subjectPartyId: 'Q', kind: 'MANAGEMENT_RESPONSE', issuedOn: '2021-03-01' },
    { id: 'future', subjectPartyId: 'P', kind: 'SSC_OUTCOME', issuedOn: '2022-01-01' },
  ];

  it('R-DIST-5: the latest document of each kind about the provider, as of the engagement start', () => {
    expect(documentsForNewlyEngagedUser('P', '2021-06-01', documents).map((d) => d.id)).toEqual(['r2b', 'o1']);
    expect(documentsForNewlyEngagedUser('P', '2020-04-01', documents).map((d) => d.id)).toEqual(['r1']);
    expect(documentsForNewlyEngagedUser('Z', '2021-06-01', documents)).toEqual([]);
  });

  it('R-DIST-5: refuses bad dates and kinds', () => {
    expect(() => documentsForNewlyEngagedUser('P', '2021-02-30', documents)).toThrow(/engagementStart/);
    expect(() => documentsForNewlyEngagedUser('P', '2021-06-01', [{ id: 'a', subjectPartyId: 'P', kind: 'NOTE' as 'SSC_OUTCOME', issuedOn: '2021-01-01' }])).toThrow(/documents\[0\]\.kind/);
  });
});
