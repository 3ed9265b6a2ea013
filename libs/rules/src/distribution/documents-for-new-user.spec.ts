import type { EngagementSpan } from './back-dated-end';
import { documentsForNewlyEngagedUser, newUserDocumentsDue, type IssuedDocument } from './documents-for-new-user';

const span = (startDate: string, endDate: string | null): EngagementSpan => ({ startDate, endDate });

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

describe('newUserDocumentsDue (R-DIST-5, R-DIST-4: when a user receives the provider\'s current documents)', () => {
  it('R-DIST-5: at once when the engagement starts today or started before', () => {
    expect(newUserDocumentsDue(span('2026-02-01', null), '2026-02-01')).toEqual({ when: 'NOW' });
    expect(newUserDocumentsDue(span('2026-01-15', null), '2026-02-01')).toEqual({ when: 'NOW' });
    // Used from its start to its end: owed its start's current documents even if learned after its end.
    expect(newUserDocumentsDue(span('2026-01-15', '2026-01-20'), '2026-02-01')).toEqual({ when: 'NOW' });
    // A one-day engagement is in force on its day.
    expect(newUserDocumentsDue(span('2026-02-01', '2026-02-01'), '2026-02-01')).toEqual({ when: 'NOW' });
  });

  it('R-DIST-4: an engagement starting later is due on its start date, not before', () => {
    expect(newUserDocumentsDue(span('2026-02-01', null), '2026-01-10')).toEqual({ when: 'ON_START', on: '2026-02-01' });
    expect(newUserDocumentsDue(span('2026-02-01', null), '2026-01-31')).toEqual({ when: 'ON_START', on: '2026-02-01' });
    expect(newUserDocumentsDue(span('2026-02-01', '2026-03-01'), '2026-01-31')).toEqual({ when: 'ON_START', on: '2026-02-01' });
  });

  it('R-DIST-4: an engagement that ended before it started is owed nothing, now or later', () => {
    for (const today of ['2026-01-10', '2026-02-01', '2026-06-01']) {
      expect(newUserDocumentsDue(span('2026-02-01', '2026-01-25'), today)).toEqual({ when: 'NEVER' });
    }
  });

  it('refuses a date that is not a calendar date', () => {
    expect(() => newUserDocumentsDue(span('2026-02-30', null), '2026-01-10')).toThrow(/startDate/);
    expect(() => newUserDocumentsDue(span('2026-02-01', null), '2026-1-10')).toThrow(/today/);
    expect(() => newUserDocumentsDue(span('2026-02-01', 'soon'), '2026-01-10')).toThrow(/endDate/);
  });
});
