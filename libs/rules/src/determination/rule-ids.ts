import type { RuleSetDefinition } from '../rule-sets/rule-set';
import type { Decision, PartyFacts } from './decide';

export interface RuleIdFacts {
  readonly ruleSet: RuleSetDefinition;
  readonly party: PartyFacts;
  readonly decision: Decision;
  readonly byDate: boolean;
  /** R-STATUS-2: categories at User Entry although a REJECTED FULL covered them. */
  readonly rejectedFull?: readonly string[];
}

function add(ids: string[], id: string): void {
  if (!ids.includes(id)) ids.push(id);
}

/** R-MATRIX-5: the ids of the rules that decided a determination, in a stable order. */
export function ruleIdsOf({ ruleSet, party, decision, byDate, rejectedFull = [] }: RuleIdFacts): string[] {
  const { deciding, perCategory } = decision;
  const ids: string[] = [];
  const cyclesDiffer = perCategory.some((c) => c.position !== deciding.position);
  if (deciding.position === 1) {
    add(ids, 'R-MATRIX-1');
    if (deciding.sinceLastFull !== null || cyclesDiffer) add(ids, 'R-MATRIX-3');
    if (rejectedFull.includes(deciding.category)) add(ids, 'R-STATUS-2');
  } else {
    add(ids, 'R-MATRIX-2');
    add(ids, 'R-MATRIX-3');
    add(ids, deciding.category === 'SHARED_RESOURCE_PROVIDER' ? ruleSet.ruleIds.providers : ruleSet.ruleIds.premisesBasis);
    add(ids, 'R-PREM-3');
  }
  if (deciding.asLargeSupplier) add(ids, 'R-SET-2');
  // R-PREM-2 decided something only where a band was read (year 1 is FULL whatever the band).
  if (perCategory.some((c) => !c.premisesKnown && c.position !== 1)) add(ids, 'R-PREM-2');
  if (byDate) add(ids, 'R-SET-1');
  if (perCategory.length > 1) add(ids, 'R-MATRIX-4');
  const coversProvider = perCategory.some((c) => c.category === 'SHARED_RESOURCE_PROVIDER');
  if (coversProvider) add(ids, ruleSet.ruleIds.providers);
  // R-SRP-6: a provider holding a User Role has one assessment for both, also under LEGACY, where no provider category
  // is covered but its own Users are the other Users of the resource it uses (R-SET-2).
  if (party.isSharedResourceProvider && party.userCategories.length > 0) add(ids, 'R-SRP-6');
  if (decision.providerIdle) add(ids, 'R-SRP-2');
  return ids;
}
