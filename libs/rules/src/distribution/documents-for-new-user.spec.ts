import { documentsForNewlyEngagedUser, type IssuedDocument } from './documents-for-new-user';

describe('R-DIST-5, R-SRP-8: the day boundaries of a newly engaged User\'s documents', () => {
  const documents: IssuedDocument[] = [
    { id: 'old', subjectPartyId: 'P', kind: 'ASSESSMENT_REPORT', issuedOn: '2021-02-28' },
    { id: 'same-day', subjectPartyId: 'P', kind: 'ASSESSMENT_REPORT', issuedOn: '2021-03-01' },
    { id: 'next-day', subjectPartyId: 'P', kind: 'SSC_OUTCOME', issuedOn: '2021-03-02' },
  ];

  it('R-DIST-5: a document issued on the engagement start day is current for the User ("on or before")', () => {
    expect(documentsForNewlyEngagedUser('P', '2021-03-01', documents).map((d) => d.id)).toEqual(['same-day']);
  });

  it('R-DIST-5: one issued the day after the start is not, and the day before the older one stays current', () => {
    expect(documentsForNewlyEngagedUser('P', '2021-02-28', documents).map((d) => d.id)).toEqual(['old']);
    expect(documentsForNewlyEngagedUser('P', '2021-03-02', documents).map((d) => d.id)).toEqual(['same-day', 'next-day']);
  });

  it('R-DIST-5: an earlier document listed after a later one does not replace it', () => {
    const reversed = [...documents].reverse();
    expect(documentsForNewlyEngagedUser('P', '2021-03-01', reversed).map((d) => d.id)).toEqual(['same-day']);
  });
});

it('R-DIST-5: a bad issue date is refused naming the document it belongs to', () => {
  const documents: IssuedDocument[] = [
    { id: 'ok', subjectPartyId: 'P', kind: 'ASSESSMENT_REPORT', issuedOn: '2021-01-01' },
    { id: 'bad', subjectPartyId: 'P', kind: 'SSC_OUTCOME', issuedOn: '2021-02-30' },
  ];
  expect(() => documentsForNewlyEngagedUser('P', '2021-03-01', documents)).toThrow(/documents\[1\]\.issuedOn/);
});
