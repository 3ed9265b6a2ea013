import { decideApproval } from './approval';
import { election, nomination, refusalOf } from './test-facts';

describe('approveNomination (R-SSC-2)', () => {
  it('approves a pending nomination of an OPEN election', () => {
    expect(() => decideApproval(election(), nomination('n1', { approvedBySsc: false }))).not.toThrow();
  });
  it('refuses a second approval and a CLOSED election with CONFLICT', () => {
    expect(refusalOf(() => decideApproval(election(), nomination('n1'))).message).toMatch(/already approved/);
    expect(refusalOf(() => decideApproval(election({ state: 'CLOSED' }), nomination('n1', { approvedBySsc: false }))).code).toBe('CONFLICT');
  });
  it('R-SSC-2: a nominee the SSC declined is not approved (CONFLICT)', () => {
    const declined = nomination('n1', { nomineeName: 'Ann', approvedBySsc: false, declinedAt: new Date('2026-11-10T09:00:00Z') });
    expect(refusalOf(() => decideApproval(election(), declined))).toMatchObject({
      code: 'CONFLICT',
      message: 'Nomination n1 (Ann) was declined by the SSC: a declined nominee is not approved',
    });
  });

  it('the refusals say why: already approved (naming the nominee), or the election is not OPEN', () => {
    expect(refusalOf(() => decideApproval(election(), nomination('n1', { nomineeName: 'Ann' }))).message).toBe('Nomination n1 (Ann) is already approved by the SSC');
    expect(refusalOf(() => decideApproval(election({ state: 'CLOSED' }), nomination('n1', { approvedBySsc: false }))).message).toBe(
      'Election e1 is CLOSED: approving a nomination is possible only while it is OPEN',
    );
  });
});
