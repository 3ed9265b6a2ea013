import { decideVote, type VoteDecisionInput } from './vote';
import { election, nomination, refusalOf, srpParty } from './test-facts';

const base: VoteDecisionInput = {
  election: election(),
  voterPartyId: 'v1',
  voter: srpParty('v1'),
  nomination: nomination('n1'),
  nominationId: 'n1',
  votes: [],
  today: '2026-11-10',
};

describe('castVote (R-SSC-3)', () => {
  it('R-SSC-3: an Other SEC Party that is a provider votes once for a candidate', () => {
    expect(() => decideVote(base)).not.toThrow();
  });

  it('R-SSC-3, R-PARTY-1: a provider holding OTHER_USER on the opening date votes', () => {
    expect(() => decideVote({ ...base, voter: srpParty('v1', { userRoles: ['OTHER_USER'] }) })).not.toThrow();
  });

  it('R-SSC-3: VOTER_NOT_ELIGIBLE says why: not a provider, a Supplier or Network Party, or unknown', () => {
    const notProvider = refusalOf(() => decideVote({ ...base, voter: srpParty('v1', { isSharedResourceProvider: false }) }));
    expect(notProvider).toMatchObject({ code: 'VOTER_NOT_ELIGIBLE', extensions: { field: 'voterPartyId' } });
    expect(notProvider.message).toMatch(/not a Shared Resource Provider/);
    const withRole = refusalOf(() => decideVote({ ...base, voter: srpParty('v1', { userRoles: ['GAS_SUPPLIER'] }) }));
    expect(withRole.message).toMatch(/holds Supplier or Network roles \(GAS_SUPPLIER\) on 2026-11-01/);
    const unknown = refusalOf(() => decideVote({ ...base, voter: null }));
    expect(unknown).toMatchObject({ code: 'VOTER_NOT_ELIGIBLE' });
    expect(unknown.message).toMatch(/not a registered SEC Party/);
  });

  it('R-SSC-3: one vote each: ALREADY_VOTED', () => {
    expect(refusalOf(() => decideVote({ ...base, votes: [{ voterPartyId: 'v1', nominationId: 'n2' }] })).code).toBe('ALREADY_VOTED');
  });

  it('a nomination of another election, or none, is NOT_FOUND', () => {
    expect(refusalOf(() => decideVote({ ...base, nomination: nomination('n1', { electionId: 'e2' }) })).code).toBe('NOT_FOUND');
    expect(refusalOf(() => decideVote({ ...base, nomination: null })).code).toBe('NOT_FOUND');
  });

  it('a CLOSED election is CONFLICT', () => {
    expect(refusalOf(() => decideVote({ ...base, election: election({ state: 'CLOSED' }) })).code).toBe('CONFLICT');
  });

  it('R-SSC-2: a vote for an accepted nominee not yet approved by the SSC is accepted (approval is needed before appointment, not the vote)', () => {
    expect(() => decideVote({ ...base, nomination: nomination('n1', { approvedBySsc: false }) })).not.toThrow();
  });

  it('R-SSC-2: an unapproved nominee still gets every other refusal', () => {
    const pending = nomination('n1', { approvedBySsc: false });
    expect(refusalOf(() => decideVote({ ...base, nomination: pending, votes: [{ voterPartyId: 'v1', nominationId: 'n2' }] })).code).toBe('ALREADY_VOTED');
    expect(refusalOf(() => decideVote({ ...base, nomination: pending, election: election({ state: 'CLOSED' }) })).code).toBe('CONFLICT');
    expect(refusalOf(() => decideVote({ ...base, nomination: pending, voter: srpParty('v1', { isSharedResourceProvider: false }) })).code).toBe('VOTER_NOT_ELIGIBLE');
  });

  it('R-SSC-2, R-SSC-3: a nominee the SSC declined receives no votes (CONFLICT)', () => {
    const declined = nomination('n1', { nomineeName: 'Ann', approvedBySsc: false, declinedAt: new Date('2026-11-10T09:00:00Z') });
    const refusal = refusalOf(() => decideVote({ ...base, nomination: declined }));
    expect(refusal.code).toBe('CONFLICT');
    expect(refusal.message).toMatch(/^Nomination n1 \(Ann\) was declined by the SSC \(R-SSC-2\)/);
  });

  it('the refusals name what they refuse: the nomination and election, the voter, the closed election', () => {
    expect(refusalOf(() => decideVote({ ...base, nomination: null, nominationId: 'n7' })).message).toMatch(/Nomination in election e1:.*n7/);
    expect(refusalOf(() => decideVote({ ...base, voter: null, voterPartyId: 'v9' })).message).toBe(
      'Party v9 is not a registered SEC Party known to the SSC; only registered Shared Resource Providers elect the SRP seat (R-SSC-3).',
    );
    expect(refusalOf(() => decideVote({ ...base, voter: null })).extensions.field).toBe('voterPartyId');
    expect(refusalOf(() => decideVote({ ...base, election: election({ state: 'CLOSED' }) })).message).toBe('Election e1 is CLOSED: voting is possible only while it is OPEN');
  });

  it('R-SSC-3: a nomination of another election is NOT_FOUND even while this one is CLOSED (the nomination is looked at first)', () => {
    expect(refusalOf(() => decideVote({ ...base, election: election({ state: 'CLOSED' }), nomination: nomination('n1', { electionId: 'e2' }) })).code).toBe('NOT_FOUND');
  });

  it('R-SSC-3, R-SRP-2: eligibility is judged on the opening date of the election', () => {
    const onOpening = refusalOf(() => decideVote({ ...base, election: election({ opensOn: '2026-10-15' }), voter: srpParty('v1', { userRoles: ['GAS_SUPPLIER'] }) }));
    expect(onOpening.message).toMatch(/on 2026-10-15/);
  });

  it('R-SSC-3: no vote before the opening date, when the electorate is not known yet; from that day on (and past the scheduled close, until the election is closed) votes are taken', () => {
    const early = refusalOf(() => decideVote({ ...base, today: '2026-10-31' }));
    expect(early).toMatchObject({ code: 'CONFLICT' });
    expect(early.message).toMatch(/opens on 2026-11-01: votes are taken from that day/);
    expect(() => decideVote({ ...base, today: '2026-11-01' })).not.toThrow();
    expect(() => decideVote({ ...base, today: '2026-12-15' })).not.toThrow();
  });
});
