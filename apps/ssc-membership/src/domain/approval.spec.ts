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
});
