import { decideClose } from './close-election';
import { election, nomination, refusalOf } from './test-facts';

const ann = nomination('n1', { nomineeName: 'Ann' });
const bob = nomination('n2', { nomineeName: 'Bob' });
const pending = nomination('n3', { nomineeName: 'Cy', approvedBySsc: false });
const tie = [
  { voterPartyId: 'v1', nominationId: 'n1' },
  { voterPartyId: 'v2', nominationId: 'n2' },
];

describe('closeElection (R-SSC-3)', () => {
  it('R-SSC-3: one candidate is elected unopposed, approved or not', () => {
    expect(decideClose({ election: election(), nominations: [ann], votes: [] })).toEqual({
      winnerNominationId: 'n1',
      outcome: 'UNOPPOSED',
      tally: [{ nominationId: 'n1', votes: 0 }],
    });
    expect(decideClose({ election: election(), nominations: [pending], votes: [] })).toEqual({
      winnerNominationId: 'n3',
      outcome: 'UNOPPOSED',
      tally: [{ nominationId: 'n3', votes: 0 }],
    });
  });

  it('R-SSC-2, R-SSC-3: every accepted nomination is a candidate; a nominee awaiting SSC approval can win on votes', () => {
    const votes = [...tie, { voterPartyId: 'v3', nominationId: 'n3' }, { voterPartyId: 'v4', nominationId: 'n3' }];
    expect(decideClose({ election: election(), nominations: [ann, bob, pending], votes })).toEqual({
      winnerNominationId: 'n3',
      outcome: 'MOST_VOTES',
      tally: [
        { nominationId: 'n1', votes: 1 },
        { nominationId: 'n2', votes: 1 },
        { nominationId: 'n3', votes: 2 },
      ],
    });
  });

  it('R-SSC-3: the most votes wins', () => {
    const votes = [...tie, { voterPartyId: 'v3', nominationId: 'n2' }];
    expect(decideClose({ election: election(), nominations: [ann, bob], votes })).toMatchObject({ winnerNominationId: 'n2', outcome: 'MOST_VOTES' });
  });

  it("R-SSC-3: a tie without the Chair's casting vote is BAD_USER_INPUT naming the tied candidates", () => {
    const refusal = refusalOf(() => decideClose({ election: election(), nominations: [ann, bob], votes: tie }));
    expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'castingVoteNominationId', tiedNominationIds: ['n1', 'n2'] } });
    expect(refusal.message).toMatch(/tied between Ann \(n1\) and Bob \(n2\)/);
  });

  it("R-SSC-3: the Chair's casting vote decides a tie, and must name a tied candidate", () => {
    expect(decideClose({ election: election(), nominations: [ann, bob], votes: tie, castingVoteNominationId: 'n2' })).toMatchObject({
      winnerNominationId: 'n2',
      outcome: 'CASTING_VOTE',
    });
    const wrong = refusalOf(() => decideClose({ election: election(), nominations: [ann, bob, pending], votes: tie, castingVoteNominationId: 'n3' }));
    expect(wrong).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'castingVoteNominationId' } });
    expect(wrong.message).toMatch(/not one of the tied candidates/);
    const foreign = refusalOf(() => decideClose({ election: election(), nominations: [ann, bob], votes: tie, castingVoteNominationId: 'elsewhere' }));
    expect(foreign.message).toMatch(/elsewhere is not a candidate .* of election e1/);
  });

  it('no nomination closes with no winner', () => {
    expect(decideClose({ election: election(), nominations: [], votes: [] })).toEqual({ winnerNominationId: null, outcome: 'NO_CANDIDATES', tally: [] });
  });

  it('closing a CLOSED election is CONFLICT', () => {
    expect(refusalOf(() => decideClose({ election: election({ state: 'CLOSED' }), nominations: [ann], votes: [] })).code).toBe('CONFLICT');
  });

  it('R-SSC-2, R-SSC-3: a nomination the SSC declined is no candidate: not in the tally, not a casting vote', () => {
    const declined = nomination('n3', { nomineeName: 'Cy', approvedBySsc: false, declinedAt: new Date('2026-11-10T09:00:00Z') });
    expect(decideClose({ election: election(), nominations: [ann, declined], votes: [] })).toEqual({
      winnerNominationId: 'n1',
      outcome: 'UNOPPOSED',
      tally: [{ nominationId: 'n1', votes: 0 }],
    });
    expect(decideClose({ election: election(), nominations: [declined], votes: [] })).toEqual({ winnerNominationId: null, outcome: 'NO_CANDIDATES', tally: [] });
    const casting = refusalOf(() => decideClose({ election: election(), nominations: [ann, bob, declined], votes: tie, castingVoteNominationId: 'n3' }));
    expect(casting).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'castingVoteNominationId' } });
    expect(casting.message).toMatch(/n3 is not a candidate/);
  });

  it('closing a CLOSED election: the CONFLICT says so', () => {
    expect(refusalOf(() => decideClose({ election: election({ state: 'CLOSED' }), nominations: [ann], votes: [] })).message).toBe(
      'Election e1 is CLOSED: closing is possible only while it is OPEN',
    );
  });

  it("R-SSC-3: the tie refusal says how to give the Chair's casting vote", () => {
    const refusal = refusalOf(() => decideClose({ election: election(), nominations: [ann, bob], votes: tie }));
    expect(refusal.message).toBe(
      "castingVoteNominationId: the election is tied between Ann (n1) and Bob (n2); the Chair's casting vote is needed: give castingVoteNominationId naming one of them (R-SSC-3).",
    );
  });

  it('a casting vote without a tie is not used; a null casting vote is none', () => {
    const votes = [...tie, { voterPartyId: 'v3', nominationId: 'n1' }];
    expect(decideClose({ election: election(), nominations: [ann, bob], votes, castingVoteNominationId: 'n2' })).toMatchObject({ winnerNominationId: 'n1', outcome: 'MOST_VOTES' });
    expect(refusalOf(() => decideClose({ election: election(), nominations: [ann, bob], votes: tie, castingVoteNominationId: null })).extensions.field).toBe(
      'castingVoteNominationId',
    );
  });
});
