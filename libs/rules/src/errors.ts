/**
 * Errors raised by the rules. The GraphQL layer maps `code` to `extensions.code`, so every refusal
 * is one class (`RuleViolation`) with a code from the contract; bad input is a subclass naming the field.
 */
export type RuleViolationCode =
  | 'BAD_USER_INPUT'
  | 'SRP_ALREADY_ASSESSED_THIS_YEAR'
  | 'NOMINATION_INELIGIBLE'
  | 'VOTER_NOT_ELIGIBLE'
  | 'ALREADY_VOTED'
  | 'IMPARTIALITY_NOT_DECLARED';

export class RuleViolation extends Error {
  override readonly name: string = 'RuleViolation';
  constructor(
    readonly code: RuleViolationCode,
    message: string,
    /** The input field or requirement at fault, when there is one. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Input the rules cannot work with (malformed, out of range, or a combination with no answer). */
export class RuleInputError extends RuleViolation {
  override readonly name: string = 'RuleInputError';
  declare readonly code: 'BAD_USER_INPUT';
  declare readonly field: string;
  constructor(field: string, message: string) {
    // The message always names the field, so a person can act on it without the extensions.
    super('BAD_USER_INPUT', message.includes(field) ? message : `${field}: ${message}`, field);
  }
}

/** R-SSC-3: a tied election cannot close until the Chair names one of the tied candidates. */
export class CastingVoteRequiredError extends RuleInputError {
  override readonly name: string = 'CastingVoteRequiredError';
  constructor(readonly tiedNominationIds: readonly string[]) {
    super(
      'castingVoteNominationId',
      `The election is tied between nominations ${tiedNominationIds.join(', ')}: ` +
        `the Chair's casting vote is needed (castingVoteNominationId must name one of them).`,
    );
  }
}
