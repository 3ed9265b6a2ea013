import { LARGE_PREMISES_THRESHOLD } from '../parties/premises';
import type { AssessmentCategory } from '../parties/user-roles';
import type { RuleSetDefinition } from '../rule-sets/rule-set';
import type { CyclePosition } from './cycle';
import type { Decision, PartyFacts } from './decide';

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
  readonly party: PartyFacts;
  readonly decision: Decision;
  readonly position: CyclePosition;
  readonly sinceLastFull: number | null;
  readonly premisesRecorded: boolean;
  readonly premisesEffectiveFrom: string | null;
}

function premisesPhrase(facts: ExplanationFacts): string {
  const { deciding } = facts.decision;
  const total = formatCount(deciding.premises);
  if (deciding.category === 'SHARED_RESOURCE_PROVIDER') return `${total} domestic premises across its Users`;
  if (facts.ruleSet.userPremisesBasis === 'OWN' || facts.party.otherUsersSharedPremises === 0) {
    return `${total} domestic premises of its own`;
  }
  return (
    `${total} domestic premises (its own ${formatCount(facts.party.ownPremises)} plus ` +
    `${formatCount(facts.party.otherUsersSharedPremises)} of the other Users of its Shared Resource Providers)`
  );
}

/** R-MATRIX-5 in words: one sentence for the type, one for anything else that shaped it. */
export function explain(facts: ExplanationFacts): string {
  const { deciding, perCategory } = facts.decision;
  const head = `${deciding.type} assessment under ${facts.ruleSet.id}: `;
  const label = LABEL[deciding.category];
  const who = `${'AEIOU'.includes(label[0]!) ? 'an' : 'a'} ${label}`;
  let first: string;
  if (facts.position === 1) {
    first =
      facts.sinceLastFull === null
        ? `year 1 of the cycle for ${who}: no FULL assessment is on record, so this is User Entry, and year 1 is always FULL.`
        : `year 1 of the cycle for ${who}: year 3 is done, so the cycle restarts, and year 1 is always FULL.`;
  } else {
    const band = deciding.band === 'LARGE' ? `more than ${THRESHOLD}` : `${THRESHOLD} or fewer`;
    first = `year ${facts.position} of the cycle for ${who} with ${premisesPhrase(facts)}, ${band}.`;
  }
  const extra: string[] = [];
  if (perCategory.length > 1) {
    extra.push(
      `one assessment covers ${perCategory.map((c) => LABEL[c.category]).join(' and ')} and takes the most demanding type`,
    );
  }
  if (facts.position !== 1 && deciding.category !== 'SHARED_RESOURCE_PROVIDER') {
    if (!facts.premisesRecorded) extra.push('no premises count is on record, so 0 is used');
    else if (facts.premisesEffectiveFrom) extra.push(`premises count effective from ${facts.premisesEffectiveFrom}`);
  }
  if (extra.length === 0) return head + first;
  const second = extra.join('; ');
  return `${head}${first} ${second.charAt(0).toUpperCase()}${second.slice(1)}.`;
}
