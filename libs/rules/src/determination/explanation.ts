import { LARGE_PREMISES_THRESHOLD } from '../parties/premises';
import type { AssessmentCategory } from '../parties/user-roles';
import type { IsoDate } from '../calendar/iso-date';
import type { RuleSetDefinition } from '../rule-sets/rule-set';
import type { RuleSetRegistry } from '../rule-sets/registry';
import type { CategoryDecision, Decision, PartyFacts } from './decide';

const LABEL: Readonly<Record<AssessmentCategory, string>> = {
  SUPPLIER: 'Supplier',
  NETWORK: 'Network Party',
  OTHER_USER: 'Other User',
  SHARED_RESOURCE_PROVIDER: 'Shared Resource Provider',
};

/** Thousands separators without Intl, which is slow and locale-dependent. */
export function formatCount(n: number): string {
  const digits = String(n);
  let out = '';
  for (let i = 0; i < digits.length; i += 1) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return out;
}

/** R-PREM-3 at the rule set's own threshold (R-SET-5: a later rule set may move it), as written in explanations. */
const thresholdOf = (ruleSet: RuleSetDefinition): string => formatCount(ruleSet.largePremisesThreshold ?? LARGE_PREMISES_THRESHOLD);

export interface ExplanationFacts {
  readonly ruleSet: RuleSetDefinition;
  /** The rule set after the chosen one, when the date chose it (R-SET-4: name its start). */
  readonly nextRuleSet: RuleSetDefinition | null;
  readonly byDate: boolean;
  readonly party: PartyFacts;
  readonly partyName: string | null;
  readonly decision: Decision;
  readonly premisesEffectiveFrom: string | null;
  /** R-STATUS-2: categories at User Entry although a REJECTED FULL covered them; default none. */
  readonly rejectedFull?: readonly AssessmentCategory[];
}

const article = (label: string): string => `${'AEIOU'.includes(label[0]!) ? 'an' : 'a'} ${label}`;

// RULES.md: where a rule marked (decision) decided something, the explanation says it is the platform's reading.
const FAIL_CLOSED = "(R-PREM-2, the platform's decision: a missing count never makes the assessment lighter)";
const providerAsLargeSupplierText = (threshold: string): string =>
  `above ${threshold} a Shared Resource Provider is treated as a Large Supplier (R-MATRIX-2, the platform's decision)`;

/** R-MATRIX-2 (decision): the FMR gives no provider pattern above the threshold; FULL every year is ours. */
const providerAsLargeSupplier = (d: CategoryDecision): boolean => d.category === 'SHARED_RESOURCE_PROVIDER' && d.position !== 1 && d.band === 'LARGE';

function premisesPhrase(facts: ExplanationFacts, d: CategoryDecision): string {
  const total = formatCount(d.premises);
  if (!d.premisesKnown) return `its premises count incomplete (${total} known), so treated as more than ${thresholdOf(facts.ruleSet)}`;
  if (d.category === 'SHARED_RESOURCE_PROVIDER') return `${total} domestic premises across its Users`;
  if (facts.ruleSet.userPremisesBasis === 'OWN' || facts.party.otherUsersSharedPremises === 0) {
    return `${total} domestic premises of its own`;
  }
  return (
    `${total} domestic premises (its own ${formatCount(facts.party.ownPremises ?? 0)} plus ` +
    `${formatCount(facts.party.otherUsersSharedPremises)} of the other Users of the Shared Resources it uses)`
  );
}

function firstSentence(facts: ExplanationFacts): string {
  const { deciding, perCategory } = facts.decision;
  const who = article(LABEL[deciding.category]);
  const threshold = thresholdOf(facts.ruleSet);
  if (deciding.position === 1) {
    if (deciding.sinceLastFull !== null) {
      return `year 1 of the cycle for ${who}: year 3 is done, so the cycle restarts, and year 1 is always FULL.`;
    }
    if (facts.rejectedFull?.includes(deciding.category)) {
      return `year 1 of the cycle for ${who}: the FULL assessment on record that covered it was REJECTED, which does not count (R-STATUS-2), so this is still its User Entry, and year 1 is always FULL.`;
    }
    return perCategory.some((c) => c.position !== 1)
      ? `year 1 of the cycle for ${who}: no FULL assessment has covered it in that category yet, so this is its User Entry, and year 1 is always FULL.`
      : `year 1 of the cycle for ${who}: no FULL assessment is on record, so this is User Entry, and year 1 is always FULL.`;
  }
  if (deciding.asLargeSupplier) {
    return `year ${deciding.position} of the cycle for ${who} with ${premisesPhrase(facts, deciding)}: a User of a Shared Resource Provider whose aggregate is more than ${threshold} is assessed FULL every year, as though it were a Large Supplier.`;
  }
  const band = deciding.band === 'LARGE' ? `more than ${threshold}` : `${threshold} or fewer`;
  const banded = deciding.premisesKnown ? `${premisesPhrase(facts, deciding)}, ${band}` : premisesPhrase(facts, deciding);
  const why = providerAsLargeSupplier(deciding) ? `: ${providerAsLargeSupplierText(threshold)}` : '';
  return `year ${deciding.position} of the cycle for ${who} with ${banded}${why}.`;
}

/**
 * Contract §2: the co-users' names sit in one parenthesis that withoutOtherUsersNamed can drop. `consequence` says what
 * the missing counts did: raised the aggregate's band, or nothing (year 1).
 */
function otherUsersMissing(names: readonly string[], consequence: string): string {
  const n = names.length;
  const who = n === 1 ? '1 other User of its providers has' : `${n} other Users of its providers have`;
  return `${who} no premises count on record (${names.join(', ')}), ${consequence}`;
}

/** R-MATRIX-1: a category in year 1 is FULL whatever its band, so a missing count it would read decided nothing. */
const NOT_NEEDED_IN_YEAR_1 = 'which a year-1 FULL does not need (R-MATRIX-1)';

/**
 * R-PREM-2: whose counts are missing and what that did. A missing count mattered only where a category that reads
 * it was past year 1 (R-MATRIX-1): the party's own count and its co-users' for its User categories, its Users'
 * for its provider category. Where it did not, the count is still said to be missing (premisesKnown is false) but
 * no band is claimed; the fail-closed decision is named once, after the last count that mattered.
 */
function missingCounts(facts: ExplanationFacts): string[] {
  const { perCategory } = facts.decision;
  const threshold = thresholdOf(facts.ruleSet);
  const users = perCategory.filter((c) => c.category !== 'SHARED_RESOURCE_PROVIDER' && !c.premisesKnown);
  const providers = perCategory.filter((c) => c.category === 'SHARED_RESOURCE_PROVIDER' && !c.premisesKnown);
  const usersMatter = users.some((c) => c.position !== 1);
  const providerMatters = providers.some((c) => c.position !== 1);
  const mattered: string[] = [];
  const notNeeded: string[] = [];
  if (users.length > 0 && facts.party.ownPremises === null) {
    const name = facts.partyName ?? 'the party';
    if (usersMatter) mattered.push(`the premises count of ${name} is missing, so the band of more than ${threshold} is used until one is recorded`);
    else notNeeded.push(`no premises count is on record for ${name}, ${NOT_NEEDED_IN_YEAR_1}`);
  }
  // R-SET-3: co-users' counts are read only where the rule set bands a User on them (R-SET-2).
  if (users.length > 0 && facts.ruleSet.userPremisesBasis !== 'OWN' && facts.party.otherUsersWithoutPremises.length > 0) {
    const names = facts.party.otherUsersWithoutPremises;
    if (usersMatter) mattered.push(otherUsersMissing(names, `so the aggregate is treated as more than ${threshold}`));
    else notNeeded.push(otherUsersMissing(names, NOT_NEEDED_IN_YEAR_1));
  }
  if (providers.length > 0) {
    const who = `no premises count is on record for ${facts.party.providerUsersWithoutPremises.join(', ')} (Users of this provider)`;
    if (providerMatters) mattered.push(`${who}, so its aggregate is treated as more than ${threshold}`);
    else notNeeded.push(`${who}, ${NOT_NEEDED_IN_YEAR_1}`);
  }
  // As R-MATRIX-5's rule ids: the fail-closed band decided something only where a band was read (not year 1).
  if (mattered.length > 0) mattered.push(`${mattered.pop()!} ${FAIL_CLOSED}`);
  return [...mattered, ...notNeeded];
}

/** The same few sentences serve every determination of a rule set: made once per pair of rule sets. */
const CHOICES = new WeakMap<RuleSetDefinition, Map<RuleSetDefinition | null, string | null>>();

/** R-SET-4: the implementation date that chose the rule set. */
function ruleSetChoice(facts: ExplanationFacts): string | null {
  if (!facts.byDate) return null;
  let byNext = CHOICES.get(facts.ruleSet);
  if (byNext === undefined) CHOICES.set(facts.ruleSet, (byNext = new Map()));
  let text = byNext.get(facts.nextRuleSet);
  if (text === undefined) byNext.set(facts.nextRuleSet, (text = choiceText(facts.ruleSet, facts.nextRuleSet)));
  return text;
}

function choiceText(ruleSet: RuleSetDefinition, next: RuleSetDefinition | null): string | null {
  if (next?.effectiveFrom) return `${ruleSet.id} applies because the determination date is before ${next.id}'s implementation date ${next.effectiveFrom}`;
  return ruleSet.effectiveFrom ? `${ruleSet.id} applies from its implementation date ${ruleSet.effectiveFrom}` : null;
}

/** R-SET-4: the sentence naming the implementation date that makes `registry` choose a rule set on `date`. */
export function ruleSetSentenceOn<Id extends string>(registry: RuleSetRegistry<Id>, date: IsoDate): string | null {
  const ruleSet = registry.inForceOn(date);
  const text = choiceText(ruleSet, registry.ruleSets[registry.ruleSets.indexOf(ruleSet) + 1] ?? null);
  return text === null ? null : `${text}.`;
}

const OTHERS_NAMED = /(other Users? of its providers (?:has|have) no premises count on record) \(.*?\)(?=, (?:so the aggregate|which a year-1 FULL))/g;
// The wording stored with assessments scheduled before the names became one parenthesis.
const OTHERS_NAMED_BEFORE = /([Nn]o premises count is on record for) .+? \(other Users of its providers\)/g;

/**
 * Contract §2: for a reader who may not learn who else uses the party's providers (anyone but oversight), the
 * explanation without those Users' names; it still says that their counts are missing (R-PREM-2), and how many.
 */
export function withoutOtherUsersNamed(explanation: string): string {
  return explanation.replace(OTHERS_NAMED, '$1').replace(OTHERS_NAMED_BEFORE, '$1 some other Users of its providers');
}

/** R-MATRIX-5 in words: one sentence for the type, one for anything else that shaped it. */
export function explain(facts: ExplanationFacts): string {
  const { deciding, perCategory } = facts.decision;
  const head = `${deciding.type} assessment under ${facts.ruleSet.id}: `;
  const extra: string[] = [];
  if (perCategory.length > 1) {
    const each = perCategory.map((c) => `${LABEL[c.category]} in year ${c.position} (${c.type})`).join(', ');
    extra.push(`one assessment covers ${each} and takes the most demanding type`);
  }
  if (!providerAsLargeSupplier(deciding) && perCategory.some(providerAsLargeSupplier)) extra.push(providerAsLargeSupplierText(thresholdOf(facts.ruleSet)));
  if (perCategory.some((c) => !c.premisesKnown)) extra.push(...missingCounts(facts));
  if (deciding.position !== 1 && deciding.category !== 'SHARED_RESOURCE_PROVIDER' && facts.party.ownPremises !== null && facts.premisesEffectiveFrom) {
    extra.push(`premises count effective from ${facts.premisesEffectiveFrom}`);
  }
  if (facts.decision.providerIdle) {
    extra.push('as a Shared Resource Provider it serves no User on the date and has had its User Entry FULL, so its provider role is due no annual assessment until it serves one again (R-SRP-2, decision)');
  }
  const choice = ruleSetChoice(facts);
  if (choice) extra.push(choice);
  if (extra.length === 0) return head + firstSentence(facts);
  const second = extra.join('; ');
  return `${head}${firstSentence(facts)} ${second.charAt(0).toUpperCase()}${second.slice(1)}.`;
}
