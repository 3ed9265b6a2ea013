import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildClientSchema, buildSchema, findBreakingChanges, getIntrospectionQuery, parse, validate, type IntrospectionQuery } from 'graphql';
import { SignJWT, exportJWK } from 'jose';
import { LOCAL_DEV_JWT_SECRET } from '@sec-assure/auth';
import { londonDayOf } from '@sec-assure/rules';
import type { RunningGateway } from '../../../apps/gateway/src/server';
import { startSystem, type GraphQLResult, type RunningSystem } from './system';
import { recordTopic, type TopicRecording } from './topic-recorder';
import { addDays } from './calendar';

// Coverage gaps of the contract text itself, as an outside client with only ../shared/contract (README.md §1-§3,
// contract.graphql and its comments, operations/*.graphql) and ../shared/domain/RULES.md meets them through the
// gateway. Each test is about a statement no other spec of tools/e2e asserts, or asserts only on its happy path:
//   - §1 compatibility of the SERVED schema (not the committed file) with contract.graphql, and the operations;
//   - optional inputs given as an explicit null versus left out, against their documented defaults;
//   - AssessmentRequirement.cyclePosition "1, 2 or 3", ruleIds "ids from RULES.md", explanation "one or two sentences";
//   - RegisterSharedResourceInput.providerPartyId "NOT_FOUND otherwise" for the PART_OF_USER_SYSTEM scope too;
//   - §2 "Production may configure an RS256 JWKS URL instead" (a second gateway on a local JWKS).

const TODAY = londonDayOf(new Date());
const YESTERDAY = addDays(TODAY, -1);
const CONTRACT_DIR = path.resolve(__dirname, '../../../../shared/contract');
const RULES_FILE = path.resolve(__dirname, '../../../../shared/domain/RULES.md');
const INT_MAX = 2 ** 31 - 1;

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const REQ_FIELDS = 'type ruleSet category coveredCategories cyclePosition premisesUsed premisesKnown ruleIds explanation';
const REQUIRED = `query RequiredAssessment($input: RequirementInput!) { requiredAssessment(input: $input) { ${REQ_FIELDS} } }`;
const REGISTER = `mutation RegisterParty($input: RegisterPartyInput!) { registerParty(input: $input) { id name userRoles domesticPremises } }`;
const RESOURCE = `mutation RegisterSharedResource($input: RegisterSharedResourceInput!) {
  registerSharedResource(input: $input) { id name scope availableFrom optInAsProvider provider { id isSharedResourceProvider } } }`;
const ENGAGE = `mutation EngageSharedResource($input: EngageSharedResourceInput!) {
  engageSharedResource(input: $input) { id startDate endDate userNotifiedSscOn providerNotifiedSscOn user { id } provider { id } } }`;
const SCHEDULE = `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id type requirement { ${REQ_FIELDS} } } }`;
const NEXT = `query($id: ID!, $asOf: Date) { party(id: $id) { id nextAssessment(asOf: $asOf) { ${REQ_FIELDS} } } }`;

const code = (r: GraphQLResult<unknown>): string | undefined => r.errors?.[0]?.extensions?.code as string | undefined;
const codes = (r: GraphQLResult<unknown>): string[] => (r.errors ?? []).map((e) => String(e.extensions?.code));

/** The rule ids RULES.md defines (each defined as **R-XXX-n** at the start of its item). */
const RULE_IDS = new Set([...readFileSync(RULES_FILE, 'utf8').matchAll(/\*\*(R-[A-Z]+-\d+)\b/g)].map((m) => m[1]!));

/**
 * Sentences of an explanation: a sentence ends with . ! or ? followed by blanks and a capital letter (or the end).
 * Dates (2018-08-22), counts (1,000) and rule ids (R-MATRIX-2) hold no such break.
 */
const sentences = (text: string): string[] =>
  text
    .trim()
    .split(/(?<=[.!?])\s+(?=[A-Z])/)
    .filter((s) => s.trim().length > 0);

describe('contract only: gaps in the contract text (contract README §1-§3, contract.graphql comments)', () => {
  let system: RunningSystem;
  let registry: TopicRecording;
  const run = randomBytes(3).toString('hex');
  const t: Record<string, string> = {};

  const gql = <T = Data>(token: string | null, query: string, variables: Record<string, unknown> = {}) => system.query<T>(token, query, variables);
  const ok = async (token: string, query: string, variables: Record<string, unknown> = {}): Promise<Data> => {
    const r = await gql<Data>(token, query, variables);
    if (r.errors?.length) throw new Error(`${query.replace(/\s+/g, ' ').slice(0, 80)} ${JSON.stringify(variables)}: ${r.errors.map((e) => `${e.extensions?.code} ${e.message}`).join('; ')}`);
    return r.data!;
  };
  const register = async (name: string, userRoles: string[], extra: Record<string, unknown> = {}): Promise<string> =>
    (await ok(t.admin!, REGISTER, { input: { name: `${name} ${run}`, userRoles, ...extra } })).registerParty.id;
  const resource = async (provider: string, name: string, extra: Record<string, unknown> = {}): Promise<Data> =>
    (await ok(t.admin!, RESOURCE, { input: { name: `${name} ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider, ...extra } })).registerSharedResource;
  const engage = async (user: string, sharedResourceId: string, startDate: string, extra: Record<string, unknown> = {}): Promise<Data> =>
    (await ok(t.admin!, ENGAGE, { input: { userPartyId: user, sharedResourceId, startDate, ...extra } })).engageSharedResource;
  const required = (input: Record<string, unknown>) => gql<Data>(t.admin!, REQUIRED, { input });
  /** A party registered now and its PartyRegistered seen on the topic: every change made before it is on the topic too, where it was published at all. */
  const marker = async (label: string): Promise<void> => {
    const id = await register(`Marker ${label}`, []);
    await registry.waitFor((ms) => ms.some((m) => m.event.type === 'PartyRegistered' && m.event.subject === id));
  };

  beforeAll(async () => {
    system = await startSystem({ ownTopics: true });
    registry = await recordTopic(system.topic('sec.party-registry.v1'), `gaps-contract-registry-${run}`);
    t.admin = await system.token('SECAS_ADMIN');
    t.ssc = await system.token('SSC_MEMBER');
  }, 180_000);

  afterAll(async () => {
    await registry?.stop();
    await system?.stop();
  });

  // ---------------------------------------------------------------------------------------------------------------
  it('contract README §1: the API schema the gateway SERVES (introspected with a token) has no breaking change against contract.graphql, and every operation of operations/*.graphql validates against it', async () => {
    const introspection = await gql<IntrospectionQuery>(t.admin!, getIntrospectionQuery());
    expect(introspection.errors ?? []).toEqual([]);
    const served = buildClientSchema(introspection.data as IntrospectionQuery);
    const contract = buildSchema(readFileSync(path.join(CONTRACT_DIR, 'contract.graphql'), 'utf8'));
    expect(findBreakingChanges(contract, served).map((c) => `${c.type}: ${c.description}`)).toEqual([]);
    const files = readdirSync(path.join(CONTRACT_DIR, 'operations')).filter((f) => f.endsWith('.graphql'));
    expect(files.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const file of files) {
      const errors = validate(served, parse(readFileSync(path.join(CONTRACT_DIR, 'operations', file), 'utf8')));
      for (const e of errors) problems.push(`${file}: ${e.message}`);
    }
    expect(problems).toEqual([]);
  });

  // ---------------------------------------------------------------------------------------------------------------
  it('contract.graphql RequirementInput: each optional field given as an explicit null answers exactly as when it is left out, which is its documented default (isSharedResourceProvider false, otherUsersSharedPremises 0, annualAssessmentsSinceLastFull "no assessment yet", ruleSet the one in force, determinationDate today)', async () => {
    const answer = async (input: Record<string, unknown>): Promise<Data> => {
      const r = await required(input);
      expect({ input, errors: r.errors ?? [] }).toEqual({ input, errors: [] });
      return r.data!.requiredAssessment;
    };
    const cases: Array<{ field: string; base: Record<string, unknown>; byDefault: unknown; other: unknown }> = [
      // R-SRP-5 / R-MATRIX-2: a provider aggregate over 250,000 would be FULL; an OTHER_USER alone is SELF in year 2.
      { field: 'isSharedResourceProvider', base: { userRoles: ['OTHER_USER'], domesticPremises: 300_000, annualAssessmentsSinceLastFull: 0, determinationDate: '2024-06-03' }, byDefault: false, other: true },
      // R-SET-2: under LEGACY the other users' premises join the band: 1,000 + 300,000 is FULL, 1,000 alone SELF (year 3).
      { field: 'otherUsersSharedPremises', base: { userRoles: ['OTHER_USER'], domesticPremises: 1_000, annualAssessmentsSinceLastFull: 1, determinationDate: '2018-08-21' }, byDefault: 0, other: 300_000 },
      // R-SET-1, R-SET-4: 2018-08-21 is LEGACY; SECMP0044 given explicitly bands on own premises only.
      { field: 'ruleSet', base: { userRoles: ['OTHER_USER'], domesticPremises: 1_000, otherUsersSharedPremises: 300_000, annualAssessmentsSinceLastFull: 1, determinationDate: '2018-08-21' }, byDefault: 'LEGACY', other: 'SECMP0044' },
      // The default day is today (Europe/London): SECMP0044, and the same explanation as today given explicitly.
      { field: 'determinationDate', base: { userRoles: ['OTHER_USER'], domesticPremises: 1_000, otherUsersSharedPremises: 300_000, annualAssessmentsSinceLastFull: 1 }, byDefault: TODAY, other: '2018-08-21' },
    ];
    for (const { field, base, byDefault, other } of cases) {
      const left = await answer(base);
      const nulled = await answer({ ...base, [field]: null });
      const given = await answer({ ...base, [field]: byDefault });
      const different = await answer({ ...base, [field]: other });
      expect({ field, nulled }).toEqual({ field, nulled: left });
      // Given explicitly, the reasons may say it was asked for (ruleIds, explanation): the determination itself is the same.
      const { explanation: _e1, ruleIds: _r1, ...givenCore } = given;
      const { explanation: _e2, ruleIds: _r2, ...leftCore } = left;
      expect({ field, given: givenCore }).toEqual({ field, given: leftCore });
      // The control: the field matters for this input, so the equalities above are about the default.
      expect({ field, differs: JSON.stringify(different) !== JSON.stringify(left) }).toEqual({ field, differs: true });
    }
    // annualAssessmentsSinceLastFull: "null: no assessment yet (User Entry => FULL); 0: the last one was FULL" (R-MATRIX-1, R-MATRIX-3).
    const supplier = { userRoles: ['GAS_SUPPLIER'], domesticPremises: 1_000, determinationDate: '2024-06-03' };
    const entry = await answer(supplier);
    expect(await answer({ ...supplier, annualAssessmentsSinceLastFull: null })).toEqual(entry);
    expect(entry).toMatchObject({ type: 'FULL', cyclePosition: 1 });
    expect(await answer({ ...supplier, annualAssessmentsSinceLastFull: 0 })).toMatchObject({ type: 'VERIFICATION', cyclePosition: 2 });
    // Every optional field null at once is the input with only the required fields.
    const all = { userRoles: ['ELECTRICITY_DISTRIBUTOR'], domesticPremises: 400_000 };
    expect(await answer({ ...all, isSharedResourceProvider: null, otherUsersSharedPremises: null, annualAssessmentsSinceLastFull: null, ruleSet: null, determinationDate: null })).toEqual(await answer(all));
  });

  // ---------------------------------------------------------------------------------------------------------------
  it('contract.graphql AssessmentRequirement.cyclePosition "1, 2 or 3" (R-MATRIX-3), R-MATRIX-1: whatever annualAssessmentsSinceLastFull (up to the largest Int), an answer is in position 1, 2 or 3, position 1 is FULL, and 0, 1, 2 give positions 2, 3, 1; a refusal is BAD_USER_INPUT', async () => {
    const problems: string[] = [];
    const roleSets: Array<[string[], boolean, number]> = [
      [['IMPORT_SUPPLIER'], false, 1_000],
      [['IMPORT_SUPPLIER'], false, 400_000],
      [['GAS_TRANSPORTER'], false, 400_000],
      [['OTHER_USER'], false, 10],
      [[], true, 100_000],
      [['GAS_SUPPLIER', 'ELECTRICITY_DISTRIBUTOR', 'OTHER_USER'], true, 260_000],
    ];
    const expected: Record<number, number> = { 0: 2, 1: 3, 2: 1 };
    for (const [userRoles, isSharedResourceProvider, domesticPremises] of roleSets) {
      for (const ruleSet of ['SECMP0044', 'LEGACY']) {
        if (ruleSet === 'LEGACY' && userRoles.length === 0) continue; // R-SET-2: a provider with no role has no assessment of its own under LEGACY
        for (const since of [0, 1, 2, 3, 4, 5, 6, 7, 30, 1_000, INT_MAX]) {
          const input = { userRoles, isSharedResourceProvider, domesticPremises, annualAssessmentsSinceLastFull: since, ruleSet, determinationDate: '2024-06-03' };
          const r = await required(input);
          const label = `${userRoles.join('+') || 'no role'}${isSharedResourceProvider ? ' (provider)' : ''} ${domesticPremises} ${ruleSet} since ${since}`;
          if (r.errors?.length) {
            if (since <= 2 || codes(r).some((c) => c !== 'BAD_USER_INPUT')) problems.push(`${label}: refused ${codes(r).join(',')} ${r.errors[0]!.message}`);
            continue;
          }
          const a = r.data!.requiredAssessment as Data;
          if (![1, 2, 3].includes(a.cyclePosition)) problems.push(`${label}: cyclePosition ${a.cyclePosition}`);
          if (a.cyclePosition === 1 && a.type !== 'FULL') problems.push(`${label}: position 1 is ${a.type}, not FULL (R-MATRIX-1)`);
          if (expected[since] !== undefined && a.cyclePosition !== expected[since]) problems.push(`${label}: cyclePosition ${a.cyclePosition}, expected ${expected[since]}`);
          if (!['FULL', 'VERIFICATION', 'SELF'].includes(a.type)) problems.push(`${label}: annual type ${a.type} (R-TYPE-1)`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  // ---------------------------------------------------------------------------------------------------------------
  it('contract.graphql AssessmentRequirement: ruleIds are ids that RULES.md defines (never an invented one, never empty) and the explanation is one or two sentences, for what-ifs of every category, band, year and rule set, for real determinations (aggregates, a missing count, a dual-role provider) and for the SSC\'s FOLLOW_UP and directed FULL (R-MATRIX-5, R-STATUS-1/2)', async () => {
    expect(RULE_IDS.size).toBeGreaterThan(30);
    const seen: Array<{ where: string; r: Data }> = [];
    // What-ifs: every category alone and together, both bands and the threshold, each year, both rule sets.
    const roleSets: Array<[string[], boolean]> = [
      [['IMPORT_SUPPLIER'], false],
      [['GAS_TRANSPORTER'], false],
      [['OTHER_USER'], false],
      [[], true],
      [['EXPORT_SUPPLIER', 'ELECTRICITY_DISTRIBUTOR'], false],
      [['GAS_SUPPLIER', 'GAS_TRANSPORTER', 'OTHER_USER'], true],
      [['OTHER_USER'], true],
    ];
    for (const [userRoles, isSharedResourceProvider] of roleSets) {
      for (const domesticPremises of [0, 250_000, 250_001]) {
        for (const since of [null, 0, 1, 2]) {
          for (const [ruleSet, determinationDate, others] of [['SECMP0044', '2024-06-03', 0], ['LEGACY', '2018-08-21', 0], ['LEGACY', '2017-03-01', 200_000], [null, '2018-08-22', 10]] as const) {
            const input = { userRoles, isSharedResourceProvider, domesticPremises, annualAssessmentsSinceLastFull: since, ruleSet, determinationDate, otherUsersSharedPremises: others };
            const r = await required(input);
            if (r.errors?.length) continue; // refusals are other specs' subject (e.g. a provider with no role under LEGACY)
            seen.push({ where: `what-if ${JSON.stringify(input)}`, r: r.data!.requiredAssessment });
          }
        }
      }
    }
    expect(seen.length).toBeGreaterThan(200);
    // Real determinations: a provider whose user has no count, a LEGACY user whose co-user has no count, a dual-role provider.
    const provider = await register('Rule ids provider', []);
    const hub = (await resource(provider, 'Rule ids hub', { availableFrom: '2016-01-04' })).id;
    const u1 = await register('Rule ids user one', ['GAS_SUPPLIER'], { domesticPremises: 200_000, premisesEffectiveFrom: '2016-01-04' });
    const u2 = await register('Rule ids user two', ['OTHER_USER']);
    const dual = await register('Rule ids dual', ['IMPORT_SUPPLIER', 'ELECTRICITY_DISTRIBUTOR'], { domesticPremises: 90_000, premisesEffectiveFrom: '2016-01-04' });
    const dualHub = (await resource(dual, 'Rule ids dual hub', { availableFrom: '2016-01-04' })).id;
    const u3 = await register('Rule ids user three', ['OTHER_USER'], { domesticPremises: 300_000, premisesEffectiveFrom: '2016-01-04' });
    await engage(u1, hub, '2016-02-01');
    await engage(u2, hub, '2016-02-01');
    await engage(u3, dualHub, '2016-02-01');
    await engage(u1, dualHub, '2016-02-01');
    for (const id of [provider, u1, u2, dual, u3]) {
      for (const asOf of ['2018-08-21', '2018-08-22', '2024-06-03', undefined]) {
        const n = (await ok(t.admin!, NEXT, { id, ...(asOf ? { asOf } : {}) })).party.nextAssessment as Data | null;
        if (n) seen.push({ where: `nextAssessment of ${id} asOf ${asOf ?? 'today'}`, r: n });
      }
    }
    for (const [id, days] of [[u1, ['2017-03-01', '2018-09-03', '2019-09-02']], [u2, ['2017-03-01', '2018-09-03']], [dual, ['2018-09-03', '2019-09-02']], [provider, ['2019-09-02']]] as const) {
      for (const day of days) {
        const s = await gql<Data>(t.admin!, SCHEDULE, { input: { partyId: id, determinationDate: day, scheduledFor: day } });
        if (s.errors?.length) throw new Error(`schedule ${id} ${day}: ${s.errors[0]!.message}`);
        seen.push({ where: `scheduleAssessment of ${id} on ${day}`, r: s.data!.scheduleAssessment.requirement });
      }
    }
    // The requirement of the SSC's own assessments (R-STATUS-1, R-STATUS-2): a FOLLOW_UP after DEFERRED, a directed FULL.
    const cio = await system.token('USER_CIO');
    const last = (await ok(t.admin!, `query($id: ID!) { party(id: $id) { assessments { id scheduledFor state } } }`, { id: u1 })).party.assessments as Data[];
    const latest = last.find((a) => a.scheduledFor === '2019-09-02')!;
    await ok(cio, `mutation($id: ID!) { completeFieldwork(assessmentId: $id, completedOn: "2019-10-01") { id } }`, { id: latest.id });
    await ok(t.ssc!, `mutation($id: ID!) { setAssuranceStatus(assessmentId: $id, status: DEFERRED, setOn: "2019-11-01") { id } }`, { id: latest.id });
    const followUp = await ok(t.ssc!, `mutation($p: ID!) { requestFollowUp(partyId: $p, reason: "gaps follow-up", scheduledFor: "2020-01-06") { id type requirement { ${REQ_FIELDS} } } }`, { p: u1 });
    seen.push({ where: 'requestFollowUp of user one', r: followUp.requestFollowUp.requirement });
    const directed = await ok(t.ssc!, `mutation($p: ID!) { directFullAssessment(partyId: $p, reason: "gaps directed", scheduledFor: "2020-02-03") { id type requirement { ${REQ_FIELDS} } } }`, { p: u1 });
    seen.push({ where: 'directFullAssessment of user one', r: directed.directFullAssessment.requirement });
    // The smallest case: a supplier registered now, a FULL directed for today.
    const fresh = await register('Rule ids directed', ['GAS_SUPPLIER'], { domesticPremises: 10, premisesEffectiveFrom: '2024-01-02' });
    const today = await ok(t.ssc!, `mutation($p: ID!, $d: Date!) { directFullAssessment(partyId: $p, reason: "grounds", scheduledFor: $d) { requirement { ${REQ_FIELDS} } } }`, { p: fresh, d: TODAY });
    seen.push({ where: 'directFullAssessment of a supplier registered now, for today', r: today.directFullAssessment.requirement });
    const problems: string[] = [];
    const tooLong: string[] = [];
    for (const { where, r } of seen) {
      if (![1, 2, 3].includes(r.cyclePosition)) problems.push(`${where}: cyclePosition ${r.cyclePosition} (contract: 1, 2 or 3)`);
      const unknown = (r.ruleIds as string[]).filter((id) => !RULE_IDS.has(id));
      if (r.ruleIds.length === 0) problems.push(`${where}: no ruleIds`);
      if (unknown.length > 0) problems.push(`${where}: ruleIds not in RULES.md: ${unknown.join(', ')}`);
      const n = sentences(r.explanation).length;
      if (n < 1 || n > 2) tooLong.push(`${where}: explanation of ${n} sentences: ${r.explanation}`);
    }
    expect(problems.slice(0, 20)).toEqual([]);
    // Found by this probe, fixed: the requirement of an SSC-directed FULL explained itself in three sentences, not "one or two".
    expect(tooLong.slice(0, 20)).toEqual([]);
  }, 180_000);

  // ---------------------------------------------------------------------------------------------------------------
  it('contract.graphql RegisterSharedResourceInput.providerPartyId "must be a registered party (R-SRP-3): NOT_FOUND otherwise": for PART_OF_USER_SYSTEM too, with optInAsProvider true, false, null or left out; nothing is registered or published (contract header, README §3)', async () => {
    const ghost = randomUUID();
    const problems: string[] = [];
    for (const scope of ['PART_OF_USER_SYSTEM', 'WHOLE_USER_SYSTEM']) {
      for (const opt of [undefined, null, false, true]) {
        const input: Record<string, unknown> = { name: `Ghost ${scope} ${String(opt)} ${run}`, scope, providerPartyId: ghost, availableFrom: '2024-01-02' };
        if (opt !== undefined) input.optInAsProvider = opt;
        const r = await gql<Data>(t.admin!, RESOURCE, { input });
        if (code(r) !== 'NOT_FOUND' || r.data?.registerSharedResource) problems.push(`${scope} optInAsProvider ${String(opt)}: ${JSON.stringify(r).slice(0, 300)}`);
        else if (!/provider|party/i.test(r.errors![0]!.message)) problems.push(`${scope} optInAsProvider ${String(opt)}: the message does not say what is missing: ${r.errors![0]!.message}`);
      }
    }
    expect(problems).toEqual([]);
    // Nothing recorded: the id is no party, and no event names it.
    expect((await ok(t.admin!, `query($id: ID!) { party(id: $id) { id } }`, { id: ghost })).party).toBeNull();
    await marker('ghost provider');
    expect(registry.messages.filter((m) => JSON.stringify(m.event).includes(ghost)).map((m) => m.event.type)).toEqual([]);
    expect(registry.messages.filter((m) => JSON.stringify(m.event.data).includes(`Ghost PART_OF_USER_SYSTEM`) && JSON.stringify(m.event.data).includes(run))).toEqual([]);
  });

  // ---------------------------------------------------------------------------------------------------------------
  it('contract.graphql RegisterSharedResourceInput: availableFrom given as null is its default, the day of registration (R-SRP-2: no engagement before it, BAD_USER_INPUT); optInAsProvider null on PART_OF_USER_SYSTEM is no opt-in (R-SRP-4), and on WHOLE_USER_SYSTEM the provider is an SRP whatever it says (R-SRP-3)', async () => {
    const partOnly = await register('Null opt-in part provider', []);
    const part = await resource(partOnly, 'Null part resource', { scope: 'PART_OF_USER_SYSTEM', optInAsProvider: null, availableFrom: null });
    expect(part).toMatchObject({ availableFrom: TODAY, optInAsProvider: false, provider: { id: partOnly, isSharedResourceProvider: false } });
    // Not a Shared Resource Provider: with no User Role it needs no assessment (R-PARTY-1, R-SRP-4).
    expect((await ok(t.admin!, NEXT, { id: partOnly })).party.nextAssessment).toBeNull();
    expect((await ok(t.admin!, `query($id: ID!) { party(id: $id) { isSharedResourceProvider sharedResourceProviderFrom } }`, { id: partOnly })).party).toEqual({
      isSharedResourceProvider: false,
      sharedResourceProviderFrom: null,
    });

    for (const opt of [null, false]) {
      const whole = await register(`Null whole provider ${String(opt)}`, []);
      const w = await resource(whole, `Null whole resource ${String(opt)}`, { optInAsProvider: opt, availableFrom: null });
      expect(w).toMatchObject({ availableFrom: TODAY, optInAsProvider: true, provider: { id: whole, isSharedResourceProvider: true } });
      expect((await ok(t.admin!, `query($id: ID!, $y: Date!) { party(id: $id) { sharedResourceProviderFrom yesterday: isSharedResourceProvider(asOf: $y) } }`, { id: whole, y: YESTERDAY })).party).toEqual({
        sharedResourceProviderFrom: TODAY,
        yesterday: false,
      });
      const user = await register(`Null whole user ${String(opt)}`, ['GAS_SUPPLIER'], { domesticPremises: 10, premisesEffectiveFrom: '2020-01-01' });
      const early = await gql<Data>(t.admin!, ENGAGE, { input: { userPartyId: user, sharedResourceId: w.id, startDate: YESTERDAY } });
      expect({ opt, code: code(early), data: early.data?.engageSharedResource ?? null }).toEqual({ opt, code: 'BAD_USER_INPUT', data: null });
      expect((await engage(user, w.id, TODAY)).startDate).toBe(TODAY);
      const designated = await registry.waitFor((ms) => ms.find((m) => m.event.type === 'SharedResourceProviderDesignated' && m.event.subject === whole));
      expect(designated.event.data.effectiveFrom).toBe(TODAY);
    }
    await marker('null part provider');
    expect(registry.about(partOnly, 'SharedResourceProviderDesignated')).toEqual([]);
  });

  // ---------------------------------------------------------------------------------------------------------------
  it('contract.graphql RegisterPartyInput / EngageSharedResourceInput: domesticPremises null records no count (R-PREM-2: premisesKnown false, nothing published as a count), premisesEffectiveFrom null is today, the notices null are "not notified" (R-SRP-7), as when left out', async () => {
    // domesticPremises: null -> no count on record (R-PREM-2), so a year-2 determination uses the demanding band.
    const none = await register('Null premises', ['GAS_SUPPLIER'], { domesticPremises: null, premisesEffectiveFrom: null });
    const noneNext = (await ok(t.admin!, NEXT, { id: none })).party.nextAssessment as Data;
    expect(noneNext).toMatchObject({ type: 'FULL', cyclePosition: 1, premisesKnown: false });
    const registered = await registry.waitFor((ms) => ms.find((m) => m.event.type === 'PartyRegistered' && m.event.subject === none));
    expect(registered.event.data.domesticPremises ?? null).toBeNull();

    // premisesEffectiveFrom: null with a count -> in force from today, not before (RegisterPartyInput: "recorded as effective from premisesEffectiveFrom", default today).
    const counted = await register('Null effective from', ['GAS_SUPPLIER'], { domesticPremises: 300_000, premisesEffectiveFrom: null });
    const read = (await ok(t.admin!, `query($id: ID!, $y: Date!) { party(id: $id) { today: domesticPremises yesterday: nextAssessment(asOf: $y) { premisesKnown } now: nextAssessment { premisesKnown premisesUsed } } }`, { id: counted, y: YESTERDAY })).party;
    expect(read).toEqual({ today: 300_000, yesterday: { premisesKnown: false }, now: { premisesKnown: true, premisesUsed: 300_000 } });
    const hist = (await ok(t.admin!, `query($id: ID!) { party(id: $id) { domesticPremisesHistory { count effectiveFrom } } }`, { id: counted })).party.domesticPremisesHistory;
    expect(hist).toEqual([{ count: 300_000, effectiveFrom: TODAY }]);

    // The notices null: accepted and recorded as not notified, in the answer and in EngagementStarted.
    const provider = await register('Null notices provider', []);
    const hub = (await resource(provider, 'Null notices hub', { availableFrom: '2024-01-02' })).id;
    const user = await register('Null notices user', ['OTHER_USER'], { domesticPremises: 5, premisesEffectiveFrom: '2024-01-02' });
    const e = await engage(user, hub, '2024-02-01', { userNotifiedSscOn: null, providerNotifiedSscOn: null });
    expect(e).toMatchObject({ startDate: '2024-02-01', endDate: null, userNotifiedSscOn: null, providerNotifiedSscOn: null, user: { id: user }, provider: { id: provider } });
    const started = await registry.waitFor((ms) => ms.find((m) => m.event.type === 'EngagementStarted' && m.event.subject === e.id));
    expect({ u: started.event.data.userNotifiedSscOn ?? null, p: started.event.data.providerNotifiedSscOn ?? null }).toEqual({ u: null, p: null });

    // No count was published for the party registered with domesticPremises null.
    await marker('null premises');
    expect(registry.about(none, 'DomesticPremisesRecorded')).toEqual([]);
  });

  // ---------------------------------------------------------------------------------------------------------------
  it('README §3 "published, after its database transaction commits, exactly as committed": on each topic, when a subscriber sees a change\'s event (before or after the mutation is answered), the change is already readable through the gateway, as the event carries it', async () => {
    const topics = {
      scheduling: await recordTopic(system.topic('sec.assessment-scheduling.v1'), `gaps-contract-scheduling-${run}`),
      documents: await recordTopic(system.topic('sec.report-distribution.v1'), `gaps-contract-documents-${run}`),
      ssc: await recordTopic(system.topic('sec.ssc-membership.v1'), `gaps-contract-ssc-${run}`),
    };
    const cio = await system.token('USER_CIO');
    try {
      const problems: string[] = [];
      /** Sends the mutation without waiting for its answer; when its event arrives, reads the aggregate at once. */
      const check = async (label: string, send: () => Promise<GraphQLResult<Data>>, seen: () => Promise<{ subject: string; data: Data }>, read: (subject: string) => Promise<unknown>, expected: (event: { subject: string; data: Data }) => unknown): Promise<string> => {
        const answer = send();
        const event = await seen();
        const state = await read(event.subject);
        const want = expected(event);
        if (JSON.stringify(state) !== JSON.stringify(want)) problems.push(`${label}: read at its event ${JSON.stringify(state)}, the event says ${JSON.stringify(want)}`);
        const answered = await answer;
        if (answered.errors?.length) problems.push(`${label}: the mutation was refused after its event was published: ${JSON.stringify(answered.errors)}`);
        return event.subject;
      };

      const name = `After commit ${run}`;
      const party = await check(
        'registerParty / PartyRegistered',
        () => gql(t.admin!, REGISTER, { input: { name, userRoles: ['GAS_SUPPLIER'], domesticPremises: 77_000, premisesEffectiveFrom: '2023-01-02' } }),
        async () => (await registry.waitFor((ms) => ms.find((m) => m.event.type === 'PartyRegistered' && m.event.data.name === name))).event,
        async (id) => (await ok(t.admin!, `query($id: ID!) { party(id: $id) { id name userRoles } }`, { id })).party,
        (e) => ({ id: e.subject, name: e.data.name, userRoles: e.data.userRoles }),
      );
      await check(
        'scheduleAssessment / AssessmentScheduled',
        () => gql(t.admin!, SCHEDULE, { input: { partyId: party, determinationDate: '2024-03-04', scheduledFor: '2024-03-04' } }),
        async () => (await topics.scheduling.waitFor((ms) => ms.find((m) => m.event.type === 'AssessmentScheduled' && JSON.stringify(m.event.data).includes(party)))).event,
        async (id) => (await ok(t.admin!, `query($id: ID!) { assessment(id: $id) { id state scheduledFor party { id } } }`, { id })).assessment,
        (e) => ({ id: e.subject, state: 'SCHEDULED', scheduledFor: '2024-03-04', party: { id: party } }),
      );
      const title = `After commit report ${run}`;
      await check(
        'issueDocument / DocumentIssued',
        () => gql(cio, `mutation($i: IssueDocumentInput!) { issueDocument(input: $i) { id } }`, { i: { subjectPartyId: party, kind: 'ASSESSMENT_REPORT', title, content: `content ${run}` } }),
        async () => (await topics.documents.waitFor((ms) => ms.find((m) => m.event.type === 'DocumentIssued' && JSON.stringify(m.event.data).includes(title)))).event,
        async (id) => (await ok(t.admin!, `query($id: ID!) { document(id: $id) { id title subject { id } recipients { party { id } } } }`, { id })).document,
        (e) => ({ id: e.subject, title, subject: { id: party }, recipients: [{ party: { id: party } }] }),
      );
      const closesOn = addDays(TODAY, 20);
      await check(
        'openElection / ElectionOpened',
        () => gql(t.admin!, `mutation($o: Date!, $c: Date!) { openElection(seatKind: SHARED_RESOURCE_PROVIDER, opensOn: $o, closesOn: $c) { id } }`, { o: TODAY, c: closesOn }),
        async () => (await topics.ssc.waitFor((ms) => ms.find((m) => m.event.type === 'ElectionOpened' && JSON.stringify(m.event.data).includes(closesOn)))).event,
        async (id) => (await ok(t.admin!, `query($id: ID!) { election(id: $id) { id state closesOn } }`, { id })).election,
        (e) => ({ id: e.subject, state: 'OPEN', closesOn }),
      );
      expect(problems).toEqual([]);
    } finally {
      for (const r of Object.values(topics)) await r.stop();
    }
  }, 120_000);

  // ---------------------------------------------------------------------------------------------------------------
  describe('contract README §2: "Production may configure an RS256 JWKS URL instead" (a second gateway with AUTH_JWKS_URL)', () => {
    let gateway: RunningGateway;
    let jwks: http.Server;
    let partyA: string;
    let partyB: string;
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const KID = `gaps-${run}`;

    const rs256 = (claims: Record<string, unknown>, options: { key?: typeof privateKey; kid?: string; expiresIn?: string | number } = {}) =>
      new SignJWT({ partyId: null, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? KID })
        .setSubject(String(claims.sub ?? `rs-${run}`))
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '10m')
        .sign(options.key ?? privateKey);
    const send = async (token: string | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<Data>> => {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    };

    beforeAll(async () => {
      const jwk = { ...(await exportJWK(publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
      jwks = http.createServer((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', () => resolve()));
      gateway = await system.anotherGateway({ AUTH_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json` });
      partyA = await register('JWKS party A', ['GAS_SUPPLIER'], { domesticPremises: 1_234, premisesEffectiveFrom: '2024-01-02' });
      partyB = await register('JWKS party B', ['OTHER_USER'], { domesticPremises: 4_321, premisesEffectiveFrom: '2024-01-02' });
      // B provides A's User System: A reaches B through the graph (README §2: id and name only).
      await engage(partyA, (await resource(partyB, 'JWKS hub', { availableFrom: '2024-01-02' })).id, '2024-02-01');
    }, 60_000);

    afterAll(async () => {
      await gateway?.stop();
      await new Promise<void>((resolve) => (jwks ? jwks.close(() => resolve()) : resolve()));
    });

    it('§2: an RS256 token of the JWKS key carries the contract claims as an HS256 one does: SECAS_ADMIN registers a party; PARTY_USER reads its own party in full and another party\'s id and name only; roles [] still reads sscSeats and requiredAssessment', async () => {
      const admin = await rs256({ sub: `rs-admin-${run}`, roles: ['SECAS_ADMIN'] });
      const made = await send(admin, REGISTER, { input: { name: `JWKS registered ${run}`, userRoles: [] } });
      expect(made.errors ?? []).toEqual([]);
      expect(made.data!.registerParty.name).toBe(`JWKS registered ${run}`);

      const pu = await rs256({ sub: `rs-pu-${run}`, roles: ['PARTY_USER'], partyId: partyA });
      const own = await send(pu, `query($id: ID!) { party(id: $id) { id name domesticPremises } }`, { id: partyA });
      expect(own.errors ?? []).toEqual([]);
      expect(own.data!.party).toEqual({ id: partyA, name: `JWKS party A ${run}`, domesticPremises: 1_234 });
      const idName = await send(pu, `query($id: ID!) { party(id: $id) { engagementsAsUser { provider { id name } } } }`, { id: partyA });
      expect(idName.errors ?? []).toEqual([]);
      expect(idName.data!.party.engagementsAsUser).toEqual([{ provider: { id: partyB, name: `JWKS party B ${run}` } }]);
      const other = await send(pu, `query($id: ID!) { party(id: $id) { engagementsAsUser { provider { id domesticPremises } } } }`, { id: partyA });
      expect(codes(other)).toContain('FORBIDDEN');
      expect(JSON.stringify(other.data ?? null)).not.toContain('4321');
      const root = await send(pu, `query($id: ID!) { party(id: $id) { id domesticPremises } }`, { id: partyB });
      expect(codes(root).length).toBeGreaterThan(0);
      expect(JSON.stringify(root.data ?? null)).not.toContain('4321');

      const nobody = await rs256({ sub: `rs-none-${run}`, roles: [] });
      const open = await send(nobody, `{ sscSeats { kind count } requiredAssessment(input: { userRoles: [OTHER_USER], domesticPremises: 1 }) { type } }`);
      expect(open.errors ?? []).toEqual([]);
      expect(open.data!.sscSeats.length).toBeGreaterThan(0);
    });

    it('§2 "Missing/invalid/expired token: UNAUTHENTICATED" with a JWKS: a token signed by another key under the same kid, an unknown kid, HS256 with the local secret (RS256 instead of HS256), HS256 keyed with the public key (algorithm confusion), alg none, expired, none at all; nothing they ask for is done', async () => {
      const claims = { sub: `rs-bad-${run}`, roles: ['SECAS_ADMIN'] };
      const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      const bad: Array<[string, string | null]> = [
        ['another key, same kid', await rs256(claims, { key: stranger.privateKey })],
        ['unknown kid', await rs256(claims, { key: stranger.privateKey, kid: `other-${run}` })],
        ['HS256 with the local development secret', await new SignJWT({ roles: ['SECAS_ADMIN'], partyId: null }).setProtectedHeader({ alg: 'HS256' }).setSubject(claims.sub).setIssuedAt().setExpirationTime('10m').sign(new TextEncoder().encode(process.env.AUTH_JWT_SECRET ?? LOCAL_DEV_JWT_SECRET))],
        ['HS256 keyed with the JWKS public key (PEM)', await new SignJWT({ roles: ['SECAS_ADMIN'], partyId: null }).setProtectedHeader({ alg: 'HS256', kid: KID }).setSubject(claims.sub).setIssuedAt().setExpirationTime('10m').sign(new TextEncoder().encode(pem))],
        ['alg none', `${b64({ alg: 'none', typ: 'JWT', kid: KID })}.${b64({ ...claims, partyId: null, iat: now, exp: now + 600 })}.`],
        ['expired', await rs256(claims, { expiresIn: now - 60 })],
        ['no token', null],
      ];
      const problems: string[] = [];
      for (const [label, token] of bad) {
        const name = `JWKS refused ${label} ${run}`;
        const r = await send(token, REGISTER, { input: { name, userRoles: [] } });
        if (!codes(r).includes('UNAUTHENTICATED') || r.data?.registerParty) problems.push(`${label}: ${r.status} ${JSON.stringify(r).slice(0, 300)}`);
        const read = await send(token, `query($id: ID!) { party(id: $id) { id domesticPremises } }`, { id: partyB });
        if (!codes(read).includes('UNAUTHENTICATED') || read.data?.party) problems.push(`${label} (read): ${read.status} ${JSON.stringify(read).slice(0, 300)}`);
        const found = await ok(t.admin!, `query($n: String!) { partyByName(name: $n) { id } }`, { n: name });
        if (found.partyByName) problems.push(`${label}: the refused registration was made (${found.partyByName.id})`);
      }
      expect(problems).toEqual([]);
    });
  });
});
