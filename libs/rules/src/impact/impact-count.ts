import { RuleInputError } from '../errors';
import { ANNUAL_ASSESSMENT_TYPES, type AnnualAssessmentType } from '../assessment/assessment-types';
import { dayNumberOf, formatIsoDate } from '../calendar/iso-date';
import { sinceFor, type CycleCounts } from '../determination/cycle';
import { noAnnualAssessment } from '../determination/annual-due';
import { usesOwnSharedResource } from '../determination/shared-resource';
import { sinceLastFullOf } from '../determination/determine-assessment';
import { decide, type CategoryDecision } from '../determination/decide';
import { engagementSpan, isEngagedOn, type Engagement } from '../parties/engagements';
import { assertPremisesCount, premisesAsOf, type PremisesRecord } from '../parties/premises';
import { categoriesOfRoles, parseUserRoles, type AssessmentCategory, type UserCategory, type UserRole } from '../parties/user-roles';
import type { RuleSetName } from '../rule-sets/rule-set';
import { DEFAULT_RULE_SET_REGISTRY, type RuleSetRegistry } from '../rule-sets/registry';

export interface PopulationParty {
  readonly id: string;
  readonly userRoles: readonly UserRole[];
  readonly isSharedResourceProvider: boolean;
  /**
   * The count on 1 January of the year; or give `premisesHistory` and it is read from that (R-PREM-2).
   * No count at all is unknown, never small: the demanding band is used.
   */
  readonly domesticPremises?: number | null;
  readonly premisesHistory?: readonly PremisesRecord[];
  /** As for determination: null/undefined before User Entry. */
  readonly annualAssessmentsSinceLastFull?: number | null;
  /** As for determination (R-MATRIX-3 per category); when given it wins over the single count. */
  readonly annualAssessmentsSinceLastFullByCategory?: Partial<Record<AssessmentCategory, number | null>> | null;
}

export interface ImpactCountInput {
  readonly parties: readonly PopulationParty[];
  readonly engagements: readonly Engagement[];
  readonly year: number;
  /** Default: the rule set in force on 1 January of the year. */
  readonly ruleSet?: string;
}

export interface PartyImpact {
  readonly partyId: string;
  /** The party's own annual assessment, if it has one. */
  readonly ownAssessment: AnnualAssessmentType | null;
  /** LEGACY: how many of its Users' assessments assess this provider inside them. */
  readonly assessedInsideUsers: number;
  readonly total: number;
  readonly byType: Readonly<Record<AnnualAssessmentType, number>>;
}

export interface ImpactCount<Id extends string = RuleSetName> {
  readonly year: number;
  readonly ruleSet: Id;
  readonly total: number;
  /** R-IMPACT-1: the Users' own assessments (a dual-role provider's one assessment is a provider assessment under SECMP0044). */
  readonly userAssessments: number;
  /** R-IMPACT-1: LEGACY: one FULL inside each User's assessment per (User, provider); SECMP0044: one per provider. */
  readonly providerAssessments: number;
  /** Shaped like the GraphQL AssessmentLoadRow list: FULL, VERIFICATION, SELF. */
  readonly byType: ReadonlyArray<{ readonly type: AnnualAssessmentType; readonly count: number }>;
  /** Parties with at least one assessment, in input order. */
  readonly byParty: readonly PartyImpact[];
}

const TYPE_INDEX: Readonly<Record<AnnualAssessmentType, number>> = { FULL: 0, VERIFICATION: 1, SELF: 2 };
const NONE: readonly string[] = [];
/** Stands for "some member lacks a count": the count needs only whether, not who. */
const UNKNOWN: readonly string[] = ['(a User with no count on record)'];

/** Re-labels a field error of a nested check with the population entry it is about. */
function withField<T>(field: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof RuleInputError) throw new RuleInputError(`${field}.${error.field}`, `${field}.${error.message}`);
    throw error;
  }
}

/** Compressed adjacency lists: the neighbours of i are items[offsets[i] .. offsets[i+1]). */
interface Adjacency {
  readonly offsets: Int32Array;
  readonly items: Int32Array;
}

function adjacency(size: number, from: Int32Array, to: Int32Array, length: number): Adjacency {
  const offsets = new Int32Array(size + 1);
  for (let k = 0; k < length; k += 1) offsets[from[k]! + 1] += 1;
  for (let i = 0; i < size; i += 1) offsets[i + 1] += offsets[i]!;
  const cursor = offsets.slice(0, size);
  const items = new Int32Array(length);
  for (let k = 0; k < length; k += 1) items[cursor[from[k]!]++] = to[k]!;
  return { offsets, items };
}

/**
 * R-IMPACT-1: the annual assessments a rule set requires of a population in a year, each determined
 * as of 1 January. Every party holding a User Role has one. A Shared Resource Provider that the rule
 * set assesses in its own right (SECMP0044) has one, covering its User Roles too (R-SRP-6); one it
 * does not (LEGACY) is assessed inside each of its Users' assessments, one per (User, provider) pair,
 * of that User's type (R-SET-2).
 *
 * Decisions recorded here: only engagements in force on 1 January count, and only with providers
 * that are Shared Resource Providers (a part-system provider that did not opt in is not assessed,
 * R-SRP-4). A provider that holds a User Role uses its own User System, which is the shared resource
 * (R-SRP-6), so it counts among its own Users: its premises are in its aggregate and in the LEGACY
 * aggregate of each User of it (usesOwnSharedResource). Who has no assessment of its own is decided as for a
 * determination (noAnnualAssessment): a party with no User Role that is not a provider, and a provider with
 * no User Role that serves nobody on 1 January once past its User Entry (R-SRP-2, decision).
 *
 * Engagements are indexed once; each party's premises aggregate walks only its own providers' Users.
 */
export function countAssessments<Id extends string = RuleSetName>(
  input: ImpactCountInput,
  options: {
    readonly registry?: RuleSetRegistry<Id>;
    /** R-MATRIX-5: told what decided each party's own assessment (category, cycle position, premises, band). */
    readonly onDecision?: (partyId: string, deciding: CategoryDecision) => void;
  } = {},
): ImpactCount<Id> {
  const registry = (options.registry ?? DEFAULT_RULE_SET_REGISTRY) as RuleSetRegistry<Id>;
  const { year } = input;
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new RuleInputError('year', `year must be a four-digit calendar year; got ${JSON.stringify(year)}.`);
  }
  const asOf = formatIsoDate({ year, month: 1, day: 1 });
  const day = dayNumberOf(year, 1, 1);
  const ruleSet = input.ruleSet === undefined ? registry.inForceOn(asOf) : registry.get(input.ruleSet);
  const providersAssessedInsideUsers = ruleSet.providerPattern === null;

  // Parties: validated once, held in typed arrays by index.
  const n = input.parties.length;
  const index = new Map<string, number>();
  const premises = new Float64Array(n);
  const premisesKnown = new Uint8Array(n);
  const categories: (readonly UserCategory[])[] = new Array(n);
  const isProvider = new Uint8Array(n);
  const sinceFull: CycleCounts[] = new Array(n);
  input.parties.forEach((p, i) => {
    const field = `parties[${i}]`;
    if (typeof p?.id !== 'string' || p.id === '') throw new RuleInputError(`${field}.id`, `${field}.id must name the party.`);
    if (index.has(p.id)) throw new RuleInputError(`${field}.id`, `${field}.id ${p.id} appears twice.`);
    index.set(p.id, i);
    categories[i] = categoriesOfRoles(parseUserRoles(p.userRoles, `${field}.userRoles`));
    isProvider[i] = p.isSharedResourceProvider === true ? 1 : 0;
    if (p.premisesHistory) {
      const found = premisesAsOf(p.premisesHistory, asOf);
      premises[i] = found.count;
      premisesKnown[i] = found.effectiveFrom === null ? 0 : 1;
    } else if (p.domesticPremises !== null && p.domesticPremises !== undefined) {
      premises[i] = assertPremisesCount(p.domesticPremises, `${field}.domesticPremises`);
      premisesKnown[i] = 1;
    }
    sinceFull[i] = withField(field, () =>
      sinceLastFullOf({
        annualAssessmentsSinceLastFull: p.annualAssessmentsSinceLastFull,
        annualAssessmentsSinceLastFullByCategory: p.annualAssessmentsSinceLastFullByCategory,
      }),
    );
  });

  // Engagements in force on 1 January with a Shared Resource Provider, as index pairs.
  const pairUser = new Int32Array(input.engagements.length);
  const pairProvider = new Int32Array(input.engagements.length);
  let pairs = 0;
  input.engagements.forEach((e, k) => {
    const field = `engagements[${k}]`;
    const span = engagementSpan(e, field);
    const u = index.get(span.userPartyId);
    const p = index.get(span.providerPartyId);
    if (u === undefined) throw new RuleInputError(`${field}.userPartyId`, `${field}.userPartyId ${span.userPartyId} is not in the population.`);
    if (p === undefined) throw new RuleInputError(`${field}.providerPartyId`, `${field}.providerPartyId ${span.providerPartyId} is not in the population.`);
    if (categories[u]!.length === 0) {
      throw new RuleInputError(`${field}.userPartyId`, `${field}.userPartyId ${span.userPartyId} holds no User Role, so it cannot use a provider.`);
    }
    if (u === p || !isProvider[p] || !isEngagedOn(span, day)) return;
    pairUser[pairs] = u;
    pairProvider[pairs] = p;
    pairs += 1;
  });

  // Users of each provider, without repeats (two resources of one provider are one relationship),
  // plus the provider itself when it holds a User Role.
  const stamp = new Int32Array(n).fill(-1);
  const rawUsers = adjacency(n, pairProvider, pairUser, pairs);
  const userOf: number[] = [];
  const providerOf: number[] = [];
  for (let p = 0; p < n; p += 1) {
    if (!isProvider[p]) continue;
    if (usesOwnSharedResource({ isSharedResourceProvider: true, holdsUserRole: categories[p]!.length > 0 })) {
      stamp[p] = p;
      userOf.push(p);
      providerOf.push(p);
    }
    for (let k = rawUsers.offsets[p]!; k < rawUsers.offsets[p + 1]!; k += 1) {
      const u = rawUsers.items[k]!;
      if (stamp[u] !== p) {
        stamp[u] = p;
        userOf.push(u);
        providerOf.push(p);
      }
    }
  }
  const m = userOf.length;
  const usersOf = adjacency(n, Int32Array.from(providerOf), Int32Array.from(userOf), m);
  const providersOf = adjacency(n, Int32Array.from(userOf), Int32Array.from(providerOf), m);

  // R-PREM-2: an aggregate with any member's count missing is unknown (only whether, not who, matters here).
  const aggregate = new Float64Array(n);
  const aggregateKnown = new Uint8Array(n);
  for (let p = 0; p < n; p += 1) {
    let sum = 0;
    let known = 1;
    for (let k = usersOf.offsets[p]!; k < usersOf.offsets[p + 1]!; k += 1) {
      sum += premises[usersOf.items[k]!]!;
      known &= premisesKnown[usersOf.items[k]!]!;
    }
    aggregate[p] = sum;
    aggregateKnown[p] = known;
  }

  // R-SET-2: premises of the other Users of the same providers, each distinct User once.
  stamp.fill(-1);
  let othersKnown = true;
  const otherUsersPremises = (u: number): number => {
    othersKnown = true;
    const from = providersOf.offsets[u]!;
    const to = providersOf.offsets[u + 1]!;
    if (to === from) return 0;
    if (to - from === 1) {
      // One provider: its aggregate less this User; known unless a member other than u lacks a count.
      const p = providersOf.items[from]!;
      othersKnown = aggregateKnown[p] === 1 || countUnknown(p, u) === 0;
      return aggregate[p]! - premises[u]!;
    }
    stamp[u] = u;
    let sum = 0;
    for (let k = from; k < to; k += 1) {
      const p = providersOf.items[k]!;
      for (let j = usersOf.offsets[p]!; j < usersOf.offsets[p + 1]!; j += 1) {
        const v = usersOf.items[j]!;
        if (stamp[v] !== u) {
          stamp[v] = u;
          sum += premises[v]!;
          if (premisesKnown[v] === 0) othersKnown = false;
        }
      }
    }
    return sum;
  };
  const countUnknown = (p: number, except: number): number => {
    let unknown = 0;
    for (let j = usersOf.offsets[p]!; j < usersOf.offsets[p + 1]!; j += 1) {
      const v = usersOf.items[j]!;
      if (v !== except && premisesKnown[v] === 0) unknown += 1;
    }
    return unknown;
  };

  const own = new Int8Array(n).fill(-1);
  const totals = [0, 0, 0];
  let userAssessments = 0;
  let providerAssessments = 0;
  for (let i = 0; i < n; i += 1) {
    const userCategories = categories[i]!;
    const provider = isProvider[i] === 1;
    // R-PARTY-1, R-SET-2, R-SRP-2: decided as for a determination (a roleless provider is not among its own Users).
    const exempt = noAnnualAssessment(ruleSet, {
      holdsUserRole: userCategories.length > 0,
      isSharedResourceProvider: provider,
      currentUserCount: usersOf.offsets[i + 1]! - usersOf.offsets[i]!,
      providerEntered: sinceFor(sinceFull[i]!, 'SHARED_RESOURCE_PROVIDER') !== null,
    });
    if (exempt !== null) continue;
    const others = ruleSet.userPremisesBasis === 'OWN' ? 0 : otherUsersPremises(i);
    const decision = decide(
      ruleSet,
      {
        userCategories,
        isSharedResourceProvider: provider,
        ownPremises: premisesKnown[i] === 1 ? premises[i]! : null,
        otherUsersSharedPremises: others,
        otherUsersWithoutPremises: ruleSet.userPremisesBasis === 'OWN' || othersKnown ? NONE : UNKNOWN,
        usesSharedResource: providersOf.offsets[i + 1]! > providersOf.offsets[i]!,
        providerAggregatePremises: aggregate[i]!,
        providerUsersWithoutPremises: aggregateKnown[i] === 1 ? NONE : UNKNOWN,
        // R-SRP-2: Users other than itself (a provider holding a User Role is among its own Users above).
        providerServesUsers: usersOf.offsets[i + 1]! - usersOf.offsets[i]! > (userCategories.length > 0 ? 1 : 0),
      },
      sinceFull[i]!,
    );
    const t = TYPE_INDEX[decision.deciding.type];
    own[i] = t;
    options.onDecision?.(input.parties[i]!.id, decision.deciding);
    totals[t] += 1;
    if (provider && !providersAssessedInsideUsers) providerAssessments += 1;
    else userAssessments += 1;
  }

  // R-SET-2, R-IMPACT-1: under LEGACY the provider undergoes one FULL inside each User's assessment.
  const inside = new Int32Array(n * 3);
  if (providersAssessedInsideUsers) {
    for (let p = 0; p < n; p += 1) {
      for (let k = usersOf.offsets[p]!; k < usersOf.offsets[p + 1]!; k += 1) {
        if (usersOf.items[k]! === p) continue; // its own assessment already covers it
        inside[p * 3 + TYPE_INDEX.FULL] += 1;
        totals[TYPE_INDEX.FULL] += 1;
        providerAssessments += 1;
      }
    }
  }

  const byParty: PartyImpact[] = [];
  for (let i = 0; i < n; i += 1) {
    const counts = [inside[i * 3]!, inside[i * 3 + 1]!, inside[i * 3 + 2]!];
    const assessedInsideUsers = counts[0]! + counts[1]! + counts[2]!;
    if (own[i]! >= 0) counts[own[i]!] += 1;
    const total = counts[0]! + counts[1]! + counts[2]!;
    if (total === 0) continue;
    byParty.push({
      partyId: input.parties[i]!.id,
      ownAssessment: own[i]! >= 0 ? ANNUAL_ASSESSMENT_TYPES[own[i]!]! : null,
      assessedInsideUsers,
      total,
      byType: { FULL: counts[0]!, VERIFICATION: counts[1]!, SELF: counts[2]! },
    });
  }

  return {
    year,
    ruleSet: ruleSet.id,
    total: totals[0]! + totals[1]! + totals[2]!,
    userAssessments,
    providerAssessments,
    byType: ANNUAL_ASSESSMENT_TYPES.map((type, t) => ({ type, count: totals[t]! })),
    byParty,
  };
}
