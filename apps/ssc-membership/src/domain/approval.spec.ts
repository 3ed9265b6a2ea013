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
});
