import type { AnnualAssessmentType } from '../assessment/assessment-types';
import type { IsoDate } from '../calendar/iso-date';
import type { UserCategory } from '../parties/user-roles';
import type { PremisesBand } from '../parties/premises';

/** The rule sets named in the GraphQL enum RuleSet. A registry may hold others (R-SET-5). */
export const RULE_SET_NAMES = ['LEGACY', 'SECMP0044'] as const;
export type RuleSetName = (typeof RULE_SET_NAMES)[number];

/** Types for years 2 and 3 of the cycle (year 1 is always FULL, R-MATRIX-1). */
export type YearTwoAndThree = readonly [AnnualAssessmentType, AnnualAssessmentType];
export type BandPattern = Readonly<Record<PremisesBand, YearTwoAndThree>>;

/**
 * R-SET-5: everything that differs between rule sets is here, as data, so that determination has no
 * branch on a rule set's name and a later modification is one more definition.
 */
export interface RuleSetDefinition<Id extends string = string> {
  readonly id: Id;
  readonly title: string;
  /** First determination date it governs; null only for the earliest rule set. */
  readonly effectiveFrom: IsoDate | null;
  /** Which premises decide a User's band: its own, or its own plus the other Users of its providers. */
  readonly userPremisesBasis: 'OWN' | 'OWN_AND_OTHER_USERS_OF_SAME_PROVIDERS';
  /** R-MATRIX-2 for the User categories. */
  readonly userPatterns: Readonly<Record<UserCategory, BandPattern>>;
  /** A provider's own assessment pattern (by the aggregate of its Users), or null when it has none of its own. */
  readonly providerPattern: BandPattern | null;
  /**
   * R-SET-2: a User of a Shared Resource Provider whose aggregate is in the large band is assessed
   * FULL every year "as though it were a Large Supplier", whatever its category. Absent: false.
   */
  readonly largeSharedAggregateIsAlwaysFull?: boolean;
  /** R-PREM-3: more premises than this is the large band. Absent: 250,000 (both rule sets of the FMR). */
  readonly largePremisesThreshold?: number;
  /** The rule ids that state this rule set's premises basis and provider treatment. */
  readonly ruleIds: { readonly premisesBasis: string; readonly providers: string };
}
