/**
 * Errors raised by the rules and by the apps' domain folders, free of any framework. The GraphQL
 * edge (libs/service `mapDomainErrors`, the one mapping) turns `code` into `extensions.code`, so every
 * refusal is one class (`RuleViolation`) with a code from the contract; bad input is a subclass
 * naming the field; NOT_FOUND and CONFLICT have their own subclasses.
 */
export type RuleViolationCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
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
    /** More for the client, carried into `extensions` (e.g. the tied nominations). */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

/** Input the rules cannot work with (malformed, out of range, or a combination with no answer). */
export class RuleInputError extends RuleViolation {
  override readonly name: string = 'RuleInputError';
  declare readonly code: 'BAD_USER_INPUT';
  declare readonly field: string;
  constructor(field: string, message: string, details?: Readonly<Record<string, unknown>>) {
    // The message always names the field, so a person can act on it without the extensions.
    super('BAD_USER_INPUT', message.includes(field) ? message : `${field}: ${message}`, field, details);
  }
}

/** A record the request names does not exist. */
export class NotFoundError extends RuleViolation {
  override readonly name: string = 'NotFoundError';
  declare readonly code: 'NOT_FOUND';
  constructor(what: string, id: string) {
    super('NOT_FOUND', `${what} ${id} does not exist`);
  }
}

/** The request contradicts the state of what it changes (closed, already done, a race lost). */
export class ConflictError extends RuleViolation {
  override readonly name: string = 'ConflictError';
  declare readonly code: 'CONFLICT';
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

/** Bad input, the message always starting with the field (`field: message`). */
export const badInput = (field: string, message: string): RuleInputError => new RuleInputError(field, `${field}: ${message}`);
export const notFound = (what: string, id: string): NotFoundError => new NotFoundError(what, id);
export const conflict = (message: string): ConflictError => new ConflictError(message);
/** Any other refusal of the contract, e.g. VOTER_NOT_ELIGIBLE naming `voterPartyId`. */
export const refusal = (code: RuleViolationCode, message: string, field?: string): RuleViolation => new RuleViolation(code, message, field);

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
