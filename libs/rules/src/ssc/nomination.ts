import { RuleInputError, RuleViolation } from '../errors';

/** The facts of a nomination that R-SSC-2 tests (field names as in the GraphQL NominationInput). */
export interface NominationFacts {
  readonly nomineeName: string;
  /** The company or organisation that nominates. */
  readonly nominatingPartyId: string;
  readonly nominatorName: string;
  readonly nominatorHoldsSeniorPosition: boolean;
  readonly securityExpertiseConfirmed: boolean;
  readonly bs7858ScreeningCompleted: boolean;
}

export type NominationCheck =
  | { readonly eligible: true }
  | {
      readonly eligible: false;
      /** The first failed requirement in the rule's order (the error's field). */
      readonly field: keyof NominationFacts;
      /** Every failed requirement, in the rule's order: the nominator fixes them all at once. */
      readonly fields: ReadonlyArray<keyof NominationFacts>;
      readonly message: string;
    };

/** R-SSC-2, in the order the rule lists them, each with the requirement it enforces. */
const REQUIREMENTS: ReadonlyArray<{ field: keyof NominationFacts; met: (n: NominationFacts) => boolean; message: string }> = [
  {
    field: 'nominatingPartyId',
    met: (n) => typeof n.nominatingPartyId === 'string' && n.nominatingPartyId.trim() !== '',
    message: 'nominatingPartyId: a nomination must be made by a company or organisation.',
  },
  {
    field: 'nominatorHoldsSeniorPosition',
    met: (n) => n.nominatorHoldsSeniorPosition === true,
    message: 'nominatorHoldsSeniorPosition: the individual submitting the nomination must hold a senior position in the organisation.',
  },
  {
    field: 'securityExpertiseConfirmed',
    met: (n) => n.securityExpertiseConfirmed === true,
    message: "securityExpertiseConfirmed: the organisation must confirm the nominee's relevant security expertise.",
  },
  {
    field: 'bs7858ScreeningCompleted',
    met: (n) => n.bs7858ScreeningCompleted === true,
    message: 'bs7858ScreeningCompleted: the organisation must confirm the nominee has completed BS7858 screening.',
  },
];

/** R-SSC-2: the requirements a nomination fails, if any, the message naming each one. */
export function checkNomination(nomination: NominationFacts): NominationCheck {
  for (const field of ['nomineeName', 'nominatorName'] as const) {
    if (typeof nomination[field] !== 'string' || nomination[field].trim() === '') {
      throw new RuleInputError(field, `${field} must not be empty.`);
    }
  }
  const failed = REQUIREMENTS.filter((r) => !r.met(nomination));
  if (failed.length === 0) return { eligible: true };
  return { eligible: false, field: failed[0].field, fields: failed.map((r) => r.field), message: failed.map((r) => r.message).join(' ') };
}

/** R-SSC-2: throws NOMINATION_INELIGIBLE naming every failed requirement. */
export function assertNominationEligible(nomination: NominationFacts): void {
  const check = checkNomination(nomination);
  if (!check.eligible) throw new RuleViolation('NOMINATION_INELIGIBLE', `Nomination refused (R-SSC-2): ${check.message}`, check.field);
}

/** R-SSC-2: the SSC approves the nominee as meeting the SEC requirements before appointment. */
export function assertNomineeApproved(approvedBySsc: boolean): void {
  if (approvedBySsc !== true) {
    throw new RuleViolation(
      'NOMINATION_INELIGIBLE',
      'approvedBySsc: the SSC must approve the nominee as meeting the SEC requirements before appointment (R-SSC-2).',
      'approvedBySsc',
    );
  }
}
