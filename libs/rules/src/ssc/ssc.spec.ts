import { CastingVoteRequiredError, ConflictError, RuleInputError, RuleViolation } from '../errors';
import { assertNotAlreadyVoted, assertVoterEligible, assertVotingOpen, checkVoter, electionResult, hasVoted, type Vote } from './election';
import { assertNominationEligible, assertNomineeApproved, checkNomination, type NominationFacts } from './nomination';
import { assertImpartialityDeclared, electionClosedOn, isCurrentMember, membersMakingWay, SSC_SEATS, termEndsOn, type SeatMember } from './seats';

const violation = (run: () => unknown): RuleViolation => {
  try {
    run();
  } catch (e) {
    if (e instanceof RuleViolation) return e;
    throw e;
  }
  throw new Error('expected a RuleViolation');
};

describe('R-SSC-1: seats and terms', () => {
  it('R-SSC-1: seat kinds with counts, including the Shared Resource Provider seat', () => {
    expect(Object.fromEntries(SSC_SEATS.map((s) => [s.kind, s.count]))).toEqual({
      CHAIR: 1, LARGE_SUPPLIER: 6, SMALL_SUPPLIER: 2, ELECTRICITY_NETWORK: 1, GAS_NETWORK: 1, OTHER_USER: 1, SHARED_RESOURCE_PROVIDER: 1, TABASC: 1,
    });
  });

  it.each([
    ['2021-03-31', '2023-03-31'],
    ['2022-02-28', '2024-02-28'],
    ['2024-02-29', '2026-02-28'],
  ])('R-SSC-1: a term from an election closing %s ends %s', (closes, ends) => {
    expect(termEndsOn(closes)).toBe(ends);
  });

  it.each([
    ['2027-01-20', null, '2027-01-20'],
    ['2027-01-20', '2026-12-06', '2026-12-06'],
    ['2027-01-20', '2027-01-20', '2027-01-20'],
    ['2027-01-20', '2027-02-01', '2027-01-20'],
  ])('R-SSC-1: an election scheduled to close %s and closed by SECAS on %s closed, for its term, on %s', (scheduled, closedOn, closed) => {
    expect(electionClosedOn(scheduled, closedOn)).toBe(closed);
  });

  it('R-SSC-1: a member sits until the term ends, inclusively, unless another took the place', () => {
    expect(isCurrentMember({ termEndsOn: '2026-12-01', supersededBy: null }, '2026-12-01')).toBe(true);
    expect(isCurrentMember({ termEndsOn: '2026-11-30', supersededBy: null }, '2026-12-01')).toBe(false);
    expect(isCurrentMember({ termEndsOn: '2028-01-01', supersededBy: 'm2' }, '2026-12-01')).toBe(false);
  });

  describe('R-SSC-1: who makes way on a full seat', () => {
    const seat = { kind: 'SHARED_RESOURCE_PROVIDER', count: 1 } as const;
    const sitting = (id: string, termEndsOn: string, appointedAt = '2026-02-01', supersededBy: string | null = null): SeatMember =>
      ({ id, electionId: `election-${id}`, termEndsOn, appointedAt: new Date(`${appointedAt}T00:00:00Z`), supersededBy });
    const appointing = { electionId: 'e-new', termEndsOn: '2028-11-30' };
    const today = '2026-12-01';

    it('R-SSC-1: nobody while a place is free; past and superseded members hold no place', () => {
      expect(membersMakingWay(seat, [], appointing, today)).toEqual([]);
      expect(membersMakingWay({ ...seat, count: 2 }, [sitting('a', '2027-06-30')], appointing, today)).toEqual([]);
      expect(membersMakingWay(seat, [sitting('ended', '2026-11-30'), sitting('gone', '2028-06-30', '2026-02-01', 'x')], appointing, today)).toEqual([]);
    });

    it('R-SSC-1: the current member whose term ends first, then the longest serving', () => {
      const members = [sitting('late', '2028-06-30'), sitting('soon', '2027-06-30'), sitting('same-newer', '2027-06-30', '2026-05-01')];
      expect(membersMakingWay({ ...seat, count: 3 }, members, appointing, today).map((m) => m.id)).toEqual(['soon']);
      expect(membersMakingWay({ ...seat, count: 2 }, members, appointing, today).map((m) => m.id)).toEqual(['soon', 'same-newer']);
    });

    it('R-SSC-1: the winner of an earlier election cannot take the place of a member chosen later (CONFLICT naming both)', () => {
      const refusal = (() => {
        try {
          membersMakingWay(seat, [sitting('later', '2028-12-15')], appointing, today);
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(refusal).toBeInstanceOf(ConflictError);
      expect((refusal as ConflictError).message).toMatch(/SHARED_RESOURCE_PROVIDER seat is full.*later.*election-later.*2028-12-15.*e-new.*2028-11-30/);
    });

    it('R-SSC-1: a term that ended before today is recorded and takes nobody\'s place', () => {
      expect(membersMakingWay(seat, [sitting('later', '2028-12-15')], { electionId: 'old', termEndsOn: '2024-01-04' }, today)).toEqual([]);
    });
  });

  it('R-SSC-4: appointment without the impartiality declaration is refused', () => {
    expect(violation(() => assertImpartialityDeclared(false))).toMatchObject({ code: 'IMPARTIALITY_NOT_DECLARED', field: 'impartialityDeclared' });
    expect(() => assertImpartialityDeclared(true)).not.toThrow();
  });
});

describe('R-SSC-2: nominations', () => {
  const valid: NominationFacts = {
    nomineeName: 'A. Nominee',
    nominatingPartyId: 'org-1',
    nominatorName: 'B. Director',
    nominatorHoldsSeniorPosition: true,
    securityExpertiseConfirmed: true,
    bs7858ScreeningCompleted: true,
  };

  it('R-SSC-2: a nomination meeting every requirement is eligible', () => {
    expect(checkNomination(valid)).toEqual({ eligible: true });
    expect(() => assertNominationEligible(valid)).not.toThrow();
  });

  it.each([
    ['nominatingPartyId', { nominatingPartyId: ' ' }, /company or organisation/],
    ['nominatorHoldsSeniorPosition', { nominatorHoldsSeniorPosition: false }, /senior position/],
    ['securityExpertiseConfirmed', { securityExpertiseConfirmed: false }, /security expertise/],
    ['bs7858ScreeningCompleted', { bs7858ScreeningCompleted: false }, /BS7858/],
  ] as const)('R-SSC-2: NOMINATION_INELIGIBLE names %s', (field, change, message) => {
    const e = violation(() => assertNominationEligible({ ...valid, ...change }));
    expect(e).toMatchObject({ code: 'NOMINATION_INELIGIBLE', field });
    expect(e.message).toContain(field);
    expect(e.message).toMatch(message);
  });

  it('R-SSC-2: empty names are bad input, not ineligibility', () => {
    expect(() => checkNomination({ ...valid, nomineeName: '' })).toThrow(RuleInputError);
    expect(() => checkNomination({ ...valid, nominatorName: '  ' })).toThrow(/nominatorName/);
  });

  it('R-SSC-2: the SSC approves the nominee before appointment', () => {
    expect(violation(() => assertNomineeApproved(false))).toMatchObject({ code: 'NOMINATION_INELIGIBLE', field: 'approvedBySsc' });
    expect(() => assertNomineeApproved(true)).not.toThrow();
  });
});

describe('R-SSC-3: votes and results', () => {
  const srp = { partyId: 'S1', userRoles: [], isSharedResourceProvider: true };

  it('R-SSC-3: votes are taken from the opening date (its providers are the electorate), also past the scheduled close', () => {
    const election = { id: 'e1', opensOn: '2026-11-01' };
    expect(() => assertVotingOpen(election, '2026-10-31')).toThrow(/opens on 2026-11-01: votes are taken from that day/);
    expect(() => assertVotingOpen(election, '2026-11-01')).not.toThrow();
    expect(() => assertVotingOpen(election, '2027-06-30')).not.toThrow();
  });

  it('R-SSC-3: an Other SEC Party that is a provider may vote for the SRP seat', () => {
    expect(checkVoter('SHARED_RESOURCE_PROVIDER', srp)).toEqual({ eligible: true });
    expect(() => assertVoterEligible('SHARED_RESOURCE_PROVIDER', srp)).not.toThrow();
  });

  it('R-SSC-3: a party that is not a provider, or a provider that is a Supplier Party, may not', () => {
    const notProvider = violation(() => assertVoterEligible('SHARED_RESOURCE_PROVIDER', { partyId: 'U', userRoles: [], isSharedResourceProvider: false }));
    expect(notProvider).toMatchObject({ code: 'VOTER_NOT_ELIGIBLE' });
    expect(notProvider.message).toMatch(/not a Shared Resource Provider/);
    const dual = violation(() => assertVoterEligible('SHARED_RESOURCE_PROVIDER', { partyId: 'D', userRoles: ['GAS_SUPPLIER'], isSharedResourceProvider: true }));
    expect(dual).toMatchObject({ code: 'VOTER_NOT_ELIGIBLE' });
    expect(dual.message).toMatch(/holds Supplier or Network roles \(GAS_SUPPLIER\)/);
  });

  it('R-SSC-3, R-PARTY-1: a provider holding OTHER_USER is an Other SEC Party and may vote', () => {
    expect(checkVoter('SHARED_RESOURCE_PROVIDER', { partyId: 'B', userRoles: ['OTHER_USER'], isSharedResourceProvider: true })).toEqual({ eligible: true });
  });

  it('R-SSC-3: other seats and unknown seats are refused as input', () => {
    expect(() => checkVoter('LARGE_SUPPLIER', srp)).toThrow(/seatKind/);
    expect(() => checkVoter('PRESIDENT' as 'CHAIR', srp)).toThrow(RuleInputError);
    expect(() => checkVoter('SHARED_RESOURCE_PROVIDER', { ...srp, userRoles: ['X' as 'OTHER_USER'] })).toThrow(/voter\.userRoles/);
  });

  it('R-SSC-3: one vote each: ALREADY_VOTED', () => {
    const votes: Vote[] = [{ voterPartyId: 'S1', nominationId: 'n1' }];
    expect(hasVoted(votes, 'S1')).toBe(true);
    expect(violation(() => assertNotAlreadyVoted(votes, 'S1'))).toMatchObject({ code: 'ALREADY_VOTED', field: 'voterPartyId' });
    expect(() => assertNotAlreadyVoted(votes, 'S2')).not.toThrow();
  });

  it('R-SSC-3: one valid candidate is elected unopposed, even with no votes', () => {
    expect(electionResult({ candidateNominationIds: ['n1'], votes: [] })).toEqual({ winnerNominationId: 'n1', outcome: 'UNOPPOSED', tally: [{ nominationId: 'n1', votes: 0 }] });
    expect(electionResult({ candidateNominationIds: [], votes: [] }).outcome).toBe('NO_CANDIDATES');
  });

  it('R-SSC-3: the most votes wins; a casting vote given without a tie is not used', () => {
    const votes = [
      { voterPartyId: 'S1', nominationId: 'n2' },
      { voterPartyId: 'S2', nominationId: 'n2' },
      { voterPartyId: 'S3', nominationId: 'n1' },
    ];
    const result = electionResult({ candidateNominationIds: ['n1', 'n2', 'n3'], votes, castingVoteNominationId: 'n1' });
    expect(result).toEqual({
      winnerNominationId: 'n2',
      outcome: 'MOST_VOTES',
      tally: [{ nominationId: 'n1', votes: 1 }, { nominationId: 'n2', votes: 2 }, { nominationId: 'n3', votes: 0 }],
    });
  });

  it("R-SSC-3: a tie needs the Chair's casting vote, which must name a tied candidate", () => {
    const votes = [
      { voterPartyId: 'S1', nominationId: 'n1' },
      { voterPartyId: 'S2', nominationId: 'n2' },
    ];
    const input = { candidateNominationIds: ['n1', 'n2', 'n3'], votes };
    const tie = violation(() => electionResult(input));
    expect(tie).toBeInstanceOf(CastingVoteRequiredError);
    expect(tie).toMatchObject({ code: 'BAD_USER_INPUT', field: 'castingVoteNominationId', tiedNominationIds: ['n1', 'n2'] });
    expect(tie.message).toMatch(/Chair's casting vote is needed/);
    expect(() => electionResult({ ...input, castingVoteNominationId: 'n3' })).toThrow(/not one of the tied candidates/);
    expect(electionResult({ ...input, castingVoteNominationId: 'n2' })).toMatchObject({ winnerNominationId: 'n2', outcome: 'CASTING_VOTE' });
  });

  it('R-SSC-3: votes for non-candidates and second votes are refused', () => {
    expect(() => electionResult({ candidateNominationIds: ['n1', 'n2'], votes: [{ voterPartyId: 'S1', nominationId: 'n9' }] })).toThrow(/votes\[0\]\.nominationId/);
    const twice = [
      { voterPartyId: 'S1', nominationId: 'n1' },
      { voterPartyId: 'S1', nominationId: 'n2' },
    ];
    expect(violation(() => electionResult({ candidateNominationIds: ['n1', 'n2'], votes: twice }))).toMatchObject({ code: 'ALREADY_VOTED' });
  });
});

describe('R-SSC-1..4: what each refusal says', () => {
  const valid: NominationFacts = {
    nomineeName: 'A. Nominee',
    nominatingPartyId: 'org-1',
    nominatorName: 'B. Director',
    nominatorHoldsSeniorPosition: true,
    securityExpertiseConfirmed: true,
    bs7858ScreeningCompleted: true,
  };

  it('R-SSC-1: a term end date is checked and named', () => {
    expect(() => termEndsOn('2021-02-30')).toThrow(expect.objectContaining({ field: 'electionClosesOn' }));
  });

  it('R-SSC-4: the impartiality refusal says what to declare', () => {
    expect(violation(() => assertImpartialityDeclared(false)).message).toBe(
      'impartialityDeclared must be true: the member must declare that they will represent all Shared Resource Providers impartially, not their own organisation (R-SSC-4).',
    );
    expect(violation(() => assertNomineeApproved(false)).message).toBe(
      'approvedBySsc: the SSC must approve the nominee as meeting the SEC requirements before appointment (R-SSC-2).',
    );
  });

  it('R-SSC-2: each failed requirement, word for word; several are all named, in the rule order, the first giving the field', () => {
    expect(checkNomination({ ...valid, nominatingPartyId: 7 as unknown as string })).toEqual({
      eligible: false,
      field: 'nominatingPartyId',
      fields: ['nominatingPartyId'],
      message: 'nominatingPartyId: a nomination must be made by a company or organisation.',
    });
    expect(checkNomination({ ...valid, nominatorHoldsSeniorPosition: false, bs7858ScreeningCompleted: false })).toEqual({
      eligible: false,
      field: 'nominatorHoldsSeniorPosition',
      fields: ['nominatorHoldsSeniorPosition', 'bs7858ScreeningCompleted'],
      message:
        'nominatorHoldsSeniorPosition: the individual submitting the nomination must hold a senior position in the organisation. ' +
        'bs7858ScreeningCompleted: the organisation must confirm the nominee has completed BS7858 screening.',
    });
    expect(violation(() => assertNominationEligible({ ...valid, securityExpertiseConfirmed: false, bs7858ScreeningCompleted: false })).message).toBe(
      "Nomination refused (R-SSC-2): securityExpertiseConfirmed: the organisation must confirm the nominee's relevant security expertise. " +
        'bs7858ScreeningCompleted: the organisation must confirm the nominee has completed BS7858 screening.',
    );
    expect(checkNomination({ ...valid, securityExpertiseConfirmed: false })).toMatchObject({
      message: "securityExpertiseConfirmed: the organisation must confirm the nominee's relevant security expertise.",
    });
    expect(checkNomination({ ...valid, bs7858ScreeningCompleted: false })).toMatchObject({
      message: 'bs7858ScreeningCompleted: the organisation must confirm the nominee has completed BS7858 screening.',
    });
    expect(violation(() => assertNominationEligible({ ...valid, bs7858ScreeningCompleted: false })).message).toBe(
      'Nomination refused (R-SSC-2): bs7858ScreeningCompleted: the organisation must confirm the nominee has completed BS7858 screening.',
    );
  });

  it('R-SSC-2: names must be non-empty text', () => {
    expect(() => checkNomination({ ...valid, nomineeName: ' ' })).toThrow(expect.objectContaining({ field: 'nomineeName', message: 'nomineeName must not be empty.' }));
    expect(() => checkNomination({ ...valid, nominatorName: 7 as unknown as string })).toThrow(
      expect.objectContaining({ field: 'nominatorName', message: 'nominatorName must not be empty.' }),
    );
    expect(checkNomination({ ...valid, nomineeName: ' A ', nominatorName: 'B' })).toEqual({ eligible: true });
  });

  it('R-SSC-3: the seat refusals name the seats', () => {
    const srp = { partyId: 'S1', userRoles: [], isSharedResourceProvider: true };
    expect(() => checkVoter('PRESIDENT' as 'CHAIR', srp)).toThrow(
      expect.objectContaining({
        field: 'seatKind',
        message:
          'seatKind must be one of CHAIR, LARGE_SUPPLIER, SMALL_SUPPLIER, ELECTRICITY_NETWORK, GAS_NETWORK, OTHER_USER, SHARED_RESOURCE_PROVIDER, TABASC; got "PRESIDENT".',
      }),
    );
    expect(() => checkVoter('TABASC', srp)).toThrow(
      expect.objectContaining({ field: 'seatKind', message: 'seatKind: The rules define the electorate of the SHARED_RESOURCE_PROVIDER seat only (R-SSC-3), not of TABASC.' }),
    );
  });

  it('R-SSC-3: the voter refusals, with and without the opening date', () => {
    expect(checkVoter('SHARED_RESOURCE_PROVIDER', { partyId: 'U', userRoles: [], isSharedResourceProvider: false })).toEqual({
      eligible: false,
      reason: 'Party U is not a Shared Resource Provider; only Shared Resource Providers designated by then elect the SRP seat (R-SSC-3, R-SRP-2).',
    });
    const dual = { partyId: 'D', userRoles: ['GAS_SUPPLIER', 'OTHER_USER', 'GAS_TRANSPORTER'] as const, isSharedResourceProvider: true };
    expect(checkVoter('SHARED_RESOURCE_PROVIDER', { ...dual, userRoles: [...dual.userRoles], onDate: '2026-01-05' })).toEqual({
      eligible: false,
      reason:
        "Party D holds Supplier or Network roles (GAS_SUPPLIER, GAS_TRANSPORTER) on 2026-01-05, the election's opening date; the SRP seat is elected by Other SEC Parties, " +
        'which are neither Supplier nor Network Parties (R-SSC-3, R-PARTY-1).',
    });
    const refused = violation(() => assertVoterEligible('SHARED_RESOURCE_PROVIDER', { partyId: 'U', userRoles: [], isSharedResourceProvider: false }));
    expect(refused).toMatchObject({ code: 'VOTER_NOT_ELIGIBLE', field: 'voterPartyId' });
    expect(violation(() => assertNotAlreadyVoted([{ voterPartyId: 'S1', nominationId: 'n1' }], 'S1')).message).toBe(
      'Party S1 has already voted in this election; each party has one vote (R-SSC-3).',
    );
    expect(hasVoted([{ voterPartyId: 'S1', nominationId: 'n1' }], 'S2')).toBe(false);
    expect(hasVoted([], 'S1')).toBe(false);
    expect(hasVoted([{ voterPartyId: 'S2', nominationId: 'n1' }, { voterPartyId: 'S1', nominationId: 'n2' }], 'S1')).toBe(true);
  });

  it('R-SSC-3: vote and casting-vote refusals say which and why', () => {
    expect(() => electionResult({ candidateNominationIds: ['n1', 'n2'], votes: [{ voterPartyId: 'S1', nominationId: 'n1' }, { voterPartyId: 'S2', nominationId: 'n9' }] })).toThrow(
      expect.objectContaining({ field: 'votes[1].nominationId', message: 'votes[1].nominationId: votes[1] is for n9, which is not a candidate in this election.' }),
    );
    const tied = { candidateNominationIds: ['n1', 'n2', 'n3'], votes: [{ voterPartyId: 'S1', nominationId: 'n1' }, { voterPartyId: 'S2', nominationId: 'n2' }] };
    expect(() => electionResult({ ...tied, castingVoteNominationId: 'n3' })).toThrow(
      expect.objectContaining({
        field: 'castingVoteNominationId',
        message: "castingVoteNominationId n3 is not one of the tied candidates (n1, n2); the Chair's casting vote must name one of them.",
      }),
    );
    expect(() => electionResult({ ...tied, castingVoteNominationId: null })).toThrow(CastingVoteRequiredError);
    // Two votes against one: the leader wins outright even when a casting vote is offered for a tied second place.
    const oneLeader = electionResult({
      candidateNominationIds: ['n1', 'n2', 'n3'],
      votes: [{ voterPartyId: 'S1', nominationId: 'n3' }, { voterPartyId: 'S2', nominationId: 'n3' }],
    });
    expect(oneLeader).toMatchObject({ winnerNominationId: 'n3', outcome: 'MOST_VOTES' });
  });
});
