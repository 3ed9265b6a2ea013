import { decideDeclineNomination, isCandidate, MAX_DECLINE_REASON, validateDeclineNomination } from './decline-nomination';
import { election, nomination, refusalOf } from './test-facts';

const pending = nomination('n1', { nomineeName: 'Ann', approvedBySsc: false });

describe('declineNomination (R-SSC-2)', () => {
  it('R-SSC-2: refuses a blank reason, naming the field', () => {
    const refusal = refusalOf(() => validateDeclineNomination({ nominationId: 'n1', reason: ' \n ' }));
    expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'reason' } });
    expect(refusal.message).toBe('reason: must say why the nominee does not meet the SEC requirements (R-SSC-2)');
  });

  it('R-SSC-2: keeps the reason trimmed, up to 2000 characters, and the nomination id as given', () => {
    expect(validateDeclineNomination({ nominationId: 'n1', reason: ' no BS7858 screening ' })).toEqual({ nominationId: 'n1', reason: 'no BS7858 screening' });
    const longest = 'x'.repeat(MAX_DECLINE_REASON);
    expect(validateDeclineNomination({ nominationId: 'n1', reason: ` ${longest} ` }).reason).toBe(longest);
    const tooLong = refusalOf(() => validateDeclineNomination({ nominationId: 'n1', reason: `${longest}y` }));
    expect(tooLong).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'reason' } });
    expect(tooLong.message).toBe('reason: must be at most 2000 characters (got 2001)');
  });

  it('R-SSC-2: the SSC declines a pending nomination of an OPEN election nobody has voted for', () => {
    expect(() => decideDeclineNomination({ election: election(), nomination: pending, votesFor: 0 })).not.toThrow();
  });

  it('R-SSC-2: a CLOSED election is CONFLICT', () => {
    const refusal = refusalOf(() => decideDeclineNomination({ election: election({ state: 'CLOSED' }), nomination: pending, votesFor: 0 }));
    expect(refusal.code).toBe('CONFLICT');
    expect(refusal.message).toMatch(/declining a nomination is possible only while it is OPEN/);
  });

  it('R-SSC-2: an approved nominee is not declined afterwards (CONFLICT)', () => {
    const refusal = refusalOf(() => decideDeclineNomination({ election: election(), nomination: nomination('n1', { nomineeName: 'Ann' }), votesFor: 0 }));
    expect(refusal).toMatchObject({ code: 'CONFLICT', message: 'Nomination n1 (Ann) is already approved by the SSC (R-SSC-2): an approval is not withdrawn' });
  });

  it('R-SSC-2: a second decline is CONFLICT', () => {
    const declined = { ...pending, declinedAt: new Date('2026-11-10T09:00:00Z') };
    const refusal = refusalOf(() => decideDeclineNomination({ election: election(), nomination: declined, votesFor: 0 }));
    expect(refusal).toMatchObject({ code: 'CONFLICT', message: 'Nomination n1 (Ann) is already declined by the SSC' });
  });

  it('R-SSC-2, R-SSC-3 (decision): once it has a vote, a nominee is not declined, so no vote is voided', () => {
    const refusal = refusalOf(() => decideDeclineNomination({ election: election(), nomination: pending, votesFor: 1 }));
    expect(refusal.code).toBe('CONFLICT');
    expect(refusal.message).toMatch(/^Nomination n1 \(Ann\) has already received 1 vote\(s\)/);
  });

  it('R-SSC-2: a nomination is a candidate until the SSC declines it', () => {
    expect(isCandidate(pending)).toBe(true);
    expect(isCandidate({ declinedAt: new Date('2026-11-10T09:00:00Z') })).toBe(false);
  });
});
