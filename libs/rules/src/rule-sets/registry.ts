import { RuleInputError } from '../errors';
import { toDayNumber, type IsoDate } from '../calendar/iso-date';
import { implementationDateFromDecision, type ImplementationDateOptions } from '../calendar/implementation-date';
import { LEGACY_RULE_SET } from './legacy';
import type { RuleSetDefinition, RuleSetName } from './rule-set';
import { SECMP0044_RULE_SET } from './secmp0044';

/** R-SET-1, R-SET-5: the rule sets known, each with the date from which it governs determinations. */
export interface RuleSetRegistry<Id extends string = RuleSetName> {
  /** Ordered by effective date, earliest first. */
  readonly ruleSets: readonly RuleSetDefinition<Id>[];
  get(id: string): RuleSetDefinition<Id>;
  /** The rule set in force on a determination date: the latest one effective on or before it. */
  inForceOn(date: IsoDate): RuleSetDefinition<Id>;
  /** A new registry with one more rule set; the existing definitions are not touched. */
  with<NewId extends string>(ruleSet: RuleSetDefinition<NewId>): RuleSetRegistry<Id | NewId>;
}

export function createRuleSetRegistry<Id extends string>(definitions: readonly RuleSetDefinition<Id>[]): RuleSetRegistry<Id> {
  if (definitions.length === 0) throw new RuleInputError('ruleSets', 'ruleSets: a registry needs at least one rule set.');
  const seen = new Set<string>();
  for (const d of definitions) {
    if (seen.has(d.id)) throw new RuleInputError('ruleSets', `ruleSets: rule set ${d.id} is registered twice.`);
    seen.add(d.id);
  }
  const keyed = definitions.map((d) => ({
    def: d,
    from: d.effectiveFrom === null ? -Infinity : toDayNumber(d.effectiveFrom, `ruleSets.${d.id}.effectiveFrom`),
  }));
  keyed.sort((a, b) => a.from - b.from);
  for (let i = 1; i < keyed.length; i += 1) {
    if (keyed[i - 1]!.from === keyed[i]!.from) {
      throw new RuleInputError(
        'ruleSets',
        `ruleSets: ${keyed[i - 1]!.def.id} and ${keyed[i]!.def.id} take effect on the same date.`,
      );
    }
  }
  const ordered = keyed.map((k) => k.def);
  const byId = new Map<string, RuleSetDefinition<Id>>(ordered.map((d) => [d.id, d]));
  // Dates compare as strings because a valid ISO date sorts like the day it names.
  const starts = ordered.map((d) => d.effectiveFrom);

  return {
    ruleSets: ordered,
    get(id) {
      const found = byId.get(id);
      if (!found) {
        throw new RuleInputError('ruleSet', `ruleSet ${JSON.stringify(id)} is not a known rule set; known: ${[...byId.keys()].join(', ')}.`);
      }
      return found;
    },
    inForceOn(date) {
      toDayNumber(date, 'determinationDate');
      for (let i = ordered.length - 1; i >= 0; i -= 1) {
        const start = starts[i];
        if (start === null || start <= date) return ordered[i]!;
      }
      throw new RuleInputError('determinationDate', `determinationDate ${date}: no rule set is in force then; the earliest starts ${starts[0]}.`);
    },
    with(ruleSet) {
      return createRuleSetRegistry<Id | (typeof ruleSet)['id']>([...ordered, ruleSet]);
    },
  };
}

export interface DefaultRuleSetOptions extends ImplementationDateOptions {
  /** The Change Board decision date from which SECMP0044's implementation date is computed (R-SET-4). */
  readonly secmp0044DecisionDate?: IsoDate;
  /** Overrides the computed implementation date outright. */
  readonly secmp0044ImplementationDate?: IsoDate;
}

/** LEGACY and SECMP0044, with SECMP0044's implementation date configurable (R-SET-1). */
export function createDefaultRuleSetRegistry(options: DefaultRuleSetOptions = {}): RuleSetRegistry<RuleSetName> {
  const effectiveFrom =
    options.secmp0044ImplementationDate ??
    (options.secmp0044DecisionDate !== undefined
      ? implementationDateFromDecision(options.secmp0044DecisionDate, options)
      : SECMP0044_RULE_SET.effectiveFrom);
  return createRuleSetRegistry<RuleSetName>([LEGACY_RULE_SET, { ...SECMP0044_RULE_SET, effectiveFrom }]);
}

export const DEFAULT_RULE_SET_REGISTRY: RuleSetRegistry<RuleSetName> = createDefaultRuleSetRegistry();
