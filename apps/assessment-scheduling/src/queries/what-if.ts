import type { EntityManager } from 'typeorm';
import { assessmentLoadWhatIf as sweep, whatIfRegistry, type RuleSetRegistry, type WhatIfResult } from '@sec-assure/rules';
import { loadPopulation } from './load';

/**
 * R-SET-5, R-PREM-3: the register of 1 January of `year` (as assessmentLoad reads it) swept over the
 * thresholds, under a rule set in force or a preview. The register is read once for every threshold.
 */
export async function assessmentLoadWhatIf(
  manager: EntityManager,
  args: { year: number; ruleSet: string; thresholds: readonly number[] },
  registry: RuleSetRegistry<string>,
): Promise<WhatIfResult> {
  const population = await loadPopulation(manager, args.year);
  return sweep({ ...population, year: args.year, ruleSet: args.ruleSet }, args.thresholds, whatIfRegistry(registry));
}
