import type { Engagement } from '../parties/engagements';
import { canReadDocument, OVERSIGHT_ROLES } from './access';
import { assertDocumentKind, DOCUMENT_KINDS } from './document-kinds';
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

  it('R-DIST-2, R-PARTY-1: an engaged party that holds no User Role on the issue date is no User and gets no copy; unknown history counts as a User', () => {
    const roleChanges = new Map([
      ['U1', [{ role: 'GAS_SUPPLIER' as const, change: 'GAINED' as const, effectiveFrom: '2018-01-01' }, { role: 'GAS_SUPPLIER' as const, change: 'GIVEN_UP' as const, effectiveFrom: '2021-04-01' }]],
      ['U3', []],
    ]);
    const on = (issuedOn: string) => documentRecipients({ subjectPartyId: 'P', kind: 'ASSESSMENT_REPORT', subjectIsProvider: true, issuedOn, engagements, roleChanges });
    // U1 held its role to 2021-03-31: a copy then, none from the day it gave it up; U3 (no history) and U2/U4 (none known) count.
    expect(on('2021-03-31')).toEqual(['P', 'U1', 'U2', 'U4']);
    expect(on('2021-04-01')).toEqual(['P', 'U3']);
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

describe('R-DIST-1, R-DIST-2, R-DIST-4: the edges of recipients and reads', () => {
  it('R-DIST-4: oversight is SECAS_ADMIN and SSC_MEMBER, among any other roles', () => {
    expect(OVERSIGHT_ROLES).toEqual(['SECAS_ADMIN', 'SSC_MEMBER']);
    expect(canReadDocument({ roles: ['PARTY_USER', 'SSC_MEMBER'], partyId: 'X' }, { recipientPartyIds: [] })).toBe(true);
    expect(canReadDocument({ roles: ['USER_CIO', 'PARTY_USER'], partyId: 'X', sub: 'cio-9' }, { recipientPartyIds: ['P'], issuedBy: 'cio-1' })).toBe(false);
  });

  it('R-DIST-4: a User CIO without a recorded subject never matches a document without an issuer', () => {
    expect(canReadDocument({ roles: ['USER_CIO'] }, { recipientPartyIds: ['P'] })).toBe(false);
    expect(canReadDocument({ roles: ['USER_CIO'], sub: null }, { recipientPartyIds: ['P'], issuedBy: null })).toBe(false);
    expect(canReadDocument({ roles: ['PARTY_USER'], sub: 'cio-1' }, { recipientPartyIds: ['P'], issuedBy: 'cio-1' })).toBe(false);
  });

  it('R-DIST-1: document kinds are the contract names; anything else is refused naming the field', () => {
    expect(DOCUMENT_KINDS).toEqual(['ASSESSMENT_REPORT', 'MANAGEMENT_RESPONSE', 'SSC_OUTCOME', 'REMEDIATION_PROGRESS', 'REMEDIATION_COMPLETION', 'REMEDIATION_FAILURE']);
    expect(assertDocumentKind('SSC_OUTCOME')).toBe('SSC_OUTCOME');
    expect(() => assertDocumentKind(7)).toThrow(
      expect.objectContaining({
        field: 'kind',
        message:
          'kind must be one of ASSESSMENT_REPORT, MANAGEMENT_RESPONSE, SSC_OUTCOME, REMEDIATION_PROGRESS, REMEDIATION_COMPLETION, REMEDIATION_FAILURE; got 7.',
      }),
    );
  });

  it('R-DIST-2: the subject must name a party; engagements with other providers are not read', () => {
    const base = { subjectPartyId: 'P', kind: 'SSC_OUTCOME' as const, subjectIsProvider: true, issuedOn: '2021-04-01', engagements };
    expect(() => documentRecipients({ ...base, subjectPartyId: 7 as unknown as string })).toThrow(
      expect.objectContaining({ field: 'subjectPartyId', message: 'subjectPartyId must name a party.' }),
    );
    const otherProviderBroken = { userPartyId: '', providerPartyId: 'Q', startDate: 'soon' };
    expect(documentRecipients({ ...base, engagements: [...engagements, otherProviderBroken] })).toEqual(['P', 'U1', 'U3']);
    // Not a provider: its engagements as a User do not make anyone a recipient.
    expect(documentRecipients({ ...base, subjectPartyId: 'U1', subjectIsProvider: false, engagements: [{ userPartyId: 'X', providerPartyId: 'U1', startDate: '2020-01-01' }] })).toEqual([
      'U1',
    ]);
  });

  it('R-DIST-5: a document of an unknown kind about another party is not read', () => {
    const other = { id: 'a', subjectPartyId: 'Q', kind: 'NOTE' as 'SSC_OUTCOME', issuedOn: 'never' };
    expect(documentsForNewlyEngagedUser('P', '2021-06-01', [other])).toEqual([]);
  });
});
