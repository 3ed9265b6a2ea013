import { assertEndKeepsIssuedCopies, copiesAfterEnd, EndBeforeIssuedCopiesError, isBackDatedEnd, endMovedForCopy } from './back-dated-end';

describe('back-dated engagement ends (R-DIST-7, R-DIST-2)', () => {
  const copies = [
    { documentId: 'd2', title: 'Report 2', issuedToUserOn: '2026-11-20' },
    { documentId: 'd1', title: 'Report 1', issuedToUserOn: '2026-06-01' },
  ];

  it('R-DIST-7: an end before today is back-dated; today is not', () => {
    expect(isBackDatedEnd('2026-12-01', '2026-12-02')).toBe(true);
    expect(isBackDatedEnd('2026-12-02', '2026-12-02')).toBe(false);
  });

  it('R-DIST-7: copies issued after the last day of use are contradicted; one issued on that day is not', () => {
    expect(copiesAfterEnd(copies, '2026-11-20', [])).toEqual([]);
    expect(copiesAfterEnd(copies, '2026-06-01', []).map((c) => c.documentId)).toEqual(['d2']);
    expect(copiesAfterEnd(copies, '2026-05-31', []).map((c) => c.documentId)).toEqual(['d1', 'd2']);
  });

  it('R-DIST-7: refuses with a typed CONFLICT naming each document and the earliest end allowed', () => {
    let error: unknown;
    try {
      assertEndKeepsIssuedCopies(copies, '2026-05-31', []);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EndBeforeIssuedCopiesError);
    expect(error).toMatchObject({ code: 'CONFLICT', earliestEnd: '2026-11-20', endDate: '2026-05-31' });
    expect((error as Error).message).toMatch(/End it on 2026-11-20 or later\. Issued after 2026-05-31: d1 "Report 1".*d2 "Report 2"/);
    expect(() => assertEndKeepsIssuedCopies(copies, '2026-11-20', [])).not.toThrow();
  });

  it('R-DIST-2: a copy covered by another engagement with the same provider on its day is not contradicted', () => {
    expect(copiesAfterEnd(copies, '2026-05-31', [{ startDate: '2026-11-01', endDate: null }]).map((c) => c.documentId)).toEqual(['d1']);
    expect(copiesAfterEnd(copies, '2026-05-31', [{ startDate: '2026-11-01', endDate: '2026-11-19' }]).map((c) => c.documentId)).toEqual(['d1', 'd2']);
  });

  it('R-DIST-7: copies of one day are named in document order; the refusal is word for word', () => {
    const sameDay = [
      { documentId: 'd9', title: 'Outcome', issuedToUserOn: '2026-07-01' },
      { documentId: 'd3', title: 'Report', issuedToUserOn: '2026-07-01' },
      { documentId: 'd5', title: 'Response', issuedToUserOn: '2026-06-02' },
    ];
    expect(copiesAfterEnd(sameDay, '2026-06-01', []).map((c) => c.documentId)).toEqual(['d5', 'd3', 'd9']);
    let error: unknown;
    try {
      assertEndKeepsIssuedCopies(sameDay.slice(0, 1), '2026-06-30', []);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      name: 'EndBeforeIssuedCopiesError',
      earliestEnd: '2026-07-01',
      message:
        'The engagement cannot end on 2026-06-30: documents about the provider were already issued to the user after that day, and a copy is never taken back ' +
        '(R-DIST-7, R-DIST-2). End it on 2026-07-01 or later. Issued after 2026-06-30: d9 "Outcome" (issued to the user on 2026-07-01).',
    });
    expect(new EndBeforeIssuedCopiesError('2026-06-30', []).earliestEnd).toBe('2026-06-30');
  });

  it('R-DIST-7: copies already oldest first stay so, and the refusal lists them comma-separated', () => {
    const inOrder = [
      { documentId: 'd1', title: 'Report 1', issuedToUserOn: '2026-06-01' },
      { documentId: 'd2', title: 'Report 2', issuedToUserOn: '2026-11-20' },
    ];
    expect(copiesAfterEnd(inOrder, '2026-05-31', []).map((c) => c.documentId)).toEqual(['d1', 'd2']);
    expect(() => assertEndKeepsIssuedCopies(inOrder, '2026-05-31', [])).toThrow(
      '. End it on 2026-11-20 or later. Issued after 2026-05-31: d1 "Report 1" (issued to the user on 2026-06-01), d2 "Report 2" (issued to the user on 2026-11-20).',
    );
  });

  it('R-DIST-2: another engagement covers a copy from its first day to its last day', () => {
    const copy = [{ documentId: 'd1', title: 'Report 1', issuedToUserOn: '2026-06-01' }];
    expect(copiesAfterEnd(copy, '2026-05-01', [{ startDate: '2026-06-01', endDate: '2026-06-01' }])).toEqual([]);
    expect(copiesAfterEnd(copy, '2026-05-01', [{ startDate: '2026-06-02', endDate: null }])).toEqual(copy);
    expect(copiesAfterEnd(copy, '2026-05-01', [{ startDate: '2026-01-01', endDate: '2026-05-31' }])).toEqual(copy);
  });
});

describe('R-DIST-7: an end recorded while a copy to the user was being issued (two services at one moment)', () => {
  const e = (id: string, startDate: string, endDate: string | null) => ({ id, startDate, endDate });

  it('R-DIST-7: the end before the copy\'s day moves to that day, the earliest end that keeps the copy', () => {
    expect(endMovedForCopy([e('a', '2021-06-01', '2026-11-14')], '2026-12-06')).toEqual({ engagementId: 'a', from: '2026-11-14', to: '2026-12-06' });
  });

  it('R-DIST-7: of several ended engagements, the one that ended last moves', () => {
    expect(endMovedForCopy([e('a', '2020-01-01', '2021-01-01'), e('b', '2022-01-01', '2026-11-14')], '2026-12-06')).toEqual({ engagementId: 'b', from: '2026-11-14', to: '2026-12-06' });
  });

  it('R-DIST-2: nothing moves when an engagement covers the day (open, or ending on it), nor when none had started by it', () => {
    expect(endMovedForCopy([e('a', '2021-06-01', null)], '2026-12-06')).toBeNull();
    expect(endMovedForCopy([e('a', '2021-06-01', '2026-12-06')], '2026-12-06')).toBeNull();
    expect(endMovedForCopy([e('a', '2021-06-01', '2026-11-14'), e('b', '2026-12-01', null)], '2026-12-06')).toBeNull();
    expect(endMovedForCopy([e('a', '2026-12-07', null)], '2026-12-06')).toBeNull();
    expect(endMovedForCopy([], '2026-12-06')).toBeNull();
  });
});
