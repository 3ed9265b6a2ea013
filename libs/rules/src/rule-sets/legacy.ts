import type { RuleSetDefinition } from './rule-set';
import { FMR_USER_PATTERNS } from './patterns';

/**
 * R-SET-2: before SECMP0044 a User's band counts the premises of every other User of the same
 * providers; once that aggregate is large, each such User is assessed FULL every year, "as though
 * they were a Large Supplier". A provider has no assessment of its own (it is assessed inside each
 * User's).
 */
export const LEGACY_RULE_SET: RuleSetDefinition<'LEGACY'> = Object.freeze({
  id: 'LEGACY',
  title: 'User Security Assessments before SECMP0044',
  effectiveFrom: null,
  userPremisesBasis: 'OWN_AND_OTHER_USERS_OF_SAME_PROVIDERS',
  userPatterns: FMR_USER_PATTERNS,
  providerPattern: null,
  largeSharedAggregateIsAlwaysFull: true,
  ruleIds: { premisesBasis: 'R-SET-2', providers: 'R-SET-2' },
});
