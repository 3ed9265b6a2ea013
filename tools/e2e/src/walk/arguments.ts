import { getNamedType, isEnumType, isInputObjectType, isNonNullType, type GraphQLArgument, type GraphQLField } from 'graphql';
import type { Population } from './seed';

/** One way to call a root field: its argument text and a readable label (ids shown by their role in the population). */
export interface RootCall {
  args: string;
  label: string;
}

interface Value {
  literal: string;
  label: string;
}

/** Names for seeded ids, so that a finding reads "party(id: B)" rather than a uuid. */
export function idLabels(population: Population): Map<string, string> {
  const labels = new Map<string, string>();
  for (const [key, party] of Object.entries(population.parties)) labels.set(party.id, key);
  population.assessments.forEach((a) => labels.set(a.id, `assessment of ${labels.get(a.partyId)}`));
  population.documents.forEach((d, i) => labels.set(d.id, `document ${i + 1} about ${labels.get(d.subjectPartyId)}`));
  population.engagements.forEach((e) => labels.set(e.id, `engagement ${labels.get(e.userPartyId)}-${labels.get(e.providerPartyId)}`));
  population.resources.forEach((r, i) => labels.set(r, `resource ${i + 1}`));
  population.elections.forEach((e, i) => labels.set(e, `election ${i + 1}`));
  population.cases.forEach((c, i) => labels.set(c, `non-compliance case ${i + 1}`));
  return labels;
}

/**
 * The ids a root field is called with: enough to meet, for every caller, its own party's, its
 * provider's or user's, and an unrelated party's (A, B and D; C is met through B).
 */
function idsFor(argName: string, returnType: string, population: Population): string[] | null {
  const { A, B, D } = population.parties;
  const parties = [A.id, B.id, D.id];
  const ofParties = <T extends { id: string }>(items: T[], partyOf: (item: T) => string): string[] =>
    parties.flatMap((p) => items.filter((i) => partyOf(i) === p).slice(0, 1).map((i) => i.id));
  const byType: Record<string, string[]> = {
    Party: parties,
    Assessment: ofParties(population.assessments, (a) => a.partyId),
    Document: ofParties(population.documents, (d) => d.subjectPartyId),
    Election: population.elections,
    SharedResource: population.resources,
    Engagement: ofParties(population.engagements, (e) => e.userPartyId),
    NonComplianceCase: population.cases,
  };
  if (argName === 'id') return byType[returnType] ?? null;
  if (argName === 'partyId') return parties;
  const named = /^(\w+)Id$/.exec(argName)?.[1];
  return named ? (byType[named.charAt(0).toUpperCase() + named.slice(1)] ?? null) : null;
}

function valuesOf(arg: GraphQLArgument, returnType: string, population: Population, labels: Map<string, string>): Value[] | null {
  const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
  const type = getNamedType(arg.type);
  const omitted: Value[] = required ? [] : [{ literal: '', label: '' }];
  const show = (value: string, label: string): Value => ({ literal: `${arg.name}: ${value}`, label: `${arg.name}: ${label}` });
  if (type.name === 'ID') {
    const ids = idsFor(arg.name, returnType, population);
    if (ids === null) return required ? null : omitted;
    return [...omitted, ...ids.map((id) => show(JSON.stringify(id), labels.get(id) ?? id))];
  }
  if (!required) return omitted;
  if (type.name === 'String' && arg.name === 'name') return [show(JSON.stringify(population.parties.B.name), 'B')];
  if (type.name === 'String' && arg.name === 'ruleSet') return [show('"PROPOSED_2027"', 'PROPOSED_2027')];
  if (type.name === 'Int' && arg.name === 'year') return [show(String(population.year), String(population.year))];
  if (type.name === 'Int') return [show('3660', '3660')];
  if (type.name === 'Boolean') return [show('true', 'true')];
  if (isEnumType(type)) return [show(type.getValues()[0]!.name, type.getValues()[0]!.name)];
  if (isInputObjectType(type) && type.name === 'RequirementInput') return [show('{ userRoles: [GAS_SUPPLIER], domesticPremises: 1000 }', 'what-if')];
  return null;
}

/** Every call of the root field with the seeded ids, or null when a required argument cannot be filled. */
export function rootCalls(field: GraphQLField<unknown, unknown>, population: Population, labels: Map<string, string>): RootCall[] | null {
  const returnType = getNamedType(field.type).name;
  let calls: Array<{ literals: string[]; labels: string[] }> = [{ literals: [], labels: [] }];
  for (const arg of field.args) {
    const values = valuesOf(arg, returnType, population, labels);
    if (values === null) return null;
    calls = calls.flatMap((c) => values.map((v) => ({ literals: [...c.literals, v.literal].filter(Boolean), labels: [...c.labels, v.label].filter(Boolean) })));
  }
  return calls.map((c) => ({
    args: c.literals.length > 0 ? `(${c.literals.join(', ')})` : '',
    label: c.labels.length > 0 ? `${field.name}(${c.labels.join(', ')})` : field.name,
  }));
}
