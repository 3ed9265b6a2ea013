import { requireKafka } from '@sec-assure/events/testing';
import { codeOf, contractClient, REQUIREMENT, type Requirement } from './contract-client';
import { startSystem, type RunningSystem } from './system';
import { recordTopic, type TopicRecording } from './topic-recorder';
import { seededRandom } from '@sec-assure/rules/testing';
import { addDays, addMonths } from './calendar';

// A DIFFERENTIAL probe of the assessment determination, as a black-box tester with ONLY the contract
// (../shared/contract) and the rule text (../shared/domain/RULES.md, EXAMPLES.md).
//
// An independent model of R-PARTY, R-PREM, R-TYPE, R-MATRIX, R-SET, R-SRP, R-STATUS, R-SCHED and R-IMPACT-1 is written
// below from the text alone. A seeded-random population (premises histories with corrections and gaps, shared
// resources of both scopes with and without opt-in, engagements started and ended, providers serving several users,
// annual assessments scheduled / completed / given every status / cancelled, follow-ups, SSC-directed FULLs, over
// LEGACY and SECMP0044 years) is built through the contract's mutations in date order, and at every step the system's
// answers (party.nextAssessment(asOf), requiredAssessment, scheduleAssessment, setAssuranceStatus, party.assessments,
// assessmentLoad) are compared with the model's. Every disagreement is collected under the check it belongs to, with
// the seed, the party and the date, so that it can be replayed: DIFF_SEED=<n> reruns another population.
//
// READINGS, where the text leaves room (the probe accepts each reading listed, and logs which one the system follows):
// - rolesUndated: registerParty carries no day for the roles (R-PARTY-1 makes them effective-dated, but no input of the
//   contract carries a role's date): the model holds them on every date.
// - ownUser / idleCovered: see `Variant` below (R-SRP-5's "aggregate premises of all its current Users" for a provider
//   that is itself a User; whether an idle provider category is still covered). The system must follow one consistently.
// - premisesKnown: false when the deciding category's count is missing, or when any count used is missing.
// - sameDayCount: a second count for a day that has one is refused (CONFLICT) or kept with the later one deciding.
// - calendarYear: the year of the determination or of the scheduled day (the same one every time).
// - engagementEnd: the text does not say whether a user is current ON its end date: no determination falls on one
//   (ends are on the 28th, determinations never); the system's choice is logged as an observation.
// - asKnownOn: nextAssessment(asOf) counts the assessments determined before asOf; the population asks it only on days
//   after everything about a party's earlier assessments happened (and logs days between two assessments).
// - year-2 FULL: every FULL that covered a category restarts its count (R-MATRIX-3 "counts the annual assessments since
//   the most recent FULL that covered it"; E1), so a large supplier stays in year 2. This one is asserted.

const DEFAULT_SEED = 20261206;
const SEED = Number(process.env.DIFF_SEED ?? DEFAULT_SEED);
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const TODAY = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
const LONG = 900_000;
const IMPLEMENTATION = '2018-08-22'; // R-SET-4: decision 2018-07-25 + 10 WD referral + 10 WD
const LOAD_YEARS = [2017, 2025]; // years in which nothing of the population happens (see `quiet`)

// ---- calendar -------------------------------------------------------------------------------------------------------
const daysBetween = (a: string, b: string): number => Math.round((Date.parse(`${b}T12:00:00Z`) - Date.parse(`${a}T12:00:00Z`)) / 86_400_000);
const yearOf = (day: string): number => Number(day.slice(0, 4));
const maxDay = (...days: string[]): string => days.reduce((a, b) => (a > b ? a : b));
const minDay = (...days: string[]): string => days.reduce((a, b) => (a < b ? a : b));
/** 2017 and 2025 onwards are kept free of every dated change, so that assessmentLoad of those years has one answer. */
const quiet = (day: string): boolean => day.startsWith('2017') || day >= '2025-01-01';
/** Engagements end on the 28th only; determinations and asOf dates never fall on a 28th (the text does not say
 *  whether a user is still "current" on its end date, READINGS.engagementEnd). */
const not28 = (day: string): string => (day.endsWith('-28') ? addDays(day, -1) : day);
const on28 = (day: string): string => `${day.slice(0, 8)}28`;

// ---- seeded randomness ----------------------------------------------------------------------------------------------
const rnd = seededRandom(SEED);
const int = (a: number, b: number): number => a + Math.floor(rnd() * (b - a + 1));
const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)]!;
const chance = (p: number): boolean => rnd() < p;
const between = (a: string, b: string): string => addDays(a, int(0, Math.max(0, daysBetween(a, b))));
/** A day in [a, b] outside the quiet years. */
const eventDay = (a: string, b: string): string => {
  for (let i = 0; i < 50; i++) {
    const d = between(a, b);
    if (!quiet(d)) return d;
  }
  return '2016-06-15';
};

// ---- the model (from RULES.md only) ---------------------------------------------------------------------------------
type Role = 'IMPORT_SUPPLIER' | 'EXPORT_SUPPLIER' | 'GAS_SUPPLIER' | 'ELECTRICITY_DISTRIBUTOR' | 'GAS_TRANSPORTER' | 'OTHER_USER';
type Cat = 'SUPPLIER' | 'NETWORK' | 'OTHER_USER' | 'SHARED_RESOURCE_PROVIDER';
type Annual = 'FULL' | 'VERIFICATION' | 'SELF';
type RuleSet = 'LEGACY' | 'SECMP0044';
const ROLES: Role[] = ['IMPORT_SUPPLIER', 'EXPORT_SUPPLIER', 'GAS_SUPPLIER', 'ELECTRICITY_DISTRIBUTOR', 'GAS_TRANSPORTER', 'OTHER_USER'];
const SRP: Cat = 'SHARED_RESOURCE_PROVIDER';
// R-PARTY-2
const CATEGORY: Record<Role, Cat> = {
  IMPORT_SUPPLIER: 'SUPPLIER',
  EXPORT_SUPPLIER: 'SUPPLIER',
  GAS_SUPPLIER: 'SUPPLIER',
  ELECTRICITY_DISTRIBUTOR: 'NETWORK',
  GAS_TRANSPORTER: 'NETWORK',
  OTHER_USER: 'OTHER_USER',
};
// R-TYPE-1 demand order
const DEMAND: Record<Annual, number> = { FULL: 3, VERIFICATION: 2, SELF: 1 };
// R-MATRIX-2: [year 2, year 3] per category and band
const TABLE: Record<Cat, { large: [Annual, Annual]; small: [Annual, Annual] }> = {
  SUPPLIER: { large: ['FULL', 'FULL'], small: ['VERIFICATION', 'SELF'] },
  NETWORK: { large: ['VERIFICATION', 'VERIFICATION'], small: ['VERIFICATION', 'SELF'] },
  OTHER_USER: { large: ['SELF', 'SELF'], small: ['SELF', 'SELF'] },
  SHARED_RESOURCE_PROVIDER: { large: ['FULL', 'FULL'], small: ['VERIFICATION', 'SELF'] },
};
const THRESHOLD = 250_000; // R-PREM-3: more than 250,000 is large
const ruleSetAt = (day: string): RuleSet => (day >= IMPLEMENTATION ? 'SECMP0044' : 'LEGACY'); // R-SET-1, R-SET-4
/** R-MATRIX-3: n annual assessments since the most recent FULL (null: none) -> year 1, 2 or 3. */
const positionOf = (n: number | null): 1 | 2 | 3 => (n === null ? 1 : n === 0 ? 2 : n === 1 ? 3 : 1);

interface MParty {
  key: string;
  id: string;
  name: string;
  roles: Role[];
  counts: Array<{ count: number; from: string; seq: number }>;
  assessments: MAssessment[];
  /** the last day on which anything about its assessments happened (determination, fieldwork, status, follow-up) */
  lastAssessmentDay: string;
}
interface MResource {
  id: string;
  provider: MParty;
  scope: 'WHOLE_USER_SYSTEM' | 'PART_OF_USER_SYSTEM';
  optIn: boolean;
  from: string;
}
interface MEngagement {
  id: string;
  user: MParty;
  resource: MResource;
  start: string;
  end?: string;
}
interface MAssessment {
  id: string;
  type: string;
  /** an annual assessment (scheduleAssessment); false for follow-ups and SSC-directed FULLs */
  annual: boolean;
  directed: boolean;
  followUp: boolean;
  /** determination date (annual), scheduledFor (directed, follow-up) */
  day: string;
  scheduledFor: string;
  calendarYear: number;
  covered: Cat[];
  cancelled: boolean;
  state: string;
  status?: string;
  statusOn?: string;
}

interface CatFacts {
  cat: Cat;
  pos: 1 | 2 | 3;
  n: number | null;
  premises: number;
  known: boolean;
  missing: string[];
  legacyShared: boolean;
}
interface Option extends CatFacts {
  type: Annual;
}
interface Expected {
  type: Annual;
  ruleSet: RuleSet;
  coveredCategories: Cat[];
  /** the categories whose type is the most demanding: the requirement's `category` is one of them (R-MATRIX-4) */
  options: Option[];
  all: Option[];
}

class Model {
  parties: MParty[] = [];
  resources: MResource[] = [];
  engagements: MEngagement[] = [];
  private seq = 0;

  /** R-PREM-2: the latest count effective on or before `day` (a count recorded later for the same day corrects it). */
  premisesAt(p: MParty, day: string): number | undefined {
    let best: { count: number; from: string; seq: number } | undefined;
    for (const c of p.counts) if (c.from <= day && (!best || c.from > best.from || (c.from === best.from && c.seq > best.seq))) best = c;
    return best?.count;
  }
  addCount(p: MParty, count: number, from: string): void {
    p.counts.push({ count, from, seq: this.seq++ });
  }
  /** R-SRP-3, R-SRP-4: WHOLE always qualifies; PART only with the opt-in. */
  qualifying = (r: MResource): boolean => r.scope === 'WHOLE_USER_SYSTEM' || r.optIn;
  /** R-SRP-2: designated from the first qualifying resource's availability. */
  designated(p: MParty, day: string): boolean {
    return this.resources.some((r) => r.provider === p && this.qualifying(r) && r.from <= day);
  }
  everProvider(p: MParty): boolean {
    return this.resources.some((r) => r.provider === p && this.qualifying(r));
  }
  current = (e: MEngagement, day: string): boolean => e.start <= day && (!e.end || e.end > day);
  /** R-SRP-5, R-SRP-7: the users of `p`'s qualifying resources on `day`, each once. */
  currentUsers(p: MParty, day: string): MParty[] {
    const users = new Set<MParty>();
    for (const e of this.engagements) if (e.resource.provider === p && this.qualifying(e.resource) && this.current(e, day)) users.add(e.user);
    return [...users];
  }
  /** the providers whose qualifying resources `u` uses on `day` */
  providersOf(u: MParty, day: string): MParty[] {
    const providers = new Set<MParty>();
    for (const e of this.engagements) if (e.user === u && this.qualifying(e.resource) && this.current(e, day)) providers.add(e.resource.provider);
    return [...providers];
  }
  sumOf(parties: MParty[], day: string): { sum: number; known: boolean; missing: string[] } {
    let sum = 0;
    const missing: string[] = [];
    for (const u of parties) {
      const c = this.premisesAt(u, day);
      if (c === undefined) missing.push(u.name);
      else sum += c;
    }
    return { sum, known: missing.length === 0, missing };
  }
  /** R-MATRIX-3, R-STATUS-2: the assessments that count for the cycle, in order. */
  counting(p: MParty, day: string): MAssessment[] {
    return p.assessments.filter((a) => !a.followUp && !a.cancelled && a.status !== 'REJECTED' && a.day < day);
  }
  /** annual assessments of `cat` since its most recent FULL (null: no FULL covered it yet) */
  sinceFull(p: MParty, cat: Cat, day: string): number | null {
    const list = this.counting(p, day);
    let last = -1;
    list.forEach((a, i) => {
      if (a.type === 'FULL' && a.covered.includes(cat)) last = i;
    });
    if (last < 0) return null;
    return list.slice(last + 1).filter((a) => a.annual && a.covered.includes(cat)).length;
  }
  /** The categories a determination on `day` under `rs` covers, with the facts that decide each. */
  facts(p: MParty, day: string, rs: RuleSet, v: Variant = LITERAL): CatFacts[] {
    const out: CatFacts[] = [];
    const own = this.premisesAt(p, day);
    // READINGS.ownUser: a provider that holds User Roles is itself a user of the resource it shares (R-SRP-1, R-SRP-6).
    const members = (prov: MParty): MParty[] => [...this.currentUsers(prov, day), ...(v.ownUser && prov.roles.length > 0 && this.designated(prov, day) ? [prov] : [])];
    for (const cat of [...new Set(p.roles.map((r) => CATEGORY[r]))]) {
      const n = this.sinceFull(p, cat, day);
      const base = { cat, n, pos: positionOf(n) };
      const providers = rs === 'LEGACY' ? this.providersOf(p, day) : [];
      if (rs === 'LEGACY' && v.ownUser && this.designated(p, day) && this.currentUsers(p, day).length > 0) providers.push(p);
      if (providers.length > 0) {
        // R-SET-2: own plus every other user of the same provider(s), each counted once.
        const users = new Set<MParty>([p]);
        for (const prov of providers) for (const u of members(prov)) users.add(u);
        const s = this.sumOf([...users], day);
        out.push({ ...base, premises: s.sum, known: s.known, missing: s.missing, legacyShared: true });
      } else {
        out.push({ ...base, premises: own ?? 0, known: own !== undefined, missing: own === undefined ? [p.name] : [], legacyShared: false });
      }
    }
    // R-SET-2: under LEGACY the provider has no assessment of its own. R-SET-3, R-SRP-5: under SECMP0044 it has, on its
    // users' aggregate; R-SRP-2: with no current user only its User Entry FULL (READINGS.idleCovered for a provider that
    // is also a User and is assessed anyway).
    if (rs === 'SECMP0044' && this.designated(p, day)) {
      const users = this.currentUsers(p, day);
      const n = this.sinceFull(p, SRP, day);
      if (users.length > 0 || n === null || (v.idleCovered && p.roles.length > 0)) {
        const s = this.sumOf(members(p), day);
        out.push({ cat: SRP, n, pos: positionOf(n), premises: s.sum, known: s.known, missing: s.missing, legacyShared: false });
      }
    }
    return out;
  }
  requirement(p: MParty, day: string, rs: RuleSet = ruleSetAt(day), v: Variant = LITERAL): Expected | null {
    return decide(rs, this.facts(p, day, rs, v));
  }
}

/**
 * Where the text leaves room, the model knows each reading and the probe reports which one the system follows (it must
 * follow one of them consistently). LITERAL is the plain words of RULES.md:
 * - ownUser: R-SRP-5 "the aggregate premises of all its current Users": only the parties engaged with the provider
 *   (LITERAL), or also the provider itself when it holds User Roles and shares its own User System (R-SRP-1 "forms
 *   part of the User Systems of a User and also of one or more other Users", R-SRP-6, FMR §3 "SEC Parties providing
 *   User Systems to affiliates"). Under LEGACY the same reading puts such a provider in its users' aggregate and them in
 *   its own.
 * - idleCovered: R-SRP-2 "A provider with no current User ... is not otherwise due an annual assessment while it serves
 *   nobody": for a provider that is also a User (assessed anyway), whether its one assessment still covers the provider
 *   category (R-SRP-6 "one assessment covering both roles") or not (LITERAL).
 */
interface Variant {
  name: string;
  ownUser: boolean;
  idleCovered: boolean;
}
const VARIANTS: Variant[] = [false, true].flatMap((ownUser) => [false, true].map((idleCovered) => ({ name: `ownUser=${ownUser},idleCovered=${idleCovered}`, ownUser, idleCovered })));
const LITERAL = VARIANTS[0]!;

/** R-MATRIX-1..4, R-PREM-2, R-SET-2 on the facts of each category. */
function decide(rs: RuleSet, facts: CatFacts[]): Expected | null {
  if (facts.length === 0) return null; // R-PARTY-1, E13
  const all: Option[] = facts.map((f) => {
    const large = !f.known || f.premises > THRESHOLD; // R-PREM-2: unknown -> the demanding band
    let type: Annual = f.pos === 1 ? 'FULL' : TABLE[f.cat][large ? 'large' : 'small'][f.pos - 2]!;
    if (rs === 'LEGACY' && f.legacyShared && large) type = 'FULL'; // "as though they were a Large Supplier"
    return { ...f, type };
  });
  const top = Math.max(...all.map((o) => DEMAND[o.type]));
  const options = all.filter((o) => DEMAND[o.type] === top);
  return { type: options[0]!.type, ruleSet: rs, coveredCategories: all.map((o) => o.cat).sort(), options, all };
}

/** The what-if's own reading of RequirementInput (contract comments), independent of any party. */
interface WhatIf {
  userRoles: Role[];
  isSharedResourceProvider?: boolean;
  domesticPremises: number;
  otherUsersSharedPremises?: number;
  annualAssessmentsSinceLastFull?: number | null;
  ruleSet?: RuleSet;
  determinationDate: string;
}
function whatIfModel(input: WhatIf): Expected | null {
  const rs = input.ruleSet ?? ruleSetAt(input.determinationDate);
  const n = input.annualAssessmentsSinceLastFull ?? null;
  const others = input.otherUsersSharedPremises ?? 0;
  const facts: CatFacts[] = [...new Set(input.userRoles.map((r) => CATEGORY[r]))].map((cat) => ({
    cat,
    n,
    pos: positionOf(n),
    premises: rs === 'LEGACY' ? input.domesticPremises + others : input.domesticPremises,
    known: true,
    missing: [],
    legacyShared: rs === 'LEGACY' && others > 0,
  }));
  if (input.isSharedResourceProvider && rs === 'SECMP0044') facts.push({ cat: SRP, n, pos: positionOf(n), premises: input.domesticPremises, known: true, missing: [], legacyShared: false });
  return decide(rs, facts);
}

// ---- comparison -----------------------------------------------------------------------------------------------------
const CORE = ['type', 'ruleSet', 'category', 'coveredCategories', 'cyclePosition', 'premisesUsed', 'premisesKnown'] as const;
const core = (r: Requirement | null | undefined) =>
  r ? Object.fromEntries(CORE.map((f) => [f, f === 'coveredCategories' ? [...r.coveredCategories].sort() : r[f]])) : r ?? null;
const brief = (e: Expected | null) =>
  e
    ? `${e.type} ${e.ruleSet} covered=[${e.coveredCategories.join(',')}] options=${e.options
        .map((o) => `${o.cat}:y${o.pos}:${o.known ? o.premises : `unknown(${o.missing.length})`}`)
        .join('|')} all=${e.all.map((o) => `${o.cat}:${o.type}:y${o.pos}:n${o.n}:${o.known ? o.premises : '?'}${o.legacyShared ? ':shared' : ''}`).join('|')}`
    : 'null';
const show = (r: Requirement | null | undefined) =>
  r ? `${r.type} ${r.ruleSet} ${r.category} covered=[${[...r.coveredCategories].sort().join(',')}] y${r.cyclePosition} premises=${r.premisesUsed} known=${r.premisesKnown} ids=${r.ruleIds.join(',')}` : 'null';

/** The differences between an answer and the model's expectation (empty: they agree). */
function differences(actual: Requirement | null | undefined, expected: Expected | null): string[] {
  if (!expected) return actual ? ['expected null (no assessment needed)'] : [];
  if (!actual) return ['got null'];
  const out: string[] = [];
  if (actual.type !== expected.type) out.push(`type ${actual.type} != ${expected.type}`);
  if (actual.ruleSet !== expected.ruleSet) out.push(`ruleSet ${actual.ruleSet} != ${expected.ruleSet}`);
  const covered = [...actual.coveredCategories].sort().join(',');
  if (covered !== expected.coveredCategories.join(',')) out.push(`coveredCategories [${covered}] != [${expected.coveredCategories.join(',')}]`);
  const chosen = expected.options.find((o) => o.cat === actual.category);
  if (!chosen) {
    out.push(`category ${actual.category} not among the most demanding [${expected.options.map((o) => o.cat).join(',')}]`);
    return out;
  }
  if (actual.cyclePosition !== chosen.pos) out.push(`cyclePosition ${actual.cyclePosition} != ${chosen.pos} (${chosen.cat})`);
  if (chosen.known && actual.premisesUsed !== chosen.premises) out.push(`premisesUsed ${actual.premisesUsed} != ${chosen.premises}`);
  // READINGS.premisesKnown: the deciding category's count, or every count used.
  const knownReadings = new Set([chosen.known, expected.all.every((o) => o.known)]);
  if (!knownReadings.has(actual.premisesKnown)) out.push(`premisesKnown ${actual.premisesKnown} != ${[...knownReadings].join('|')}`);
  if (!actual.premisesKnown) {
    // R-PREM-2, E3: "says that the count is missing and whose".
    if (!/missing|no (premises )?count|not recorded|unknown|no .*count/i.test(actual.explanation)) out.push(`explanation does not say a count is missing: "${actual.explanation}"`);
    for (const name of chosen.missing) if (!actual.explanation.includes(name)) out.push(`explanation does not name ${name}: "${actual.explanation}"`);
  }
  // R-MATRIX-5: rule ids from RULES.md; where the LEGACY aggregate decided the band (years 2 and 3), R-SET-2 is named.
  if (!actual.ruleIds.length || actual.ruleIds.some((id) => !/^R-[A-Z]+-\d+$/.test(id))) out.push(`ruleIds ${actual.ruleIds.join(',')}`);
  if (chosen.legacyShared && chosen.pos !== 1 && !actual.ruleIds.includes('R-SET-2')) out.push(`ruleIds lack R-SET-2: ${actual.ruleIds.join(',')}`);
  return out;
}

// ---- the population -------------------------------------------------------------------------------------------------
type Outcome = 'APPROVED' | 'APPROVED_SUBJECT_TO' | 'DEFERRED' | 'REJECTED' | 'NONE' | 'FIELDWORK' | 'CANCEL';
interface Action {
  day: string;
  prio: number;
  seq: number;
  label: string;
  run: () => Promise<void>;
}

describe(`contract only: a seeded differential of the assessment rules against an independent model (seed ${SEED})`, () => {
  let system: RunningSystem;
  let admin: string;
  let ssc: string;
  let cio: string;
  /** The registry topic as a subscriber sees it: the test broker is shared, and this system's consumers also take in the
   *  parties other systems register meanwhile. assessmentLoad counts "any population", so those would count too. */
  let registryTopic: TopicRecording | undefined;
  let startedAt = 0;
  const { gql } = contractClient(() => system, run, () => ({ admin, ssc, cio }));

  const model = new Model();
  /** every disagreement, by check */
  const found: Record<string, string[]> = {};
  const counted: Record<string, number> = {};
  const note = (check: string, message: string) => {
    (found[check] ??= []).push(message);
  };
  const tally = (check: string) => {
    counted[check] = (counted[check] ?? 0) + 1;
  };
  /** per comparison that only some readings explain: which ones */
  const readingsSeen: Array<{ label: string; matches: string[] }> = [];
  function judge(check: string, label: string, actual: Requirement | null | undefined, expectedOf: (v: Variant) => Expected | null, extra: string[] = []): void {
    tally(check);
    const diffs = VARIANTS.map((v) => differences(actual, expectedOf(v)));
    const matches = VARIANTS.filter((_, i) => diffs[i]!.length === 0).map((v) => v.name);
    if (matches.length === 0 || extra.length) {
      const best = diffs.reduce((b, d, i) => (d.length < diffs[b]!.length ? i : b), 0);
      const closest = best === 0 ? '' : `\n      closest reading ${VARIANTS[best]!.name}: ${diffs[best]!.join('; ') || 'agrees'}\n      model    ${brief(expectedOf(VARIANTS[best]!))}`;
      note(check, `${label}: ${[...diffs[0]!, ...extra].join('; ')}\n      got      ${show(actual)}\n      model    ${brief(expectedOf(LITERAL))}${closest}`);
    }
    if (matches.length > 0 && matches.length < VARIANTS.length) readingsSeen.push({ label: `${check}: ${label}`, matches });
    // An idle provider category (no current user, R-SRP-2) that made the answer more demanding than the User categories alone.
    for (const ownUser of [false, true]) {
      const idle = VARIANTS.find((v) => v.ownUser === ownUser && v.idleCovered)!;
      const not = VARIANTS.find((v) => v.ownUser === ownUser && !v.idleCovered)!;
      const [a, b] = [expectedOf(idle), expectedOf(not)];
      if (matches.includes(idle.name) && !matches.includes(not.name) && a && b && a.type !== b.type)
        note('R-SRP-2 idle provider', `${check}: ${label}: ${a.type} (the idle provider category in year ${a.all.find((o) => o.cat === SRP)?.pos}) where the User categories alone need ${b.type}\n      got      ${show(actual)}`);
    }
    // What the population exercised (answers that agree only).
    const e = matches.length ? expectedOf(VARIANTS.find((v) => v.name === matches[0])!) : null;
    if (e) {
      const seen = (feature: string) => (coverage[feature] = (coverage[feature] ?? 0) + 1);
      seen(`${e.ruleSet} ${e.type}`);
      for (const o of e.all) seen(`${e.ruleSet} ${o.cat} y${o.pos} ${o.type}`);
      if (e.all.length > 1) seen('several categories (R-MATRIX-4)');
      if (e.all.some((o) => !o.known)) seen('missing count (R-PREM-2)');
      if (e.all.some((o) => o.legacyShared && o.pos !== 1 && o.type === 'FULL' && TABLE[o.cat].small[o.pos - 2] !== 'FULL' && o.premises > THRESHOLD)) seen('LEGACY "as though a Large Supplier" (R-SET-2)');
      if (e.all.some((o) => o.legacyShared && o.pos !== 1 && o.premises <= THRESHOLD && o.known)) seen('LEGACY aggregate <= 250,000 (R-SET-2)');
      if (e.all.some((o) => o.cat === SRP && o.pos === 1 && o.n !== null)) seen('provider back in year 1 (R-MATRIX-3)');
      if (e.all.some((o) => o.pos === 2 && o.type === 'FULL')) seen('year 2 after a year-2 FULL or a FULL (R-MATRIX-3)');
    } else if (actual === null && expectedOf(LITERAL) === null) coverage['null (R-PARTY-1, R-SRP-2)'] = (coverage['null (R-PARTY-1, R-SRP-2)'] ?? 0) + 1;
  }
  const coverage: Record<string, number> = {};
  const observed = { calendarYear: { determination: 0, scheduledFor: 0, neither: 0, crossYear: 0 }, charges: {} as Record<string, number[]>, sameDayCount: {} as Record<string, number>, scheduledOn: {} as Record<string, number> };
  const loads: Record<string, { system: unknown; model: unknown }> = {};
  let foreignParties = 0;
  let foreignEvents = 0;

  const ASSESSMENT = `id type calendarYear scheduledFor scheduledOn state directedBySsc charge assuranceStatus assuranceStatusSetOn nextDueBy requirement { ${REQUIREMENT} }`;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const call = async (token: string, query: string, variables: Record<string, unknown>): Promise<{ data?: any; code?: string; message?: string }> => {
    const r = await gql(token, query, variables);
    if (r.errors?.length) return { code: codeOf(r) ?? 'NONE', message: r.errors.map((e) => e.message).join('; ') };
    return { data: r.data };
  };
  const must = async (label: string, token: string, query: string, variables: Record<string, unknown>) => {
    const r = await call(token, query, variables);
    if (r.code) throw new Error(`${label}: ${r.code}: ${r.message}`);
    return r.data;
  };
  const nextAt = async (p: MParty, asOf: string): Promise<Requirement | null> =>
    (await must(`nextAssessment ${p.key} ${asOf}`, admin, `query($id: ID!, $asOf: Date) { party(id: $id) { nextAssessment(asOf: $asOf) { ${REQUIREMENT} } } }`, { id: p.id, asOf })).party
      .nextAssessment;
  const whatIf = async (input: WhatIf): Promise<{ r?: Requirement; code?: string; message?: string }> => {
    const res = await call(admin, `query($input: RequirementInput!) { requiredAssessment(input: $input) { ${REQUIREMENT} } }`, { input });
    return res.code ? { code: res.code, message: res.message } : { r: res.data.requiredAssessment };
  };
  const charge = (label: string, type: string, value: unknown) => {
    tally('R-SRP-9 charge');
    if (!Number.isInteger(value) || (value as number) <= 0) note('R-SRP-9 charge', `${label}: charge ${String(value)} for ${type} is not a positive amount in pence`);
    else (observed.charges[type] ??= []).push(value as number);
  };

  /** nextAssessment(asOf) against the model, and the what-ifs that the contract can express for this party. */
  async function probe(p: MParty, asOf: string, check: string): Promise<Requirement | null> {
    const expected = model.requirement(p, asOf);
    const actual = await nextAt(p, asOf);
    judge(check, `${p.key} asOf ${asOf}`, actual, (v) => model.requirement(p, asOf, ruleSetAt(asOf), v));
    await compareWhatIf(p, asOf, actual, expected);
    return actual;
  }

  /** R-MATRIX-5 what-if: the equivalent RequirementInput gives the party's answer, under the date's rule set and under each explicit one. */
  async function compareWhatIf(p: MParty, day: string, mine: Requirement | null, expected: Expected | null): Promise<void> {
    if (!expected || !mine) return;
    const rs = ruleSetAt(day);
    const providerOnly = p.roles.length === 0;
    const cats = expected.coveredCategories;
    if (!providerOnly && (cats.includes(SRP) || model.designated(p, day))) return; // a user that is also a provider: one premises figure cannot say both
    if (providerOnly) {
      const f = expected.all[0]!;
      if (!f.known) return;
      const input: WhatIf = { userRoles: [], isSharedResourceProvider: true, domesticPremises: f.premises, annualAssessmentsSinceLastFull: f.n, determinationDate: day };
      await askWhatIf(p, input, mine, expected, true);
      return;
    }
    const legacy = model.facts(p, day, 'LEGACY');
    // A user of a provider that is also a User: the readings disagree on its co-users' premises (READINGS.ownUser).
    if (brief(decide('LEGACY', legacy)) !== brief(decide('LEGACY', model.facts(p, day, 'LEGACY', VARIANTS[3]!)))) return;
    const own = model.premisesAt(p, day);
    if (own === undefined || legacy.some((f) => !f.known)) return; // RequirementInput has no "missing count"
    const shared = legacy.find((f) => f.legacyShared);
    const others = shared ? shared.premises - own : 0;
    if (shared && others === 0) return; // the only user of its provider: "no co-user" and "no provider" look alike in the input
    const base: WhatIf = { userRoles: p.roles, domesticPremises: own, otherUsersSharedPremises: others, annualAssessmentsSinceLastFull: legacy[0]!.n, determinationDate: day };
    await askWhatIf(p, base, mine, rs === 'LEGACY' ? decide('LEGACY', legacy) : expected, true);
    for (const ruleSet of ['LEGACY', 'SECMP0044'] as const) {
      await askWhatIf(p, { ...base, ruleSet }, null, ruleSet === 'LEGACY' ? decide('LEGACY', legacy) : model.requirement(p, day, 'SECMP0044'), false);
    }
  }
  async function askWhatIf(p: MParty, input: WhatIf, mine: Requirement | null, partyModel: Expected | null, sameAsParty: boolean): Promise<void> {
    const got = await whatIf(input);
    const label = `${p.key} ${JSON.stringify(input)}`;
    tally('what-if vs model');
    if (got.code) {
      note('what-if vs model', `${label}: ${got.code}: ${got.message}`);
      return;
    }
    const own = whatIfModel(input);
    const diff = differences(got.r, own);
    if (diff.length) note('what-if vs model', `${label}: ${diff.join('; ')}\n      got      ${show(got.r)}\n      model    ${brief(own)}`);
    // The model's party reading and its what-if reading must agree (else the probe itself is wrong).
    if (brief(own) !== brief(partyModel) && partyModel && own && (own.type !== partyModel.type || own.coveredCategories.join() !== partyModel.coveredCategories.join()))
      note('probe self-check', `${label}: what-if model ${brief(own)} != party model ${brief(partyModel)}`);
    if (sameAsParty) {
      tally('what-if vs party');
      if (JSON.stringify(core(got.r)) !== JSON.stringify(core(mine)))
        note('what-if vs party', `${label}:\n      what-if  ${show(got.r)}\n      party    ${show(mine)}`);
    }
  }

  // ---- generation ---------------------------------------------------------------------------------------------------
  const actions: Action[] = [];
  let seq = 0;
  const at = (day: string, prio: number, label: string, fn: () => Promise<void>) => actions.push({ day, prio, seq: seq++, label, run: fn });
  const P = { resource: 0, premises: 1, engage: 2, end: 3, complete: 4, status: 5, followUp: 6, directed: 7, schedule: 8, probe: 9 };

  function premisesValue(): number {
    const r = rnd();
    if (r < 0.05) return 0;
    if (r < 0.1) return 250_000;
    if (r < 0.15) return 250_001;
    if (r < 0.45) return int(1, 60_000);
    if (r < 0.75) return int(60_000, 200_000);
    if (r < 0.9) return int(200_000, 400_000);
    return int(400_000, 3_000_000);
  }
  function roleSet(): Role[] {
    const r = rnd();
    const n = r < 0.7 ? 1 : r < 0.95 ? 2 : 3;
    const roles = new Set<Role>();
    while (roles.size < n) roles.add(pick(ROLES));
    return [...roles];
  }

  interface Plan {
    key: string;
    roles: Role[];
    initial?: { count: number; from: string };
    resources: Array<{ scope: MResource['scope']; optIn: boolean; from: string }>;
  }

  function plans(): Plan[] {
    const out: Plan[] = [];
    const add = (key: string, roles: Role[], resources: Plan['resources'] = []) => {
      const r = rnd();
      const initial = r < 0.08 ? undefined : r < 0.2 ? { count: premisesValue(), from: eventDay('2016-01-01', '2021-06-30') } : { count: premisesValue(), from: eventDay('2013-01-01', '2014-06-30') };
      out.push({ key, roles, initial, resources });
    };
    add('P1 whole provider', [], [{ scope: 'WHOLE_USER_SYSTEM', optIn: false, from: eventDay('2013-06-01', '2015-06-30') }]);
    add('P2 whole provider (two hubs)', [], [
      { scope: 'WHOLE_USER_SYSTEM', optIn: false, from: eventDay('2014-01-01', '2016-06-30') },
      { scope: 'PART_OF_USER_SYSTEM', optIn: true, from: eventDay('2018-01-01', '2020-12-31') },
    ]);
    add('P3 part provider opted in', [], [{ scope: 'PART_OF_USER_SYSTEM', optIn: true, from: eventDay('2015-01-01', '2019-06-30') }]);
    add('P4 late provider', [], [{ scope: 'WHOLE_USER_SYSTEM', optIn: false, from: eventDay('2020-06-01', '2022-06-30') }]);
    add('H1 supplier provider', [pick(['IMPORT_SUPPLIER', 'GAS_SUPPLIER'] as Role[])], [{ scope: 'WHOLE_USER_SYSTEM', optIn: false, from: eventDay('2015-06-01', '2021-12-31') }]);
    add('H2 network/other provider', [pick(['GAS_TRANSPORTER', 'OTHER_USER'] as Role[])], [{ scope: 'PART_OF_USER_SYSTEM', optIn: true, from: eventDay('2018-09-01', '2021-12-31') }]);
    add('N1 part provider not opted in', ['OTHER_USER'], [{ scope: 'PART_OF_USER_SYSTEM', optIn: false, from: eventDay('2013-06-01', '2016-06-30') }]);
    add('N2 no role, part not opted in', [], [{ scope: 'PART_OF_USER_SYSTEM', optIn: false, from: eventDay('2013-06-01', '2016-06-30') }]);
    add('N3 no role, nothing', []);
    for (let i = 1; i <= 35; i++) add(`U${i}`, roleSet());
    return out;
  }

  async function build(drawn: Plan[]): Promise<void> {
    const REG = `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }`;
    const RES = `mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }`;
    const ENG = `mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id } }`;
    const END = `mutation($id: ID!, $d: Date!) { endEngagement(engagementId: $id, endDate: $d) { id endDate } }`;
    const REC = `mutation($id: ID!, $c: Int!, $e: Date!) { recordDomesticPremises(partyId: $id, count: $c, effectiveFrom: $e) { id } }`;
    const resourceRefs: Array<{ provider: MParty; day: string; ref: { resource?: MResource } }> = [];
    const designatedFrom = new Map<MParty, string>();

    // Parties first (registerParty carries no day for the roles: the model reads them as held on every date).
    for (const plan of drawn) {
      const name = `DIFF ${plan.key} ${run}`;
      const input: Record<string, unknown> = { name, userRoles: plan.roles };
      if (plan.initial) Object.assign(input, { domesticPremises: plan.initial.count, premisesEffectiveFrom: plan.initial.from });
      const id = (await must(`registerParty ${plan.key}`, admin, REG, { input })).registerParty.id as string;
      const p: MParty = { key: plan.key, id, name, roles: plan.roles, counts: [], assessments: [], lastAssessmentDay: '2000-01-01' };
      if (plan.initial) model.addCount(p, plan.initial.count, plan.initial.from);
      model.parties.push(p);
      for (const r of plan.resources) {
        const ref: { resource?: MResource } = {};
        resourceRefs.push({ provider: p, day: r.from, ref });
        if (r.scope === 'WHOLE_USER_SYSTEM' || r.optIn) designatedFrom.set(p, minDay(designatedFrom.get(p) ?? r.from, r.from));
        at(r.from, P.resource, `resource ${plan.key} ${r.scope} ${r.from}`, async () => {
          const res = (await must(`registerSharedResource ${plan.key}`, admin, RES, {
            input: { name: `DIFF ${plan.key} ${r.scope} ${r.from} ${run}`, scope: r.scope, providerPartyId: id, availableFrom: r.from, ...(r.scope === 'PART_OF_USER_SYSTEM' ? { optInAsProvider: r.optIn } : {}) },
          })).registerSharedResource.id as string;
          ref.resource = { id: res, provider: p, scope: r.scope, optIn: r.optIn, from: r.from };
          model.resources.push(ref.resource);
        });
      }
      // Later counts: some recorded on their day, some back-dated corrections recorded later, some for a day that has one.
      const later = int(0, 3);
      const effs: string[] = plan.initial ? [plan.initial.from] : [];
      for (let i = 0; i < later; i++) {
        const same = effs.length > 0 && chance(0.12);
        const eff = same ? pick(effs) : eventDay('2014-01-01', '2024-10-31');
        const recordedOn = same || chance(0.25) ? eventDay(eff, minDay(addDays(eff, 600), '2024-12-20')) : eff;
        effs.push(eff);
        const count = premisesValue();
        at(maxDay(recordedOn, eff), P.premises, `premises ${plan.key} ${count} from ${eff}`, async () => {
          const exists = p.counts.some((c) => c.from === eff);
          const r = await call(admin, REC, { id, c: count, e: eff });
          tally('R-PREM-1 record');
          // READINGS.sameDayCount: "never overwritten": a second count for a day it already has is refused (CONFLICT), or
          // kept beside the first with the later one deciding. Either way the history must stay readable.
          if (exists) observed.sameDayCount[r.code ?? 'accepted'] = (observed.sameDayCount[r.code ?? 'accepted'] ?? 0) + 1;
          if (exists && r.code === 'CONFLICT') return;
          if (r.code) note('R-PREM-1 record', `${plan.key}: recordDomesticPremises ${count} effective ${eff} refused: ${r.code}: ${r.message}`);
          else model.addCount(p, count, eff);
        });
      }
    }

    // Engagements: users (parties with a role) of one or two resources, from the resource's day on, some ended later.
    for (const u of model.parties.filter((p) => p.roles.length > 0)) {
      const r = rnd();
      const n = r < 0.25 ? 0 : r < 0.8 ? 1 : 2;
      const chosen = new Set<number>();
      for (let i = 0; i < n; i++) {
        const candidates = resourceRefs.map((c, index) => ({ ...c, index })).filter((c) => c.provider !== u && !chosen.has(c.index));
        if (!candidates.length) break;
        const c = pick(candidates);
        chosen.add(c.index);
        // Half of the engagements of early resources start in the LEGACY years, so that R-SET-2's aggregate has users.
        const early = c.day < '2016-06-30' && chance(0.5);
        const start = eventDay(maxDay(c.day, '2014-01-01'), early ? '2016-10-31' : maxDay(c.day, '2023-06-30'));
        const ending = chance(0.3) ? on28(addDays(start, int(200, 2500))) : undefined;
        const end = ending && ending <= '2024-11-28' && !quiet(ending) ? ending : undefined;
        const holder: { engagement?: MEngagement } = {};
        at(start, P.engage, `engage ${u.key} -> ${c.provider.key} ${start}`, async () => {
          const resource = c.ref.resource;
          if (!resource) throw new Error(`resource of ${c.provider.key} from ${c.day} not registered`);
          const id = (await must(`engage ${u.key} -> ${c.provider.key}`, admin, ENG, { input: { userPartyId: u.id, sharedResourceId: resource.id, startDate: start } })).engageSharedResource.id as string;
          holder.engagement = { id, user: u, resource, start };
          model.engagements.push(holder.engagement);
        });
        if (end) {
          at(end, P.end, `end ${u.key} -> ${c.provider.key} ${end}`, async () => {
            if (!holder.engagement) return;
            const res = await call(admin, END, { id: holder.engagement.id, d: end });
            tally('R-SRP-7 end');
            if (res.code) note('R-SRP-7 end', `${u.key}: endEngagement ${end} refused: ${res.code}: ${res.message}`);
            else holder.engagement.end = end;
          });
        }
      }
    }

    // Annual assessments, per party, in date order.
    for (const p of model.parties) {
      const designation = designatedFrom.get(p);
      const providerish = designation !== undefined;
      if (p.roles.length === 0 && !providerish) {
        // E13: nothing is needed; asking to schedule one is refused.
        const day = not28(between('2019-01-01', '2024-06-30'));
        at(day, P.schedule, `schedule ${p.key} (none needed)`, async () => {
          await scheduleAnnual(p, day, day, 'APPROVED');
        });
        continue;
      }
      const firstFrom = p.roles.length === 0 ? pick(['2017-10-01', '2019-01-01', '2020-06-01']) : '2014-02-01';
      let cursor = not28(between(firstFrom, p.roles.length === 0 ? '2021-06-30' : '2019-12-31'));
      let previous: string | undefined;
      let steps = 0;
      while (steps++ < 14) {
        if (cursor.startsWith('2017')) cursor = not28(between('2018-01-10', '2018-03-31'));
        const limit = cursor <= '2016-12-31' ? '2016-12-20' : '2024-12-20';
        if (daysBetween(cursor, limit) < 60) {
          if (limit === '2016-12-20') {
            cursor = not28(between('2018-01-10', '2018-03-31'));
            continue;
          }
          break;
        }
        const D = cursor;
        // A few users are determined in December for a January assessment (READINGS.calendarYear).
        const crossYear = !providerish && D.slice(5) >= '11-15' && D >= '2018-01-01' && D <= '2023-12-31' && chance(0.6);
        const SF = crossYear ? between(`${yearOf(D) + 1}-01-02`, `${yearOf(D) + 1}-01-25`) : minDay(addDays(D, int(0, 45)), `${D.slice(0, 4)}-12-31`, addDays(limit, -30));
        const roll = rnd();
        const outcome: Outcome =
          roll < 0.52 ? 'APPROVED' : roll < 0.62 ? 'APPROVED_SUBJECT_TO' : roll < 0.72 ? 'DEFERRED' : roll < 0.81 ? 'REJECTED' : roll < 0.85 ? 'NONE' : roll < 0.9 ? 'FIELDWORK' : 'CANCEL';
        const F = addDays(SF, int(3, 20));
        const S = addDays(F, int(3, 20));
        const holder: { a?: MAssessment } = {};
        // R-MATRIX-6: sometimes try a day before the previous determination first.
        if (previous && chance(0.08)) {
          const prev = previous;
          const early = not28(addDays(prev, -int(1, 120)));
          at(D, P.schedule - 0.5, `schedule ${p.key} before previous ${early}`, async () => {
            const r = await call(admin, `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id } }`, { input: { partyId: p.id, determinationDate: early, scheduledFor: early } });
            tally('R-MATRIX-6 refusals');
            if (r.code !== 'BAD_USER_INPUT') note('R-MATRIX-6 refusals', `${p.key}: determination ${early} before the previous ${prev}: got ${r.code ?? 'accepted'} ${r.message ?? ''}`);
            if (!r.code) throw new Error('an assessment before the previous determination was accepted: the model cannot follow');
          });
        }
        at(D, P.schedule, `schedule ${p.key} ${D}`, async () => {
          holder.a = await scheduleAnnual(p, D, SF, outcome);
        });
        if (outcome !== 'CANCEL' && outcome !== 'NONE') at(F, P.complete, `complete ${p.key} ${F}`, async () => holder.a && complete(p, holder.a, F));
        if (['APPROVED', 'APPROVED_SUBJECT_TO', 'DEFERRED', 'REJECTED'].includes(outcome)) at(S, P.status, `status ${p.key} ${S} ${outcome}`, async () => holder.a && setStatus(p, holder.a, outcome, S));
        let after = outcome === 'NONE' ? SF : outcome === 'FIELDWORK' ? F : outcome === 'CANCEL' ? D : S;
        if ((outcome === 'DEFERRED' || outcome === 'REJECTED') && chance(0.7)) {
          const fu = addDays(S, int(5, 25));
          after = fu;
          at(fu, P.followUp, `follow-up ${p.key} ${fu}`, async () => holder.a && followUp(p, fu));
        }
        if ((outcome === 'REJECTED' && chance(0.5)) || (outcome === 'APPROVED' && chance(0.03))) {
          const dir = addDays(after, int(5, 30));
          after = addDays(dir, 25);
          at(dir, P.directed, `directed FULL ${p.key} ${dir}`, async () => holder.a && directFull(p, dir));
        }
        if (outcome !== 'CANCEL') previous = D;
        // R-SRP-5: a provider's second annual assessment in the same calendar year (designated all year, SECMP0044).
        if (providerish && designation! <= `${D.slice(0, 4)}-01-01` && D >= IMPLEMENTATION && outcome !== 'CANCEL' && chance(0.3)) {
          const again = not28(addDays(after, int(3, 30)));
          if (again.slice(0, 4) === D.slice(0, 4) && again <= limit) {
            after = again;
            at(again, P.schedule, `schedule ${p.key} again ${again}`, async () => {
              if (holder.a) await scheduleAnnual(p, again, again, 'APPROVED', true);
            });
          }
        }
        cursor = not28(addDays(after, int(40, 220)));
        if (providerish && outcome !== 'CANCEL' && cursor.slice(0, 4) === D.slice(0, 4)) cursor = not28(between(`${yearOf(D) + 1}-01-10`, `${yearOf(D) + 1}-05-31`));
        if (crossYear) cursor = maxDay(cursor, not28(between(`${yearOf(D) + 1}-03-01`, `${yearOf(D) + 1}-06-30`)));
      }
    }
    // Mid-timeline probes: a party's nextAssessment on some day after its latest assessment event.
    for (let i = 0; i < 60; i++) {
      const p = pick(model.parties);
      const day = not28(eventDay('2014-01-01', '2024-12-20'));
      at(day, P.probe, `probe ${p.key} ${day}`, async () => {
        if (p.lastAssessmentDay >= day) return;
        await probe(p, day, 'nextAssessment mid-timeline');
      });
    }

    // Run everything in date order.
    actions.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.prio - b.prio || a.seq - b.seq));
    for (const action of actions) {
      try {
        await action.run();
      } catch (error) {
        note('unexpected errors', `${action.day} ${action.label}: ${(error as Error).message}`);
      }
    }
  }


  /** scheduleAssessment on `day` against the model: refusals (E13, R-SRP-5), type, requirement, calendar year, charge. */
  async function scheduleAnnual(p: MParty, day: string, scheduledFor: string, outcome: Outcome, again = false): Promise<MAssessment | undefined> {
    const expected = model.requirement(p, day);
    const rs = ruleSetAt(day);
    const thisYear = (a: MAssessment) => a.annual && !a.cancelled && (a.calendarYear === yearOf(scheduledFor) || yearOf(a.day) === yearOf(day));
    const srpRefusal = rs === 'SECMP0044' && model.designated(p, day) && p.assessments.some(thisYear);
    // The party's own answer for the day, first (it must be the same as what gets booked).
    const mine = p.lastAssessmentDay < day ? await probe(p, day, 'nextAssessment before scheduling') : await nextAt(p, day);
    const r = await call(admin, `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { ${ASSESSMENT} } }`, { input: { partyId: p.id, determinationDate: day, scheduledFor } });
    const label = `${p.key} determined ${day} for ${scheduledFor}`;
    tally('scheduleAssessment');
    if (!expected || srpRefusal) {
      const want = !expected ? 'an error (no assessment needed)' : 'SRP_ALREADY_ASSESSED_THIS_YEAR';
      if (!r.code) note('scheduleAssessment', `${label}: accepted (${r.data.scheduleAssessment.type}), expected ${want}${again ? ' (second in the year)' : ''}`);
      else if (expected && r.code !== 'SRP_ALREADY_ASSESSED_THIS_YEAR') note('scheduleAssessment', `${label}: ${r.code}: ${r.message}; expected ${want}`);
      if (!r.code) return track(p, r.data.scheduleAssessment, day, scheduledFor, true);
      const feature = !expected ? 'nothing to schedule refused (R-PARTY-1, R-SRP-2)' : 'second annual of a provider in a year refused (R-SRP-5)';
      coverage[feature] = (coverage[feature] ?? 0) + 1;
      return undefined;
    }
    if (r.code) {
      note('scheduleAssessment', `${label}: refused ${r.code}: ${r.message}; model: ${brief(expected)}${again ? ' (a second one in the year for a party that is not a provider then)' : ''}`);
      return undefined;
    }
    const a = r.data.scheduleAssessment;
    const extra: string[] = [];
    if (a.type !== a.requirement.type) extra.push(`type ${a.type} != requirement.type ${a.requirement.type}`);
    if (JSON.stringify(core(a.requirement)) !== JSON.stringify(core(mine))) extra.push(`requirement differs from nextAssessment(${day}): ${show(mine)}`);
    if (a.state !== 'SCHEDULED' || a.directedBySsc !== false || a.scheduledFor !== scheduledFor) extra.push(`state ${a.state} directedBySsc ${a.directedBySsc} scheduledFor ${a.scheduledFor}`);
    judge('scheduleAssessment', label, a.requirement, (v) => model.requirement(p, day, rs, v), extra);
    // Calendar year: the determination's or the scheduled day's (READINGS.calendarYear).
    const crossing = yearOf(day) !== yearOf(scheduledFor);
    if (crossing) observed.calendarYear.crossYear++;
    if (a.calendarYear === yearOf(scheduledFor) && crossing) observed.calendarYear.scheduledFor++;
    else if (a.calendarYear === yearOf(day) && crossing) observed.calendarYear.determination++;
    else if (a.calendarYear !== yearOf(day)) {
      observed.calendarYear.neither++;
      note('calendarYear', `${label}: calendarYear ${a.calendarYear}`);
    }
    charge(label, a.type, a.charge);
    const booked = a.scheduledOn === day ? 'the determination day' : a.scheduledOn === TODAY ? 'today' : 'another day';
    observed.scheduledOn[booked] = (observed.scheduledOn[booked] ?? 0) + 1;
    const tracked = track(p, a, day, scheduledFor, true);
    if (outcome === 'CANCEL') {
      const c = await call(admin, `mutation($id: ID!, $r: String!) { cancelAssessment(assessmentId: $id, reason: $r) { id state } }`, { id: a.id, r: `differential probe ${SEED}: booked in error` });
      tally('R-STATUS-2 cancel');
      if (c.code || c.data.cancelAssessment.state !== 'CANCELLED') note('R-STATUS-2 cancel', `${label}: cancelAssessment: ${c.code ?? c.data.cancelAssessment.state} ${c.message ?? ''}`);
      else {
        tracked.cancelled = true;
        tracked.state = 'CANCELLED';
      }
    }
    return tracked;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  function track(p: MParty, a: any, day: string, scheduledFor: string, annual: boolean, kind: 'annual' | 'directed' | 'followUp' = 'annual'): MAssessment {
    const m: MAssessment = {
      id: a.id,
      type: a.type,
      annual: annual && kind === 'annual',
      directed: kind === 'directed',
      followUp: kind === 'followUp',
      day,
      scheduledFor,
      calendarYear: a.calendarYear,
      covered: [...(a.requirement?.coveredCategories ?? [])],
      cancelled: false,
      state: a.state,
    };
    p.assessments.push(m);
    p.lastAssessmentDay = maxDay(p.lastAssessmentDay, day, scheduledFor);
    return m;
  }

  async function complete(p: MParty, a: MAssessment, on: string): Promise<void> {
    if (a.cancelled) return;
    const r = await call(cio, `mutation($id: ID!, $on: Date!) { completeFieldwork(assessmentId: $id, completedOn: $on) { id state fieldworkCompletedOn } }`, { id: a.id, on });
    tally('completeFieldwork');
    if (r.code || r.data.completeFieldwork.state !== 'COMPLETED' || r.data.completeFieldwork.fieldworkCompletedOn !== on)
      note('completeFieldwork', `${p.key} ${a.id} on ${on}: ${r.code ?? JSON.stringify(r.data.completeFieldwork)} ${r.message ?? ''}`);
    else a.state = 'COMPLETED';
    p.lastAssessmentDay = maxDay(p.lastAssessmentDay, on);
  }

  async function setStatus(p: MParty, a: MAssessment, status: string, on: string): Promise<void> {
    if (a.cancelled || a.state !== 'COMPLETED') return;
    const r = await call(ssc, `mutation($id: ID!, $s: AssuranceStatus!, $on: Date!, $c: String) { setAssuranceStatus(assessmentId: $id, status: $s, setOn: $on, conditions: $c) { id state assuranceStatus assuranceStatusSetOn nextDueBy } }`, {
      id: a.id,
      s: status,
      on,
      c: status === 'APPROVED_SUBJECT_TO' ? 'Close the findings of the report' : null,
    });
    tally('R-STATUS-1, R-SCHED-1 setAssuranceStatus');
    const want = { id: a.id, state: 'STATUS_SET', assuranceStatus: status, assuranceStatusSetOn: on, nextDueBy: addMonths(on, 12) };
    if (r.code || JSON.stringify(r.data.setAssuranceStatus) !== JSON.stringify(want))
      note('R-STATUS-1, R-SCHED-1 setAssuranceStatus', `${p.key} ${status} on ${on}: ${r.code ? `${r.code}: ${r.message}` : JSON.stringify(r.data.setAssuranceStatus)}; want ${JSON.stringify(want)}`);
    if (!r.code) {
      a.status = status;
      a.statusOn = on;
      a.state = 'STATUS_SET';
    }
    p.lastAssessmentDay = maxDay(p.lastAssessmentDay, on);
  }

  async function followUp(p: MParty, on: string): Promise<void> {
    const r = await call(ssc, `mutation($id: ID!, $r: String!, $d: Date!) { requestFollowUp(partyId: $id, reason: $r, scheduledFor: $d) { ${ASSESSMENT} } }`, { id: p.id, r: 'Deferred or rejected: retest', d: on });
    tally('R-STATUS-1 follow-up');
    if (r.code) {
      note('R-STATUS-1 follow-up', `${p.key} on ${on}: ${r.code}: ${r.message}`);
      return;
    }
    const a = r.data.requestFollowUp;
    if (a.type !== 'FOLLOW_UP' || a.requirement.type !== 'FOLLOW_UP' || a.directedBySsc || a.state !== 'SCHEDULED')
      note('R-STATUS-1 follow-up', `${p.key} on ${on}: ${JSON.stringify({ type: a.type, req: a.requirement.type, directed: a.directedBySsc, state: a.state })}`);
    charge(`${p.key} follow-up ${on}`, 'FOLLOW_UP', a.charge);
    track(p, a, on, on, false, 'followUp');
  }

  async function directFull(p: MParty, on: string): Promise<void> {
    const expected = model.requirement(p, on);
    const r = await call(ssc, `mutation($id: ID!, $r: String!, $d: Date!) { directFullAssessment(partyId: $id, reason: $r, scheduledFor: $d) { ${ASSESSMENT} } }`, {
      id: p.id,
      r: 'SSC direction after the review',
      d: on,
    });
    tally('R-STATUS-2 directed FULL');
    if (r.code) {
      if (expected) note('R-STATUS-2 directed FULL', `${p.key} on ${on}: ${r.code}: ${r.message}; model: ${brief(expected)}`);
      return;
    }
    const a = r.data.directFullAssessment;
    const covered = [...a.requirement.coveredCategories].sort().join(',');
    const wants = VARIANTS.map((v) => model.requirement(p, on, ruleSetAt(on), v)?.coveredCategories.join(',') ?? '(none)');
    const want = [...new Set(wants)].join(' or ');
    if (a.type !== 'FULL' || a.requirement.type !== 'FULL' || !a.directedBySsc || !wants.includes(covered))
      note('R-STATUS-2 directed FULL', `${p.key} on ${on}: type ${a.type}/${a.requirement.type} directedBySsc ${a.directedBySsc} covered [${covered}] (model [${want}])`);
    charge(`${p.key} directed ${on}`, 'FULL', a.charge);
    const m = track(p, a, on, on, false, 'directed');
    // The directed FULL is carried out and approved.
    await complete(p, m, addDays(on, 10));
    await setStatus(p, m, 'APPROVED', addDays(on, 20));
  }

  beforeAll(async () => {
    console.log(`contract-only-rules-differential: seed ${SEED} (replay with DIFF_SEED=${SEED})`);
    await requireKafka();
    startedAt = Date.now();
    // Topics of its own: assessmentLoad counts every party its assessment-scheduling has seen, and other systems on the
    // shared test broker would otherwise add theirs.
    system = await startSystem({ ownTopics: true });
    registryTopic = await recordTopic(system.topic('sec.party-registry.v1'), `diff-${run}`);
    [admin, ssc, cio] = await Promise.all([system.token('SECAS_ADMIN'), system.token('SSC_MEMBER'), system.token('USER_CIO')]);
    const LOAD = `query($y: Int!, $rs: RuleSet!) { assessmentLoad(year: $y, ruleSet: $rs) { year ruleSet total userAssessments providerAssessments byType { type count } } }`;
    const baseline: Record<string, LoadRow> = {};
    for (const y of LOAD_YEARS) for (const rs of ['LEGACY', 'SECMP0044'] as const) baseline[`${y} ${rs}`] = (await must('assessmentLoad', admin, LOAD, { y, rs })).assessmentLoad;

    const started = Date.now();
    await build(plans());
    console.log(`built ${model.parties.length} parties, ${model.resources.length} resources, ${model.engagements.length} engagements, ${model.parties.reduce((n, p) => n + p.assessments.length, 0)} assessments in ${Math.round((Date.now() - started) / 1000)} s`);

    // Final probes: each party on days after everything about its assessments happened, LEGACY days included.
    for (const p of model.parties) {
      const from = addDays(maxDay(p.lastAssessmentDay, '2014-01-01'), 1);
      const days = new Set<string>();
      for (let i = 0; i < 3; i++) days.add(not28(between(from, addDays(TODAY, -1))));
      if (from <= '2017-12-01') days.add(not28(between(maxDay(from, '2017-01-01'), '2017-12-27')));
      for (const day of [...days].sort()) await probe(p, day, 'nextAssessment after the history');
      // R-PREM-1, R-PREM-2: the count on record for a day.
      const checkDays = new Set<string>([TODAY, ...p.counts.flatMap((c) => [c.from, addDays(c.from, -1)])]);
      for (const day of checkDays) {
        const want = model.premisesAt(p, day);
        if (want === undefined) continue;
        const got = (await must('domesticPremises', admin, `query($id: ID!, $a: Date) { party(id: $id) { domesticPremises(asOf: $a) isSharedResourceProvider } }`, { id: p.id, a: day })).party;
        tally('R-PREM-2 domesticPremises');
        if (got.domesticPremises !== want) note('R-PREM-2 domesticPremises', `${p.key} asOf ${day}: ${got.domesticPremises} != ${want} (history ${JSON.stringify(p.counts)})`);
        tally('R-SRP-2 isSharedResourceProvider');
        if (got.isSharedResourceProvider !== model.designated(p, TODAY)) note('R-SRP-2 isSharedResourceProvider', `${p.key}: ${got.isSharedResourceProvider} != ${model.designated(p, TODAY)}`);
      }
      // The party's assessments as recorded.
      const list = (await must('assessments', admin, `query($id: ID!) { party(id: $id) { assessments { id type state calendarYear assuranceStatus nextDueBy directedBySsc } } }`, { id: p.id })).party.assessments as Array<
        Record<string, unknown>
      >;
      tally('party.assessments');
      const got = list.map((a) => `${a.id}:${a.type}:${a.state}:${a.assuranceStatus ?? '-'}:${a.nextDueBy ?? '-'}:${a.directedBySsc}`).sort();
      const want = p.assessments.map((a) => `${a.id}:${a.type}:${a.state}:${a.status ?? '-'}:${a.statusOn ? addMonths(a.statusOn, 12) : '-'}:${a.directed}`).sort();
      if (JSON.stringify(got) !== JSON.stringify(want)) note('party.assessments', `${p.key}:\n      got  ${got.join(' ')}\n      want ${want.join(' ')}`);
    }

    // Observations where the text leaves room (logged, not asserted; see READINGS in the report).
    // (1) Is a user still "current" on its engagement's end date? (R-SRP-7 says only that it "ends using a provider" on it.)
    const endDay: Record<string, number> = {};
    for (const e of model.engagements.filter((x) => x.end && x.end >= IMPLEMENTATION && x.resource.provider.roles.length === 0)) {
      const prov = e.resource.provider;
      const r = await nextAt(prov, e.end!);
      const without = model.sumOf(model.currentUsers(prov, e.end!), e.end!);
      const withUser = model.sumOf([...new Set([...model.currentUsers(prov, e.end!), e.user])], e.end!);
      if (!r || !without.known || !withUser.known || without.sum === withUser.sum) continue;
      const seen = r.premisesUsed === withUser.sum ? 'user still counted on its end date' : r.premisesUsed === without.sum ? 'user no longer counted on its end date' : `neither (${r.premisesUsed})`;
      endDay[seen] = (endDay[seen] ?? 0) + 1;
    }
    // (2) nextAssessment(asOf) on a day between two annual assessments: does it count the later one?
    const asKnown: Record<string, number> = {};
    for (const p of model.parties) {
      const annual = p.assessments.filter((a) => a.annual && !a.cancelled).sort((a, b) => (a.day < b.day ? -1 : 1));
      for (let k = 1; k + 1 < annual.length && k < 4; k++) {
        const settled = maxDay(...p.assessments.filter((a) => a.day <= annual[k]!.day).map((a) => maxDay(a.statusOn ?? a.day, a.scheduledFor)));
        const day = not28(addDays(settled, 3));
        if (day >= annual[k + 1]!.day) continue;
        const r = await nextAt(p, day);
        const want = model.requirement(p, day, ruleSetAt(day), VARIANTS[3]!);
        const seen = want && r && r.cyclePosition === want.options.find((o) => o.cat === r.category)?.pos ? 'history up to asOf' : 'other (later assessments counted?)';
        asKnown[seen] = (asKnown[seen] ?? 0) + 1;
      }
    }
    console.log(`observations: engagement end date ${JSON.stringify(endDay)}; nextAssessment between assessments ${JSON.stringify(asKnown)}; scheduledOn of history entered ${JSON.stringify(observed.scheduledOn)}`);
    // R-MATRIX-6: a determination date in the future is refused, for any party.
    const tomorrow = addDays(TODAY, 1);
    for (const p of model.parties.filter((x) => x.roles.length > 0).slice(0, 5)) {
      const r = await call(admin, `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id } }`, { input: { partyId: p.id, determinationDate: tomorrow, scheduledFor: tomorrow } });
      tally('R-MATRIX-6 refusals');
      if (r.code !== 'BAD_USER_INPUT') note('R-MATRIX-6 refusals', `${p.key}: determination ${tomorrow} (tomorrow): ${r.code ?? 'accepted'} ${r.message ?? ''}`);
    }

    // Other systems' registry events on the shared test broker during this run (their parties enter this system's
    // population: their first assessment, FULL, would be counted). Then only FULL may exceed the model, by them.
    const mine = new Set<string>([...model.parties.map((p) => p.id), ...model.resources.map((r) => r.id), ...model.engagements.map((e) => e.id)]);
    const foreign = (registryTopic?.messages ?? []).filter((m) => Date.parse(m.event.occurredAt) >= startedAt - 60_000 && !mine.has(m.event.subject));
    foreignParties = foreign.filter((m) => m.event.type === 'PartyRegistered').length;
    foreignEvents = foreign.length;
    const foreignTypes: Record<string, number> = {};
    for (const m of foreign) foreignTypes[m.event.type] = (foreignTypes[m.event.type] ?? 0) + 1;
    const ownEvents = (registryTopic?.messages ?? []).filter((m) => mine.has(m.event.subject)).length;
    console.log(`registry topic during the run: ${ownEvents} events about this run's parties, foreign ${JSON.stringify(foreignTypes)}`);
    // R-IMPACT-1.
    for (const y of LOAD_YEARS) {
      for (const rs of ['LEGACY', 'SECMP0044'] as const) {
        const after = (await must('assessmentLoad', admin, LOAD, { y, rs })).assessmentLoad as LoadRow;
        const before = baseline[`${y} ${rs}`]!;
        const sys = {
          total: after.total - before.total,
          userAssessments: after.userAssessments - before.userAssessments,
          providerAssessments: after.providerAssessments - before.providerAssessments,
          byType: Object.fromEntries(['FULL', 'VERIFICATION', 'SELF', 'FOLLOW_UP'].map((t) => [t, countOf(after, t) - countOf(before, t)])),
        };
        tally('R-IMPACT-1 assessmentLoad');
        const echo: string[] = [];
        if (after.year !== y || after.ruleSet !== rs) echo.push(`echo ${after.year} ${after.ruleSet}`);
        if (after.total !== after.userAssessments + after.providerAssessments) echo.push('total != userAssessments + providerAssessments');
        const verdicts = VARIANTS.map((v) => {
          const mod = loadModel(y, rs, v);
          const problems: string[] = [...echo];
          if (foreignEvents === 0) {
            if (sys.total !== mod.total) problems.push(`total ${sys.total} != ${mod.total}`);
            if (JSON.stringify(sys.byType) !== JSON.stringify(mod.byType)) problems.push(`byType ${JSON.stringify(sys.byType)} != ${JSON.stringify(mod.byType)}`);
            if (sys.userAssessments < mod.userMin || sys.userAssessments > mod.userMax) problems.push(`userAssessments ${sys.userAssessments} not in [${mod.userMin}, ${mod.userMax}]`);
          } else {
            // Foreign parties (no assessment here) add FULLs only.
            const extra = sys.total - mod.total;
            if (extra < 0 || sys.byType.FULL! - mod.byType.FULL! !== extra) problems.push(`byType ${JSON.stringify(sys.byType)} vs ${JSON.stringify(mod.byType)}: only FULL may exceed (${foreignParties} foreign parties)`);
            for (const t of ['VERIFICATION', 'SELF', 'FOLLOW_UP']) if (sys.byType[t] !== mod.byType[t]) problems.push(`${t} ${sys.byType[t]} != ${mod.byType[t]}`);
            if (sys.userAssessments < mod.userMin) problems.push(`userAssessments ${sys.userAssessments} < ${mod.userMin}`);
          }
          return { v, mod, problems };
        });
        loads[`${y} ${rs}`] = { system: sys, model: verdicts.map((x) => ({ reading: x.v.name, total: x.mod.total, byType: x.mod.byType, users: [x.mod.userMin, x.mod.userMax] })) };
        const fits = verdicts.filter((x) => x.problems.length === 0).map((x) => x.v.name);
        if (fits.length > 0 && fits.length < VARIANTS.length) readingsSeen.push({ label: `assessmentLoad ${y} ${rs}`, matches: fits });
        const problems = fits.length ? [] : verdicts[0]!.problems;
        const mod = verdicts[0]!.mod;
        if (problems.length) note('R-IMPACT-1 assessmentLoad', `${y} ${rs}: ${problems.join('; ')}\n      per party (model): ${mod.detail.join(' ')}`);
      }
    }
    // R-IMPACT-1 against the system's own determinations: in a year where SECMP0044 is in force and nothing happens, the
    // load under SECMP0044 counts each party's next annual assessment once (R-MATRIX-4, R-SRP-6: one per party).
    for (const y of LOAD_YEARS.filter((x) => ruleSetAt(`${x}-07-01`) === 'SECMP0044')) {
      const after = (await must('assessmentLoad', admin, LOAD, { y, rs: 'SECMP0044' })).assessmentLoad as LoadRow;
      const before = baseline[`${y} SECMP0044`]!;
      const own: Record<string, number> = { FULL: 0, VERIFICATION: 0, SELF: 0, FOLLOW_UP: 0 };
      for (const p of model.parties) {
        const r = await nextAt(p, `${y}-07-01`);
        if (r) own[r.type]!++;
      }
      const sys = Object.fromEntries(Object.keys(own).map((t) => [t, countOf(after, t) - countOf(before, t)]));
      if (foreignEvents > 0) sys.FULL = Math.min(sys.FULL!, own.FULL!); // foreign parties add FULLs only: compared by type below
      tally('R-IMPACT-1 assessmentLoad vs nextAssessment');
      if (JSON.stringify(sys) !== JSON.stringify(own) || countOf(after, 'FULL') - countOf(before, 'FULL') < own.FULL!)
        note('R-IMPACT-1 assessmentLoad vs nextAssessment', `${y} SECMP0044: assessmentLoad byType ${JSON.stringify(sys)} (total ${after.total - before.total}) != the parties' own nextAssessment(${y}-07-01) ${JSON.stringify(own)}`);
    }
    // READINGS: one reading must explain every answer that only some readings explain.
    const consistent = VARIANTS.map((v) => v.name).filter((name) => readingsSeen.every((r) => r.matches.includes(name)));
    if (!consistent.length) {
      const byReading = VARIANTS.map((v) => `${v.name}: ${readingsSeen.filter((r) => r.matches.includes(v.name)).length}/${readingsSeen.length}`);
      note('readings', `no single reading explains every answer (${byReading.join('; ')}):\n  ${readingsSeen.map((r) => `${r.label} -> ${r.matches.join(' | ')}`).join('\n  ')}`);
    }
    console.log(
      `seed ${SEED}: foreign registry events on the shared broker during the run: ${foreignEvents} (${foreignParties} parties)${foreignEvents ? ': assessmentLoad compared by V/SELF exactly and FULL as a lower bound' : ''}\n` +
      `seed ${SEED}: readings followed ${consistent.join(' | ') || 'none'} (${readingsSeen.length} answers decided by a reading); same-day counts ${JSON.stringify(observed.sameDayCount)}\n` +
      `seed ${SEED}: coverage ${JSON.stringify(Object.fromEntries(Object.entries(coverage).sort()))}\n` +
      `seed ${SEED}: checks ${JSON.stringify(counted)}\ncalendarYear ${JSON.stringify(observed.calendarYear)}\ncharges ${JSON.stringify(Object.fromEntries(Object.entries(observed.charges).map(([t, l]) => [t, [...new Set(l)]])))}\nloads ${JSON.stringify(loads)}\n` +
        Object.entries(found)
          .map(([check, list]) => `--- ${check}: ${list.length}\n  ${list.slice(0, 25).join('\n  ')}`)
          .join('\n'),
    );
  }, LONG);
  afterAll(async () => {
    await registryTopic?.stop();
    await system?.stop();
  });

  interface LoadRow {
    year: number;
    ruleSet: string;
    total: number;
    userAssessments: number;
    providerAssessments: number;
    byType: Array<{ type: string; count: number }>;
  }
  const countOf = (l: LoadRow, t: string) => l.byType.find((r) => r.type === t)?.count ?? 0;

  /** R-IMPACT-1 by the model: each party's requirement in the (quiet) year; LEGACY adds one provider FULL per user served. */
  function loadModel(year: number, rs: RuleSet, v: Variant) {
    const byType: Record<string, number> = { FULL: 0, VERIFICATION: 0, SELF: 0, FOLLOW_UP: 0 };
    let users = 0;
    let providers = 0;
    let hybrids = 0;
    const detail: string[] = [];
    const days = [`${year}-01-02`, `${year}-07-01`, `${year}-12-27`];
    for (const p of model.parties) {
      const answers = days.map((d) => brief(model.requirement(p, d, rs, v)));
      if (new Set(answers).size > 1) note('probe self-check', `load ${year} ${rs}: ${p.key} changes within the year: ${answers.join(' / ')}`);
      const req = model.requirement(p, `${year}-07-01`, rs, v);
      if (req) {
        byType[req.type]!++;
        const userCats = req.coveredCategories.some((c) => c !== SRP);
        const provCat = req.coveredCategories.includes(SRP);
        if (userCats && provCat) hybrids++;
        else if (userCats) users++;
        else providers++;
        detail.push(`${p.key.split(' ')[0]}=${req.type[0]}`);
      }
      if (rs === 'LEGACY' && model.designated(p, `${year}-07-01`)) {
        const served = model.currentUsers(p, `${year}-07-01`).length;
        providers += served;
        byType.FULL! += served;
        if (served) detail.push(`${p.key.split(' ')[0]}=${served}xF(served)`);
      }
    }
    return { total: users + providers + hybrids, userMin: users, userMax: users + hybrids, byType, detail };
  }

  // ---- the checks ---------------------------------------------------------------------------------------------------
  const none = (check: string) => () => {
    expect({ check, seed: SEED, disagreements: found[check] ?? [] }).toEqual({ check, seed: SEED, disagreements: [] });
  };

  it('the probe ran: every step of the population went through and the model never contradicted itself', () => {
    expect(counted['scheduleAssessment'] ?? 0).toBeGreaterThan(100);
    expect(counted['nextAssessment after the history'] ?? 0).toBeGreaterThan(100);
    // The default population exercises each of these (another seed may not: logged only).
    if (SEED === DEFAULT_SEED) for (const feature of ['LEGACY "as though a Large Supplier" (R-SET-2)', 'LEGACY aggregate <= 250,000 (R-SET-2)', 'missing count (R-PREM-2)', 'several categories (R-MATRIX-4)', 'null (R-PARTY-1, R-SRP-2)', 'SECMP0044 SHARED_RESOURCE_PROVIDER y2 VERIFICATION', 'SECMP0044 SHARED_RESOURCE_PROVIDER y1 FULL', 'nothing to schedule refused (R-PARTY-1, R-SRP-2)', 'second annual of a provider in a year refused (R-SRP-5)'])
      expect({ feature, seen: (coverage[feature] ?? 0) > 0 }).toEqual({ feature, seen: true });
    none('unexpected errors')();
    none('probe self-check')();
  });
  it('R-PREM-1, R-PREM-2: recorded counts (corrections and back-dated ones included) are kept and domesticPremises(asOf) is the latest effective on or before asOf', () => {
    none('R-PREM-1 record')();
    none('R-PREM-2 domesticPremises')();
  });
  it('R-SRP-2, R-SRP-7: designation and engagement ends as recorded', () => {
    none('R-SRP-2 isSharedResourceProvider')();
    none('R-SRP-7 end')();
  });
  it('R-MATRIX-1..5, R-PREM-2/3, R-SET-1..3, R-SRP-2/5, R-STATUS-2: party.nextAssessment on the day of each booking agrees with the model', none('nextAssessment before scheduling'));
  it('... and on random days mid-history', none('nextAssessment mid-timeline'));
  it('... and on days after the whole history (LEGACY days included)', none('nextAssessment after the history'));
  it('scheduleAssessment books what the model requires (type, requirement, refusals of E13 and R-SRP-5) and what nextAssessment said', none('scheduleAssessment'));
  it('R-SRP-5: calendarYear is the year of the determination or of the scheduled day, the same reading every time', () => {
    none('calendarYear')();
    expect(observed.calendarYear.determination === 0 || observed.calendarYear.scheduledFor === 0).toBe(true);
  });
  it('R-MATRIX-6: a determination before the previous one, or in the future, is BAD_USER_INPUT', none('R-MATRIX-6 refusals'));
  it('R-STATUS-1, R-SCHED-1: every status sets nextDueBy 12 months on; fieldwork recorded', () => {
    none('R-STATUS-1, R-SCHED-1 setAssuranceStatus')();
    none('completeFieldwork')();
  });
  it('R-TYPE-1, R-STATUS-1, R-STATUS-2: follow-ups, directed FULLs (covering every current category) and cancellations', () => {
    none('R-STATUS-1 follow-up')();
    none('R-STATUS-2 directed FULL')();
    none('R-STATUS-2 cancel')();
    none('party.assessments')();
  });
  it('R-SRP-9: one charge per type, the same for every party', () => {
    none('R-SRP-9 charge')();
    for (const [type, list] of Object.entries(observed.charges)) expect({ type, distinct: [...new Set(list)].length }).toEqual({ type, distinct: 1 });
  });
  it('requiredAssessment (what-if) agrees with the model under both rule sets', none('what-if vs model'));
  it('requiredAssessment with the equivalent input gives the party\'s own nextAssessment', none('what-if vs party'));
  it('R-IMPACT-1: assessmentLoad of quiet years (2017, 2025) under both rule sets agrees with the model', none('R-IMPACT-1 assessmentLoad'));
  it('R-SRP-2: a provider category with no current user never makes a party\'s assessment more demanding than its User categories need', none('R-SRP-2 idle provider'));

  it('R-SRP-2, R-SRP-5 (minimal case): an OTHER_USER with 300,000 premises and a WHOLE_USER_SYSTEM resource nobody uses: after its User Entry FULL the next annual assessment is SELF, not a provider FULL', async () => {
    const REG = `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }`;
    const id = (await must('registerParty', admin, REG, { input: { name: `DIFF idle provider ${run}`, userRoles: ['OTHER_USER'], domesticPremises: 300_000, premisesEffectiveFrom: '2019-01-01' } })).registerParty.id as string;
    await must('registerSharedResource', admin, `mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }`, {
      input: { name: `DIFF idle hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: id, availableFrom: '2020-01-01' },
    });
    const entry = (await must('schedule', admin, `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { ${ASSESSMENT} } }`, { input: { partyId: id, determinationDate: '2021-03-01', scheduledFor: '2021-03-01' } }))
      .scheduleAssessment;
    // R-MATRIX-1, R-SRP-2: the User Entry FULL covers both categories, provider included although it serves nobody yet.
    expect({ type: entry.type, covered: [...entry.requirement.coveredCategories].sort() }).toEqual({ type: 'FULL', covered: ['OTHER_USER', 'SHARED_RESOURCE_PROVIDER'] });
    await must('complete', cio, `mutation($id: ID!) { completeFieldwork(assessmentId: $id, completedOn: "2021-03-10") { id } }`, { id: entry.id });
    await must('status', ssc, `mutation($id: ID!) { setAssuranceStatus(assessmentId: $id, status: APPROVED, setOn: "2021-03-20") { id } }`, { id: entry.id });
    const mine = (await nextAt({ id } as MParty, '2022-03-01'))!;
    // OTHER_USER year 2: SELF (R-MATRIX-2); the provider, serving nobody, "is not otherwise due an annual assessment".
    expect({ type: mine.type, category: mine.category, cyclePosition: mine.cyclePosition }).toEqual({ type: 'SELF', category: 'OTHER_USER', cyclePosition: 2 });
  });
  it('R-IMPACT-1: assessmentLoad under SECMP0044 counts exactly the parties\' own next assessments', none('R-IMPACT-1 assessmentLoad vs nextAssessment'));
  it('where the text leaves room, the system follows one reading consistently (see READINGS / Variant)', none('readings'));
});




