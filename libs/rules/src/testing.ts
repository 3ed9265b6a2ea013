// Test fixtures and generators for @sec-assure/rules (and for other services' tests and benchmarks).
import fc from 'fast-check';
import { ANNUAL_ASSESSMENT_TYPES, ASSESSMENT_TYPES, type AssessmentType } from './assessment/assessment-types';
import { dayNumberOf, fromDayNumber, type IsoDate } from './calendar/iso-date';
import type { DeterminationInput } from './determination/determine-assessment';
import type { PopulationParty } from './impact/impact-count';
import type { Engagement } from './parties/engagements';
import { USER_ROLES, type UserRole } from './parties/user-roles';

/** A small seeded PRNG (mulberry32) so generated data is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function randomDate(random: () => number, fromYear: number, toYear: number): IsoDate {
  const from = dayNumberOf(fromYear, 1, 1);
  const to = dayNumberOf(toYear, 12, 31);
  return fromDayNumber(from + Math.floor(random() * (to - from + 1)));
}

function randomRoles(random: () => number): UserRole[] {
  const roles = new Set<UserRole>([pick(random, USER_ROLES)]);
  if (random() < 0.2) roles.add(pick(random, USER_ROLES));
  return [...roles];
}

/** Premises skewed so that both sides of the 250,000 threshold are well represented. */
function randomPremises(random: () => number): number {
  const r = random();
  if (r < 0.05) return 250_000 + Math.floor(random() * 3) - 1;
  if (r < 0.6) return Math.floor(random() * 250_000);
  return Math.floor(random() * 3_000_000);
}

function randomSinceLastFull(random: () => number): number | null {
  const r = random();
  return r < 0.15 ? null : Math.floor(random() * 3);
}

/** Determination inputs across both rule sets, users, providers and dual-role parties. */
export function generateDeterminationInputs(count: number, seed = 1): DeterminationInput[] {
  const random = seededRandom(seed);
  const inputs: DeterminationInput[] = [];
  for (let i = 0; i < count; i += 1) {
    const provider = random() < 0.1;
    const roles = provider && random() < 0.5 ? [] : randomRoles(random);
    const date = randomDate(random, 2018, 2030);
    // Some parties have no count on record (R-PREM-2), some a cycle position per category (R-MATRIX-3).
    const unknownPremises = random() < 0.05;
    const byCategory = random() < 0.3 ? { SUPPLIER: randomSinceLastFull(random), SHARED_RESOURCE_PROVIDER: randomSinceLastFull(random) } : null;
    inputs.push({
      userRoles: roles,
      isSharedResourceProvider: provider,
      domesticPremises: unknownPremises ? null : randomPremises(random),
      annualAssessmentsSinceLastFullByCategory: byCategory,
      otherUsersSharedPremises: random() < 0.3 ? randomPremises(random) : 0,
      providerAggregatePremises: provider ? randomPremises(random) : null,
      annualAssessmentsSinceLastFull: randomSinceLastFull(random),
      // Under LEGACY a provider without a User Role has no assessment: keep such inputs on SECMP0044.
      determinationDate: provider && roles.length === 0 && date < '2018-08-22' ? '2018-08-22' : date,
    });
  }
  return inputs;
}

export interface PopulationOptions {
  readonly parties: number;
  readonly engagements: number;
  readonly seed?: number;
  /** Share of parties that are Shared Resource Providers; default 0.03. */
  readonly providerShare?: number;
}

export interface Population {
  readonly parties: PopulationParty[];
  readonly engagements: Engagement[];
}

/**
 * A population for impact counts: a few percent of providers (half of them also Users), the rest
 * Users, and engagements over 2015–2030, many already ended, some Users with several providers.
 */
export function generatePopulation(options: PopulationOptions): Population {
  const random = seededRandom(options.seed ?? 7);
  const providerCount = Math.max(1, Math.round(options.parties * (options.providerShare ?? 0.03)));
  const parties: PopulationParty[] = [];
  for (let i = 0; i < options.parties; i += 1) {
    const provider = i < providerCount;
    parties.push({
      id: `party-${i}`,
      userRoles: provider && random() < 0.5 ? [] : randomRoles(random),
      isSharedResourceProvider: provider,
      domesticPremises: provider ? Math.floor(random() * 1000) : randomPremises(random) >> 3,
      annualAssessmentsSinceLastFull: randomSinceLastFull(random),
    });
  }
  const engagements: Engagement[] = [];
  const userCount = options.parties - providerCount;
  for (let k = 0; k < options.engagements; k += 1) {
    const user = providerCount + Math.floor(random() * userCount);
    // Skewed towards the first providers: a few large ones, many small.
    const provider = Math.floor(providerCount * random() * random());
    const startDate = randomDate(random, 2015, 2030);
    const endDate = random() < 0.6 ? randomDate(random, Number(startDate.slice(0, 4)), 2031) : null;
    engagements.push({
      userPartyId: `party-${user}`,
      providerPartyId: `party-${provider}`,
      startDate,
      endDate: endDate !== null && endDate < startDate ? startDate : endDate,
    });
  }
  return { parties, engagements };
}

// ---- fast-check arbitraries ---------------------------------------------------------------------

export const arbUserRoles = (minLength = 1): fc.Arbitrary<UserRole[]> =>
  fc.uniqueArray(fc.constantFrom(...USER_ROLES), { minLength, maxLength: USER_ROLES.length });

export const arbPremises = (): fc.Arbitrary<number> =>
  fc.oneof(fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 249_990, max: 250_010 }));

export const arbSinceLastFull = (): fc.Arbitrary<number | null> => fc.option(fc.integer({ min: 0, max: 5 }), { nil: null });

/** A date within the bank-holiday table's years (by default 2015–2035, inside the table's 2000–2035). */
export const arbIsoDate = (fromYear = 2015, toYear = 2035): fc.Arbitrary<IsoDate> =>
  fc.integer({ min: dayNumberOf(fromYear, 1, 1), max: dayNumberOf(toYear, 12, 31) }).map(fromDayNumber);

export const arbAnnualType = (): fc.Arbitrary<AssessmentType> => fc.constantFrom(...ANNUAL_ASSESSMENT_TYPES);
export const arbAssessmentType = (): fc.Arbitrary<AssessmentType> => fc.constantFrom(...ASSESSMENT_TYPES);

/** A User (optionally also a provider) determination input; the date decides the rule set. */
export const arbDeterminationInput = (): fc.Arbitrary<DeterminationInput> =>
  fc.record({
    userRoles: arbUserRoles(1),
    isSharedResourceProvider: fc.boolean(),
    domesticPremises: arbPremises(),
    otherUsersSharedPremises: arbPremises(),
    providerAggregatePremises: arbPremises(),
    annualAssessmentsSinceLastFull: arbSinceLastFull(),
    determinationDate: arbIsoDate(2016, 2030),
  });
