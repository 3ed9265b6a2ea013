import { LARGE_PREMISES_THRESHOLD } from '../parties/premises';
import type { AssessmentCategory } from '../parties/user-roles';
import type { RuleSetDefinition } from '../rule-sets/rule-set';
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

const THRESHOLD = formatCount(LARGE_PREMISES_THRESHOLD);

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

function premisesPhrase(facts: ExplanationFacts, d: CategoryDecision): string {
  const total = formatCount(d.premises);
  if (!d.premisesKnown) return `its premises count incomplete (${total} known), so treated as more than ${THRESHOLD}`;
  if (d.category === 'SHARED_RESOURCE_PROVIDER') return `${total} domestic premises across its Users`;
  if (facts.ruleSet.userPremisesBasis === 'OWN' || facts.party.otherUsersSharedPremises === 0) {
    return `${total} domestic premises of its own`;
  }
  return (
    `${total} domestic premises (its own ${formatCount(facts.party.ownPremises ?? 0)} plus ` +
    `${formatCount(facts.party.otherUsersSharedPremises)} of the other Users of its Shared Resource Providers)`
  );
}

function firstSentence(facts: ExplanationFacts): string {
  const { deciding, perCategory } = facts.decision;
  const who = article(LABEL[deciding.category]);
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
    return `year ${deciding.position} of the cycle for ${who} with ${premisesPhrase(facts, deciding)}: a User of a Shared Resource Provider whose aggregate is more than ${THRESHOLD} is assessed FULL every year, as though it were a Large Supplier.`;
  }
  const band = deciding.band === 'LARGE' ? `more than ${THRESHOLD}` : `${THRESHOLD} or fewer`;
  const banded = deciding.premisesKnown ? `${premisesPhrase(facts, deciding)}, ${band}` : premisesPhrase(facts, deciding);
  return `year ${deciding.position} of the cycle for ${who} with ${banded}.`;
}

function missingCounts(facts: ExplanationFacts): string[] {
  const { perCategory } = facts.decision;
  const out: string[] = [];
  const userUnknown = perCategory.some((c) => c.category !== 'SHARED_RESOURCE_PROVIDER' && !c.premisesKnown);
  if (userUnknown && facts.party.ownPremises === null) {
    out.push(`the premises count of ${facts.partyName ?? 'the party'} is missing, so the band of more than ${THRESHOLD} is used until one is recorded`);
  }
  if (userUnknown && facts.party.otherUsersWithoutPremises.length > 0) {
    out.push(`no premises count is on record for ${facts.party.otherUsersWithoutPremises.join(', ')} (other Users of its providers), so the aggregate is treated as more than ${THRESHOLD}`);
  }
  if (perCategory.some((c) => c.category === 'SHARED_RESOURCE_PROVIDER' && !c.premisesKnown)) {
    out.push(`no premises count is on record for ${facts.party.providerUsersWithoutPremises.join(', ')} (Users of this provider), so its aggregate is treated as more than ${THRESHOLD}`);
  }
  return out;
}

/** The same few sentences serve every determination of a rule set: made once per pair of rule sets. */
const CHOICES = new WeakMap<RuleSetDefinition, Map<RuleSetDefinition | null, string | null>>();

/** R-SET-4: the implementation date that chose the rule set. */
function ruleSetChoice(facts: ExplanationFacts): string | null {
  if (!facts.byDate) return null;
  let byNext = CHOICES.get(facts.ruleSet);
  if (byNext === undefined) CHOICES.set(facts.ruleSet, (byNext = new Map()));
  let text = byNext.get(facts.nextRuleSet);
  if (text === undefined) byNext.set(facts.nextRuleSet, (text = choiceText(facts)));
  return text;
}

function choiceText(facts: ExplanationFacts): string | null {
  if (facts.nextRuleSet?.effectiveFrom) {
    return `${facts.ruleSet.id} applies because the determination date is before ${facts.nextRuleSet.id}'s implementation date ${facts.nextRuleSet.effectiveFrom}`;
  }
  return facts.ruleSet.effectiveFrom ? `${facts.ruleSet.id} applies from its implementation date ${facts.ruleSet.effectiveFrom}` : null;
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
  if (perCategory.some((c) => !c.premisesKnown)) extra.push(...missingCounts(facts));
  if (deciding.position !== 1 && deciding.category !== 'SHARED_RESOURCE_PROVIDER' && facts.party.ownPremises !== null && facts.premisesEffectiveFrom) {
    extra.push(`premises count effective from ${facts.premisesEffectiveFrom}`);
  }
  const choice = ruleSetChoice(facts);
  if (choice) extra.push(choice);
  if (extra.length === 0) return head + firstSentence(facts);
  const second = extra.join('; ');
  return `${head}${firstSentence(facts)} ${second.charAt(0).toUpperCase()}${second.slice(1)}.`;
}
