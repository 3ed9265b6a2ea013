import { implementationDateFromDecision, SECMP0044_DECISION_DATE } from '../calendar/implementation-date';
import type { IsoDate } from '../calendar/iso-date';
import type { RuleSetDefinition } from './rule-set';
import { FMR_PROVIDER_PATTERN, FMR_USER_PATTERNS } from './patterns';

/** R-SET-4: 2018-07-25 + 10 + 10 Working Days. */
export const SECMP0044_IMPLEMENTATION_DATE: IsoDate = implementationDateFromDecision(SECMP0044_DECISION_DATE);

/**
 * R-SET-3: a User's band uses its own premises only; each Shared Resource Provider has one
 * assessment a year of its own, banded by the aggregate premises of its Users (R-SRP-5).
 */
export const SECMP0044_RULE_SET: RuleSetDefinition<'SECMP0044'> = Object.freeze({
  id: 'SECMP0044',
  title: 'User Security Assessments as modified by SECMP0044',
  effectiveFrom: SECMP0044_IMPLEMENTATION_DATE,
  userPremisesBasis: 'OWN',
  userPatterns: FMR_USER_PATTERNS,
  providerPattern: FMR_PROVIDER_PATTERN,
  ruleIds: { premisesBasis: 'R-SET-3', providers: 'R-SRP-5' },
});
