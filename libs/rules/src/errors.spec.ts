import { badInput, CastingVoteRequiredError, conflict, ConflictError, notFound, NotFoundError, refusal, RuleInputError, RuleViolation } from './errors';

// The GraphQL edge maps `code` to extensions.code and shows `message`; logs show `name`.
describe('typed refusals of the rules and the domain folders', () => {
  it('a refusal carries its contract code, its field and its details', () => {
    const error = refusal('VOTER_NOT_ELIGIBLE', 'party 7 may not vote', 'voterPartyId');
    expect(error).toBeInstanceOf(RuleViolation);
    expect(error).toMatchObject({ name: 'RuleViolation', code: 'VOTER_NOT_ELIGIBLE', message: 'party 7 may not vote', field: 'voterPartyId' });
    expect(String(error)).toBe('RuleViolation: party 7 may not vote');
    expect(new RuleViolation('CONFLICT', 'tied', undefined, { tied: ['a', 'b'] }).details).toEqual({ tied: ['a', 'b'] });
  });

  it('bad input is BAD_USER_INPUT and its message always names the field', () => {
    const named = new RuleInputError('premises', 'premises must be a whole number');
    expect(named).toMatchObject({ name: 'RuleInputError', code: 'BAD_USER_INPUT', field: 'premises', message: 'premises must be a whole number' });
    expect(new RuleInputError('premises', 'must be a whole number').message).toBe('premises: must be a whole number');
    const made = badInput('engagementId', 'not a UUID');
    expect(made).toBeInstanceOf(RuleInputError);
    expect(made).toMatchObject({ code: 'BAD_USER_INPUT', field: 'engagementId', message: 'engagementId: not a UUID' });
  });

  it('NOT_FOUND names what and which', () => {
    const error = notFound('Party', 'p-1');
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(RuleViolation);
    expect(error).toMatchObject({ name: 'NotFoundError', code: 'NOT_FOUND', message: 'Party p-1 does not exist', field: undefined });
  });

  it('CONFLICT says what it contradicts', () => {
    const error = conflict('the election is closed');
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ name: 'ConflictError', code: 'CONFLICT', message: 'the election is closed' });
  });

  it('R-SSC-3: a tie asks for the casting vote, naming the tied nominations', () => {
    const error = new CastingVoteRequiredError(['n-1', 'n-2']);
    expect(error).toBeInstanceOf(RuleInputError);
    expect(error).toMatchObject({ name: 'CastingVoteRequiredError', code: 'BAD_USER_INPUT', field: 'castingVoteNominationId', tiedNominationIds: ['n-1', 'n-2'] });
    expect(error.message).toBe(
      "The election is tied between nominations n-1, n-2: the Chair's casting vote is needed (castingVoteNominationId must name one of them).",
    );
  });
});
