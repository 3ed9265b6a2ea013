import { RuleInputError } from '../errors';
import { issueDate, londonDayOf } from './issue-date';

describe('R-DIST-2: the issue date is the server day', () => {
  it('R-DIST-2: without issuedOn the issue date is the server day', () => {
    expect(issueDate(undefined, '2026-12-02')).toBe('2026-12-02');
    expect(issueDate(null, '2026-12-02')).toBe('2026-12-02');
  });

  it('R-DIST-2: the server day itself is accepted', () => {
    expect(issueDate('2026-12-02', '2026-12-02')).toBe('2026-12-02');
  });

  it.each(['1900-01-01', '2026-12-01', '2026-12-03'])('R-DIST-2: any other day (%s) is BAD_USER_INPUT on issuedOn', (day) => {
    let error: unknown;
    try {
      issueDate(day, '2026-12-02');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleInputError);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'issuedOn' });
    expect((error as Error).message).toMatch(/not today \(2026-12-02, Europe\/London\)/);
  });

  it('R-DIST-2: the refusal says what to send instead', () => {
    expect(() => issueDate('2026-12-01', '2026-12-02')).toThrow(
      'issuedOn 2026-12-01 is not today (2026-12-02, Europe/London): the issue date is the day the platform records the issue (R-DIST-2). Omit issuedOn, or give 2026-12-02.',
    );
  });

  it('R-DIST-2: an unreal date is BAD_USER_INPUT on issuedOn', () => {
    expect(() => issueDate('2026-02-30', '2026-12-02')).toThrow(expect.objectContaining({ field: 'issuedOn' }));
  });

  it('R-DIST-2: the day is the Europe/London calendar day, across midnight and summer time', () => {
    expect(londonDayOf(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(londonDayOf(new Date('2026-06-30T22:59:59Z'))).toBe('2026-06-30');
    expect(londonDayOf(new Date('2026-12-31T23:59:59Z'))).toBe('2026-12-31');
  });
});
