import type { RuleSetDefinition } from '../rule-sets/rule-set';
import { PREVIEW_RULE_SETS } from '../rule-sets/proposed-2027';
import type { RuleSetRegistry } from '../rule-sets/registry';

export interface WhatIfRuleSet {
  readonly id: string;
  readonly title: string;
  readonly effectiveFrom: string | null;
  /** false for a preview: registered as data, used by no determination. */
  readonly inForce: boolean;
}

/** The deployment's rule sets plus the previews (R-SET-5): what a what-if may name. */
export function whatIfRegistry(base: RuleSetRegistry<string>, previews: readonly RuleSetDefinition[] = PREVIEW_RULE_SETS): RuleSetRegistry<string> {
  return previews.reduce<RuleSetRegistry<string>>((registry, preview) => registry.with(preview), base);
}

export function whatIfRuleSets(base: RuleSetRegistry<string>, previews: readonly RuleSetDefinition[] = PREVIEW_RULE_SETS): WhatIfRuleSet[] {
  const inForce = new Set(base.ruleSets.map((r) => r.id));
  return whatIfRegistry(base, previews).ruleSets.map((r) => ({ id: r.id, title: r.title, effectiveFrom: r.effectiveFrom, inForce: inForce.has(r.id) }));
}
