import type { RuleSetDefinition } from './rule-set';
import { FMR_PROVIDER_PATTERN, FMR_USER_PATTERNS } from './patterns';

/**
 * R-SET-5: a rule set not yet in force, registered as data so that SECAS and the SSC can preview it
 * (assessmentLoadWhatIf). Illustrative, not from the FMR: a modification under discussion in which a
 * Network Party of 250,000 premises or fewer self-assesses in years 2 and 3. It is not in the default
 * registry, so no determination uses it; only a what-if does.
 */
export const PROPOSED_2027_RULE_SET: RuleSetDefinition<'PROPOSED_2027'> = Object.freeze({
  id: 'PROPOSED_2027',
  title: 'Proposed (preview, not in force): small Network Parties self-assess in years 2 and 3',
  effectiveFrom: '2027-11-01',
  userPremisesBasis: 'OWN',
  userPatterns: { ...FMR_USER_PATTERNS, NETWORK: { ...FMR_USER_PATTERNS.NETWORK, SMALL: ['SELF', 'SELF'] as const } },
  providerPattern: FMR_PROVIDER_PATTERN,
  ruleIds: { premisesBasis: 'R-SET-3', providers: 'R-SRP-5' },
});

/** Rule sets a what-if may preview beside those in force. */
export const PREVIEW_RULE_SETS: readonly RuleSetDefinition[] = [PROPOSED_2027_RULE_SET];
