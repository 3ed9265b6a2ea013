import { randomBytes } from 'node:crypto';
import { requireKafka } from '@sec-assure/events/testing';
import { LOCAL_DEV_JWT_SECRET, signLocalToken, type Role } from '@sec-assure/auth';
import { londonDayOf } from '@sec-assure/rules';
import { eventually, startSystem, type GraphQLResult, type RunningSystem } from './system';
import { codeOf, contractClient } from './contract-client';
import { addDays } from './calendar';

// Reliance, charges, remediation, "fieldwork not recorded" and who performs what, as an outside client with only
// the contract and the API schema it can introspect sees them through the gateway:
// - R-SRP-8: a User's own assessment records its reliance on its provider's assessment (Assessment.reliesOn):
//   the provider's assurance status after its first assessment, the SSC's review outcome in later years, as on the
//   User's determination date, kept as recorded.
// - R-SRP-9: every assessment carries a charge to the assessed party (Assessment.charge), from the tariff of its
//   type (README: ASSESSMENT_CHARGE_*_PENCE); a provider pays for its own the same way as a User.
// - R-REM-1 (with R-DIST-1/2/4/6): REMEDIATION_* documents are issued by the assessed party's own PARTY_USER about
//   its own party only; a provider's go to the provider and its users on the issue date, a User's to itself alone;
//   a user that begins to use the provider receives the latest of each kind (R-DIST-5).
// - R-SCHED-3: fieldworkNotRecorded(asOf) lists a scheduled assessment whose date has passed with no fieldwork,
//   for SECAS; distinct from overdue scheduling (assessmentsDue, R-SCHED-1; EXAMPLES E7).
// - R-TYPE-1 with contract README §2: who schedules, completes fieldwork, sets the status, requests a FOLLOW_UP,
//   directs a FULL, issues each kind of document.
// - contract README §2: a PARTY_USER never sees another party's assessments (so neither their charge nor their
//   reliance) whatever the nested path.
// Dates are history (before today), so the spec does not depend on the day it runs, except the issue date of
// documents, which the server sets (R-DIST-2), and a few days well after today (engagements starting or ending
// later, follow-ups booked ahead).

const TODAY = londonDayOf(new Date());
const SECRET = process.env.AUTH_JWT_SECRET ?? LOCAL_DEV_JWT_SECRET;
// README "Ports and environment": the tariff of assessment-scheduling (R-SRP-9, "charge amounts per type are
// configuration"), in pence. This system is started with a tariff of its own, none of them the defaults
// (2500000, 1200000, 300000, 600000), so that a charge taken from anywhere but the configuration shows.
const TARIFF: Record<string, number> = { FULL: 2_345_601, VERIFICATION: 1_234_502, SELF: 345_603, FOLLOW_UP: 654_304 };
const TARIFF_ENV: Record<string, string> = Object.fromEntries(Object.entries(TARIFF).map(([type, pence]) => [`ASSESSMENT_CHARGE_${type}_PENCE`, String(pence)]));
const ASSESSMENT = 'id type state calendarYear scheduledFor determinationDate directedBySsc assuranceStatus assuranceStatusSetOn charge party { id }';
const RELIANCE = 'reliesOn { provider { id name } providerAssessment { id } assuranceStatus assuranceStatusSetOn }';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = any;

describe('contract only: reliance, charges, remediation, fieldwork not recorded (R-SRP-8, R-SRP-9, R-REM-1, R-SCHED-3, R-TYPE-1)', () => {
  let system: RunningSystem;
  const run = randomBytes(3).toString('hex');
  const tokens = { admin: '', ssc: '', cio: '' };
  const client = contractClient(() => system, run, () => tokens);
  const { gql, ok, party, resource, engage, complete } = client;
  /** scheduleAssessment as SECAS, answering the contract's fields and the charge (R-SRP-9). */
  const schedule = async (partyId: string, determinationDate: string, scheduledFor = determinationDate): Promise<Data> =>
    (await ok(tokens.admin, `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { ${ASSESSMENT} } }`, { input: { partyId, determinationDate, scheduledFor } })).scheduleAssessment;
  const partyUser = (partyId: string, key: string): Promise<string> =>
    signLocalToken({ sub: `rc-pu-${key}-${run}`, roles: ['PARTY_USER' as Role], partyId }, { secret: SECRET, ttlSeconds: 3600 });

  const status = async (id: string, s: string, on: string, conditions?: string): Promise<Data> =>
    (
      await ok(tokens.ssc, `mutation($id: ID!, $s: AssuranceStatus!, $on: Date!, $c: String) { setAssuranceStatus(assessmentId: $id, status: $s, setOn: $on, conditions: $c) { ${ASSESSMENT} } }`, {
        id,
        s,
        on,
        c: conditions ?? (s === 'APPROVED_SUBJECT_TO' ? 'fix the findings' : null),
      })
    ).setAssuranceStatus;
  /** An annual assessment of the past: determined and scheduled on `date`, fieldwork 10 days on, status 20 days on. */
  const assessed = async (partyId: string, date: string, outcome = 'APPROVED'): Promise<Data> => {
    const a = await schedule(partyId, date, date);
    await complete(a.id, addDays(date, 10));
    await status(a.id, outcome, addDays(date, 20));
    return a;
  };
  const assessment = async (token: string, id: string, fields = ASSESSMENT): Promise<Data> => (await ok(token, `query($id: ID!) { assessment(id: $id) { ${fields} } }`, { id })).assessment;
  const issue = (token: string, subjectPartyId: string, kind: string, assessmentId?: string): Promise<GraphQLResult<Data>> =>
    gql(token, `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id kind issuedOn subject { id } recipients { party { id } } } }`, {
      input: { subjectPartyId, kind, title: `${kind} ${run}`, content: `${kind} about ${subjectPartyId} (${run})`, ...(assessmentId ? { assessmentId } : {}) },
    });
  const receivedIds = async (partyId: string): Promise<string[]> =>
    ((await ok(tokens.admin, `query($id: ID!) { party(id: $id) { documentsReceived { id } } }`, { id: partyId })).party.documentsReceived as Array<{ id: string }>).map((d) => d.id).sort();
  /** Every object in an answer that carries a `charge` key, and every `id` found at any depth. */
  const walk = (v: unknown, found: { charged: Data[]; ids: Set<string> } = { charged: [], ids: new Set() }) => {
    if (Array.isArray(v)) v.forEach((x) => walk(x, found));
    else if (v && typeof v === 'object') {
      if ('charge' in v) found.charged.push(v);
      if (typeof (v as Data).id === 'string') found.ids.add((v as Data).id);
      Object.values(v).forEach((x) => walk(x, found));
    }
    return found;
  };

  const envBefore: Record<string, string | undefined> = {};
  beforeAll(async () => {
    await requireKafka();
    // the subgraphs read their settings from the environment the harness passes them (system.ts copies process.env)
    for (const [name, value] of Object.entries(TARIFF_ENV)) {
      envBefore[name] = process.env[name];
      process.env[name] = value;
    }
    system = await startSystem({ ownTopics: true });
    const mint = (sub: string, role: Role) => signLocalToken({ sub: `rc-${sub}-${run}`, roles: [role], partyId: null }, { secret: SECRET, ttlSeconds: 3600 });
    tokens.admin = await mint('admin', 'SECAS_ADMIN');
    tokens.ssc = await mint('ssc', 'SSC_MEMBER');
    tokens.cio = await mint('cio', 'USER_CIO');
  }, 180_000);

  afterAll(async () => {
    for (const [name, value] of Object.entries(envBefore)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await system?.stop();
  }, 60_000);

  // ---------------------------------------------------------------------------------------------------------------
  it('R-SRP-9, R-TYPE-1: each assessment carries the tariff charge of its type to the assessed party, users and providers alike', async () => {
    const big = await party('RC big supplier', ['GAS_SUPPLIER'], 400_000, '2020-01-01');
    const small = await party('RC small supplier', ['GAS_SUPPLIER'], 40_000, '2020-01-01');
    const other = await party('RC other user', ['OTHER_USER'], 5_000, '2020-01-01');
    const prov = await party('RC provider', []);
    const hub = await resource(prov, 'RC hub', '2021-01-01');
    await engage(small, hub, '2021-01-05');
    const largeProv = await party('RC large provider', []);
    const largeHub = await resource(largeProv, 'RC large hub', '2021-01-01');
    await engage(big, largeHub, '2021-01-05');
    const dual = await party('RC dual', ['IMPORT_SUPPLIER'], 20_000, '2020-01-01'); // a User serving others: one assessment (R-SRP-6)
    const dualHub = await resource(dual, 'RC dual hub', '2021-01-01');
    const legacyUser = await party('RC legacy user', ['GAS_SUPPLIER'], 30_000, '2015-01-01');
    await engage(legacyUser, dualHub, '2021-01-05');

    const mine: Data[] = [];
    const owner: Record<string, string> = {};
    const add = async (partyId: string, p: Promise<Data>) => { const a = await p; mine.push(a); owner[a.id] = partyId; return a; };
    // users: FULL (year 1), FULL (large, year 2), VERIFICATION (small supplier year 2), SELF (small supplier year 3, other user year 2)
    await add(big, assessed(big, '2022-02-01'));
    await add(big, assessed(big, '2023-02-01'));
    await add(small, assessed(small, '2022-02-01'));
    await add(small, assessed(small, '2023-02-01', 'DEFERRED'));
    await add(other, assessed(other, '2022-02-01'));
    await add(other, schedule(other, '2023-02-01', '2023-02-01'));
    // providers: FULL at entry, then VERIFICATION (aggregate <= 250,000) or FULL (aggregate > 250,000), then a directed FULL
    await add(prov, assessed(prov, '2022-03-01'));
    await add(prov, assessed(prov, '2023-03-01'));
    await add(largeProv, assessed(largeProv, '2022-03-01'));
    await add(largeProv, schedule(largeProv, '2023-03-01', '2023-03-01'));
    const followUp = (await ok(tokens.ssc, `mutation($p: ID!, $d: Date!) { requestFollowUp(partyId: $p, reason: "deferred ${run}", scheduledFor: $d) { ${ASSESSMENT} } }`, {
      p: small,
      d: addDays(TODAY, 40),
    })).requestFollowUp;
    await add(small, Promise.resolve(followUp));
    const directed = (await ok(tokens.ssc, `mutation($p: ID!, $d: Date!) { directFullAssessment(partyId: $p, reason: "grounds ${run}", scheduledFor: $d) { ${ASSESSMENT} } }`, {
      p: prov,
      d: '2024-03-01',
    })).directFullAssessment;
    await add(prov, Promise.resolve(directed));
    await add(dual, assessed(dual, '2022-02-01'));
    await add(dual, schedule(dual, '2023-02-01', '2023-02-01'));
    // a LEGACY assessment (determined before 2018-08-22, R-SET-1/4): same tariff per type
    await add(legacyUser, schedule(legacyUser, '2017-03-01', '2017-03-01'));
    const types = mine.map((a) => a.type);
    // the spread of types this world was built to reach (R-MATRIX-1/2, R-SRP-5, R-STATUS-2)
    expect(types).toEqual(['FULL', 'FULL', 'FULL', 'VERIFICATION', 'FULL', 'SELF', 'FULL', 'VERIFICATION', 'FULL', 'FULL', 'FOLLOW_UP', 'FULL', 'FULL', 'VERIFICATION', 'FULL']);
    expect(mine.filter((a) => owner[a.id] === dual && a.calendarYear === 2023)).toHaveLength(1);
    expect(followUp.party.id).toBe(small);
    expect(directed).toMatchObject({ type: 'FULL', directedBySsc: true, party: { id: prov } });

    // Read back as oversight, as the assessed party's own user, and in the party's list: the same charge, the tariff of the type.
    const puOf: Record<string, string> = {};
    for (const p of [big, small, other, prov, largeProv, dual, legacyUser]) puOf[p] = await partyUser(p, `charge-${p.slice(0, 6)}`);
    const wrong: string[] = [];
    for (const a of mine) {
      const partyId = owner[a.id]!;
      const byAdmin = await assessment(tokens.admin, a.id);
      const byOwn = await assessment(puOf[partyId]!, a.id);
      const listed = ((await ok(puOf[partyId]!, `query($id: ID!) { party(id: $id) { assessments { id charge } } }`, { id: partyId })).party.assessments as Data[]).find((x) => x.id === a.id);
      for (const [where, got] of [['mutation answer', a.charge], ['assessment() as SECAS', byAdmin?.charge], ['assessment() as own PARTY_USER', byOwn?.charge], ['party.assessments as own PARTY_USER', listed?.charge]] as const) {
        if (got !== TARIFF[a.type]) wrong.push(`${a.type} of ${partyId === prov || partyId === largeProv ? 'provider' : 'user'} ${a.id.slice(0, 8)}: ${where} charge ${got}, tariff ${TARIFF[a.type]}`);
      }
      if (byAdmin?.party.id !== partyId) wrong.push(`${a.id.slice(0, 8)} party ${byAdmin?.party.id} != ${partyId}`);
    }
    expect(wrong).toEqual([]);
    // a User of a provider pays its own type's charge only (the provider pays for its own, R-SRP-9): the small
    // supplier's year-2 VERIFICATION, and the sum over each party is that party's assessments alone
    const sums: Record<string, number> = {};
    for (const p of Object.keys(puOf)) {
      const own = (await ok(tokens.admin, `query($id: ID!) { party(id: $id) { assessments { id type charge party { id } } } }`, { id: p })).party.assessments as Data[];
      expect(own.every((a) => a.party.id === p)).toBe(true);
      sums[p] = own.reduce((t, a) => t + (a.charge ?? 0), 0);
    }
    const expectedSums: Record<string, number> = {};
    for (const a of mine) expectedSums[owner[a.id]!] = (expectedSums[owner[a.id]!] ?? 0) + TARIFF[a.type]!;
    expect(sums).toEqual(expectedSums);
  });

  // ---------------------------------------------------------------------------------------------------------------
  it('R-SRP-8: a User\'s own assessment records the provider\'s assurance status on its determination date (first assessment, then the SSC\'s later reviews), and keeps it', async () => {
    const prov = await party('RL provider', []);
    const hub = await resource(prov, 'RL hub', '2021-01-01');
    const dual = await party('RL dual', ['GAS_SUPPLIER'], 30_000, '2020-01-01'); // a User that serves others too (R-SRP-6)
    const dualHub = await resource(dual, 'RL dual hub', '2021-01-01');
    const u = await party('RL user', ['GAS_SUPPLIER'], 40_000, '2020-01-01');
    const early = await party('RL early user', ['OTHER_USER'], 3_000, '2020-01-01');
    const ended = await party('RL ended user', ['GAS_SUPPLIER'], 20_000, '2020-01-01');
    const late = await party('RL late user', ['GAS_SUPPLIER'], 20_000, '2020-01-01');
    const both = await party('RL two providers user', ['ELECTRICITY_DISTRIBUTOR'], 10_000, '2020-01-01');
    const alone = await party('RL no provider', ['GAS_SUPPLIER'], 10_000, '2020-01-01');
    await engage(u, hub, '2021-02-01');
    await engage(early, hub, '2021-02-01');
    const endedEng = await engage(ended, hub, '2021-02-01');
    await ok(tokens.admin, `mutation($id: ID!) { endEngagement(engagementId: $id, endDate: "2021-12-31") { id } }`, { id: endedEng });
    await engage(late, hub, '2022-06-01');
    await engage(both, hub, '2021-02-01');
    await engage(both, dualHub, '2021-02-01');

    const reliance = async (id: string): Promise<Data[]> => (await assessment(tokens.admin, id, `id ${RELIANCE}`)).reliesOn;
    // 1. The user's User Entry FULL before the provider had any assessment: relied on, no status yet.
    const u1 = await assessed(u, '2021-03-01');
    // 2. The provider's first assessment, APPROVED on 2021-04-21.
    const p1 = await assessed(prov, '2021-04-01');
    const d1 = await assessed(dual, '2021-04-01');
    // 3. A user determined on 2021-04-15, entered after the provider's status was recorded: that status was not yet set then.
    const e1 = await schedule(early, '2021-04-15', '2021-04-15');
    // 4. Year 2 of the user: relies on the status after the provider's first assessment.
    const u2 = await assessed(u, '2022-03-01');
    const x1 = await schedule(ended, '2022-03-01', '2022-03-01');
    const l1 = await schedule(late, '2022-03-01', '2022-03-01');
    const b1 = await schedule(both, '2022-03-01', '2022-03-01');
    const n1 = await schedule(alone, '2022-03-01', '2022-03-01');
    // 5. The provider's year 2: the SSC's review outcome APPROVED_SUBJECT_TO on 2022-04-21; then its year 3 booked, no status yet.
    const p2 = await assessed(prov, '2022-04-01', 'APPROVED_SUBJECT_TO');
    const p3 = await schedule(prov, '2023-02-01', '2023-02-15');
    // 6. The user's year 3: the later review outcome, not the pending year-3 assessment.
    const u3 = await schedule(u, '2023-03-01', '2023-03-01');

    expect(await reliance(u1.id)).toEqual([{ provider: { id: prov, name: expect.any(String) }, providerAssessment: null, assuranceStatus: null, assuranceStatusSetOn: null }]);
    expect(await reliance(e1.id)).toEqual([expect.objectContaining({ provider: expect.objectContaining({ id: prov }), providerAssessment: null, assuranceStatus: null })]);
    expect(await reliance(u2.id)).toEqual([{ provider: expect.objectContaining({ id: prov }), providerAssessment: { id: p1.id }, assuranceStatus: 'APPROVED', assuranceStatusSetOn: '2021-04-21' }]);
    expect(await reliance(u3.id)).toEqual([{ provider: expect.objectContaining({ id: prov }), providerAssessment: { id: p2.id }, assuranceStatus: 'APPROVED_SUBJECT_TO', assuranceStatusSetOn: '2022-04-21' }]);
    expect(p3.id).not.toBe(p2.id);
    // the provider's later review does not move what an earlier assessment relied on (status on ITS determination date)
    expect(await reliance(u2.id)).toEqual([expect.objectContaining({ providerAssessment: { id: p1.id }, assuranceStatus: 'APPROVED' })]);
    // engaged on the determination date only (R-SRP-7): ended before, or starting after -> nothing relied on
    expect(await reliance(x1.id)).toEqual([]);
    expect(await reliance(l1.id)).toEqual([]);
    // two providers, one of them a User serving others (R-SRP-6): both relied on
    const twoWays = await reliance(b1.id);
    expect(twoWays.map((r: Data) => r.provider.id).sort()).toEqual([dual, prov].sort());
    expect(twoWays.find((r: Data) => r.provider.id === dual)).toMatchObject({ providerAssessment: { id: d1.id }, assuranceStatus: 'APPROVED', assuranceStatusSetOn: '2021-04-21' });
    expect(twoWays.find((r: Data) => r.provider.id === prov)).toMatchObject({ providerAssessment: { id: p1.id }, assuranceStatus: 'APPROVED' });
    // no provider, and a provider's own assessment that uses none: nothing relied on
    expect(await reliance(n1.id)).toEqual([]);
    expect(await reliance(p2.id)).toEqual([]);
    // The provider's own party user sees its own assessments; the user's party user sees its own assessment's reliance
    // on the provider by id and name (contract §2), never the provider's assessment itself.
    const puU = await partyUser(u, 'rl-u');
    const own = await gql(puU, `query($id: ID!) { assessment(id: $id) { id charge ${RELIANCE} } }`, { id: u3.id });
    expect(own.data?.assessment?.id).toBe(u3.id);
    expect(own.data?.assessment?.charge).toBe(TARIFF[u3.type]);
    expect(own.data?.assessment?.reliesOn?.map((r: Data) => r.provider)).toEqual([expect.objectContaining({ id: prov })]);
    expect(own.data?.assessment?.reliesOn?.[0]?.providerAssessment ?? null).toBeNull();
  });

  // ---------------------------------------------------------------------------------------------------------------
  it('R-REM-1, R-DIST-1/2/4/6: REMEDIATION_* documents come from the assessed party\'s own PARTY_USER about its own party; a provider\'s reach it and its users, a User\'s reach it alone', async () => {
    const prov = await party('RM provider', []);
    const hub = await resource(prov, 'RM hub', '2023-01-01');
    const v1 = await party('RM user one', ['GAS_SUPPLIER'], 30_000, '2020-01-01');
    const v2 = await party('RM user two', ['OTHER_USER'], 2_000, '2020-01-01');
    const v3 = await party('RM former user', ['GAS_SUPPLIER'], 30_000, '2020-01-01');
    const x = await party('RM stranger', ['IMPORT_SUPPLIER'], 30_000, '2020-01-01');
    await engage(v1, hub, '2023-02-01');
    await engage(v2, hub, '2023-02-01');
    const gone = await engage(v3, hub, '2023-02-01');
    await ok(tokens.admin, `mutation($id: ID!) { endEngagement(engagementId: $id, endDate: "2023-12-31") { id } }`, { id: gone });
    // engaged from a day after the issue: not engaged on the issue date; ending after it: still engaged (R-DIST-2, R-DIST-4)
    const future = await party('RM future user', ['GAS_SUPPLIER'], 30_000, '2020-01-01');
    await engage(future, hub, addDays(TODAY, 10));
    const leaving = await party('RM leaving user', ['OTHER_USER'], 1_000, '2020-01-01');
    const leavingEng = await engage(leaving, hub, '2023-02-01');
    await ok(tokens.admin, `mutation($id: ID!, $d: Date!) { endEngagement(engagementId: $id, endDate: $d) { id } }`, { id: leavingEng, d: addDays(TODAY, 10) });
    const pa = await assessed(prov, '2024-02-01', 'APPROVED_SUBJECT_TO');
    const va = await assessed(v1, '2024-02-01', 'APPROVED_SUBJECT_TO');
    const [puP, puV1, puV2, puV3, puX, puF] = await Promise.all([partyUser(prov, 'rm-p'), partyUser(v1, 'rm-v1'), partyUser(v2, 'rm-v2'), partyUser(v3, 'rm-v3'), partyUser(x, 'rm-x'), partyUser(future, 'rm-f')]);

    // the provider's own user, about its own party: each kind, to the provider and each user engaged on the issue date
    const provDocs: Data[] = [];
    for (const kind of ['REMEDIATION_PROGRESS', 'REMEDIATION_COMPLETION', 'REMEDIATION_FAILURE']) {
      const r = await issue(puP, prov, kind, pa.id);
      expect({ kind, errors: r.errors ?? [] }).toEqual({ kind, errors: [] });
      provDocs.push(r.data!.issueDocument);
    }
    for (const d of provDocs) {
      const full = (await ok(tokens.admin, `query($id: ID!) { document(id: $id) { id kind subject { id } assessmentId recipients { party { id } } } }`, { id: d.id })).document;
      expect(full.subject.id).toBe(prov);
      expect(full.assessmentId).toBe(pa.id);
      expect(full.recipients.map((r: Data) => r.party.id).sort()).toEqual([prov, v1, v2, leaving].sort());
    }
    // a User's own remediation goes to that User alone (R-DIST-6), not to its provider nor the provider's other users
    const userDoc = await issue(puV1, v1, 'REMEDIATION_PROGRESS', va.id);
    expect(userDoc.errors ?? []).toEqual([]);
    const userDocRecipients = (await ok(tokens.admin, `query($id: ID!) { document(id: $id) { recipients { party { id } } } }`, { id: userDoc.data!.issueDocument.id })).document.recipients;
    expect(userDocRecipients.map((r: Data) => r.party.id)).toEqual([v1]);

    // nobody else issues them: another party's user, a user about its provider, a provider about its user, and the
    // roles whose acts these are not (contract README §2: only PARTY_USER issues REMEDIATION_*, about its own party)
    const before = await Promise.all([prov, v1, v2, v3, x].map(receivedIds));
    const refusals: Array<[string, string, string, string | undefined]> = [
      ['PARTY_USER of another party', puX, v1, undefined],
      ['PARTY_USER of a user, about its provider', puV1, prov, pa.id],
      ['PARTY_USER of the provider, about its user', puP, v1, va.id],
      ['SECAS_ADMIN', tokens.admin, prov, pa.id],
      ['SSC_MEMBER', tokens.ssc, prov, pa.id],
      ['USER_CIO', tokens.cio, prov, pa.id],
    ];
    const seen: string[] = [];
    for (const [who, token, subject, assessmentId] of refusals) {
      for (const kind of ['REMEDIATION_PROGRESS', 'REMEDIATION_COMPLETION', 'REMEDIATION_FAILURE']) {
        const r = await issue(token, subject, kind, assessmentId);
        seen.push(`${who} ${kind}: ${codeOf(r) ?? `issued ${r.data?.issueDocument?.id}`}`);
      }
    }
    expect(seen).toEqual(refusals.flatMap(([who]) => ['REMEDIATION_PROGRESS', 'REMEDIATION_COMPLETION', 'REMEDIATION_FAILURE'].map((k) => `${who} ${k}: FORBIDDEN`)));
    // about its own party, but naming another party's assessment: refused, and nothing issued
    const foreign = await issue(puV1, v1, 'REMEDIATION_PROGRESS', pa.id);
    expect(foreign.data?.issueDocument ?? null).toBeNull();
    expect(['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN']).toContain(codeOf(foreign));
    expect(await Promise.all([prov, v1, v2, v3, x].map(receivedIds))).toEqual(before);

    // who reads them (R-DIST-4): recipients and oversight; not the former user, a stranger, the CIO, nor the provider for its user's
    const read = async (token: string, id: string) => (await gql(token, `query($id: ID!) { document(id: $id) { id subject { id name } recipients { party { id } } } }`, { id })).data?.document ?? null;
    const d0 = provDocs[0].id;
    const ud = userDoc.data!.issueDocument.id;
    const readers: Record<string, [Data, Data]> = {};
    for (const [who, token] of [['SECAS_ADMIN', tokens.admin], ['SSC_MEMBER', tokens.ssc], ['USER_CIO', tokens.cio], ['provider', puP], ['user one', puV1], ['user two', puV2], ['former user', puV3], ['future user', puF], ['stranger', puX]] as const) {
      const [a, b] = [await read(token, d0), await read(token, ud)];
      readers[who] = [a ? 'reads' : 'null', b ? 'reads' : 'null'];
    }
    expect(readers).toEqual({
      SECAS_ADMIN: ['reads', 'reads'],
      SSC_MEMBER: ['reads', 'reads'],
      USER_CIO: ['null', 'null'],
      provider: ['reads', 'null'],
      'user one': ['reads', 'reads'],
      'user two': ['reads', 'null'],
      'former user': ['null', 'null'],
      'future user': ['null', 'null'],
      stranger: ['null', 'null'],
    });
    // a recipient sees its own row only (contract Document.recipients)
    expect((await read(puV2, d0)).recipients.map((r: Data) => r.party.id)).toEqual([v2]);
    expect((await read(puP, d0)).recipients.map((r: Data) => r.party.id)).toEqual([prov]);

    // a User that also serves others (R-SRP-6) reports as a provider: to itself and its users, not to its own provider's
    const dual = await party('RM dual', ['GAS_SUPPLIER'], 20_000, '2020-01-01');
    const dualHub = await resource(dual, 'RM dual hub', '2023-01-01');
    const dualUser = await party('RM dual user', ['OTHER_USER'], 1_000, '2020-01-01');
    await engage(dualUser, dualHub, '2023-02-01');
    await engage(dual, hub, '2023-02-01');
    const da = await assessed(dual, '2024-02-01', 'APPROVED_SUBJECT_TO');
    const dualDoc = await issue(await partyUser(dual, 'rm-d'), dual, 'REMEDIATION_FAILURE', da.id);
    expect(dualDoc.errors ?? []).toEqual([]);
    const dualRecipients = (await ok(tokens.admin, `query($id: ID!) { document(id: $id) { recipients { party { id } } } }`, { id: dualDoc.data!.issueDocument.id })).document.recipients;
    expect(dualRecipients.map((r: Data) => r.party.id).sort()).toEqual([dual, dualUser].sort());
  });

  // ---------------------------------------------------------------------------------------------------------------
  // The issue day is the server's (R-DIST-2), so every document here is issued on the newcomer's first day: R-DIST-5
  // gives it the latest of each kind, and R-DIST-2 the others too (it uses the provider on their issue date).
  it('R-DIST-5 with R-REM-1, R-DIST-2, R-DIST-6: a user that begins to use a provider receives the latest remediation document of each kind about the provider (and, engaged on their issue date, the earlier ones of that day), and nothing about another user', async () => {
    const prov = await party('R5 provider', []);
    const hub = await resource(prov, 'R5 hub', '2021-01-01');
    const u = await party('R5 user', ['GAS_SUPPLIER'], 40_000, '2020-01-01');
    await engage(u, hub, '2021-02-01');
    const pa = await assessed(prov, '2022-03-01', 'APPROVED_SUBJECT_TO');
    const pb = await assessed(prov, '2023-03-01', 'APPROVED_SUBJECT_TO');
    const ua = await assessed(u, '2023-04-01', 'APPROVED_SUBJECT_TO');
    const puP = await partyUser(prov, 'r5-p');
    const issued: Array<{ kind: string; id: string }> = [];
    // issued one after the other (the server's issue day for all: R-DIST-2); issuedAt orders them
    for (const [kind, aid] of [['REMEDIATION_PROGRESS', pa.id], ['REMEDIATION_COMPLETION', pa.id], ['REMEDIATION_PROGRESS', pb.id], ['REMEDIATION_FAILURE', pb.id], ['REMEDIATION_COMPLETION', pb.id]] as const) {
      const r = await issue(puP, prov, kind, aid);
      expect(r.errors ?? []).toEqual([]);
      issued.push({ kind, id: r.data!.issueDocument.id });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const userOwn = await issue(await partyUser(u, 'r5-u'), u, 'REMEDIATION_PROGRESS', ua.id);
    expect(userOwn.errors ?? []).toEqual([]);
    const times = (await Promise.all(issued.map(async (d) => (await ok(tokens.admin, `query($id: ID!) { document(id: $id) { issuedAt } }`, { id: d.id })).document.issuedAt as string)));
    expect(times).toEqual([...times].sort());

    const newcomer = await party('R5 newcomer', ['OTHER_USER'], 1_000, '2020-01-01');
    await engage(newcomer, hub, TODAY);
    const received = async () => ((await ok(tokens.admin, `query($id: ID!) { party(id: $id) { documentsReceived { id kind subject { id } recipients { party { id } reason } } } }`, { id: newcomer })).party.documentsReceived as Data[]);
    await eventually(async () => (await received()).length > 0, 20_000);
    const got = await received();
    // the latest of each kind: the second PROGRESS, the second COMPLETION, the FAILURE; never the user's own (R-DIST-6)
    const latest = ['REMEDIATION_PROGRESS', 'REMEDIATION_COMPLETION', 'REMEDIATION_FAILURE'].map((kind) => issued.filter((d) => d.kind === kind).at(-1)!.id);
    const name = (id: string) => { const i = issued.findIndex((d) => d.id === id); return i >= 0 ? `#${i + 1} ${issued[i]!.kind}` : id === userOwn.data!.issueDocument.id ? 'the user\'s own' : id; };
    await eventually(async () => (await received()).length >= issued.length, 20_000);
    const all = await received();
    expect(all.map((d) => name(d.id)).sort()).toEqual(issued.map((d) => name(d.id)).sort());
    expect(all.every((d) => d.subject.id === prov)).toBe(true);
    const reasonOf = (d: Data) => d.recipients.find((r: Data) => r.party.id === newcomer).reason as string;
    expect(all.filter((d) => reasonOf(d) === 'NEWLY_ENGAGED').map((d) => name(d.id)).sort()).toEqual(latest.map(name).sort());
    expect(all.filter((d) => reasonOf(d) === 'ENGAGED_ON_ISSUE_DATE').map((d) => name(d.id)).sort()).toEqual(issued.filter((d) => !latest.includes(d.id)).map((d) => name(d.id)).sort());
    expect(got.length).toBeGreaterThan(0);
  });

  // ---------------------------------------------------------------------------------------------------------------
  it('R-SCHED-3, R-SCHED-1 (EXAMPLES E7): fieldworkNotRecorded lists, for SECAS, a booked assessment whose day passed without fieldwork; it is not overdue', async () => {
    const booked = await party('FN booked', ['GAS_SUPPLIER'], 40_000, '2020-01-01');
    const unbooked = await party('FN unbooked', ['GAS_SUPPLIER'], 40_000, '2020-01-01');
    const done = await party('FN done', ['GAS_SUPPLIER'], 40_000, '2020-01-01');
    const cancelled = await party('FN cancelled', ['GAS_SUPPLIER'], 40_000, '2020-01-01');
    // status set 2023-05-10 for each (E7): next due by 2024-05-10
    for (const p of [booked, unbooked, done, cancelled]) {
      const a = await schedule(p, '2023-03-01', '2023-03-01');
      await complete(a.id, '2023-04-01');
      await status(a.id, 'APPROVED', '2023-05-10');
    }
    const bookingOf = async (p: string, scheduledFor: string) =>
      (await ok(tokens.admin, `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id scheduledFor scheduledOn } }`, {
        input: { partyId: p, determinationDate: '2024-04-02', scheduledFor, scheduledOn: '2024-04-02' },
      })).scheduleAssessment;
    const b = await bookingOf(booked, '2024-07-01');
    expect(b).toMatchObject({ scheduledFor: '2024-07-01', scheduledOn: '2024-04-02' });
    const d = await bookingOf(done, '2024-06-20');
    await complete(d.id, '2024-06-25');
    const c = await bookingOf(cancelled, '2024-06-10');
    await ok(tokens.admin, `mutation($id: ID!) { cancelAssessment(assessmentId: $id, reason: "moved ${run}") { id state } }`, { id: c.id });

    const mine = new Set([b.id, d.id, c.id]);
    const listed = async (token: string, asOf?: string): Promise<GraphQLResult<Data>> =>
      gql(token, `query($asOf: Date) { fieldworkNotRecorded(asOf: $asOf) { id scheduledFor state fieldworkCompletedOn party { id } } }`, asOf ? { asOf } : {});
    const ours = async (asOf?: string): Promise<string[]> => {
      const r = await listed(tokens.admin, asOf);
      expect(r.errors ?? []).toEqual([]);
      return (r.data!.fieldworkNotRecorded as Data[]).filter((a) => mine.has(a.id)).map((a) => a.id);
    };
    expect(await ours('2024-06-30')).toEqual([]);
    expect(await ours('2024-07-01')).toEqual([]); // its day has not passed yet
    expect(await ours('2024-07-02')).toEqual([b.id]); // E7: listed from 2024-07-02
    expect(await ours()).toEqual([b.id]); // still nothing recorded today
    const all = (await listed(tokens.admin, '2024-07-02')).data!.fieldworkNotRecorded as Data[];
    const days = all.map((a) => a.scheduledFor);
    expect(days).toEqual([...days].sort()); // oldest scheduledFor first
    expect(all.every((a) => a.state === 'SCHEDULED' && a.fieldworkCompletedOn === null && a.scheduledFor < '2024-07-02')).toBe(true);

    // distinct from overdue scheduling: booked in time is not overdue; nothing booked is overdue and not "fieldwork not recorded"
    const due = async (asOf: string) =>
      ((await ok(tokens.admin, `query($asOf: Date) { assessmentsDue(withinDays: 0, asOf: $asOf) { party { id } overdue dueBy } }`, { asOf })).assessmentsDue as Data[]).filter((r) =>
        [booked, unbooked].includes(r.party.id),
      );
    expect(await due('2024-05-11')).toEqual([{ party: { id: unbooked }, overdue: true, dueBy: '2024-05-10' }]);
    expect((await due('2024-07-02')).filter((r) => r.party.id === booked && r.overdue)).toEqual([]);

    // once fieldwork is recorded it leaves the list
    await complete(b.id, '2024-07-20');
    expect(await ours('2024-07-25')).toEqual([]);
    expect(await ours()).toEqual([]);

    // "listed for SECAS": a party user never sees another party's entries (contract README §2)
    const other = await party('FN other', ['GAS_SUPPLIER'], 40_000, '2020-01-01');
    const o = await schedule(other, '2024-03-01', '2024-03-05');
    const pu = await partyUser(booked, 'fn-booked');
    const r = await listed(pu, '2024-07-02');
    const leaked = ((r.data?.fieldworkNotRecorded ?? []) as Data[]).filter((a) => a.party?.id !== booked);
    expect(leaked.map((a) => a.id)).toEqual([]);
    expect(r.errors ? codeOf(r) : 'answered').toMatch(/FORBIDDEN|answered/);
    const bySsc = await listed(tokens.ssc, '2024-07-02');
    expect({ errors: bySsc.errors ?? [], has: ((bySsc.data?.fieldworkNotRecorded ?? []) as Data[]).some((a) => a.id === o.id) }).toEqual({ errors: [], has: true });
  });

  // ---------------------------------------------------------------------------------------------------------------
  it('R-TYPE-1, R-STATUS-1/2, contract README §2: who schedules, completes fieldwork, sets the status, requests a FOLLOW_UP, directs a FULL, issues each kind', async () => {
    const t = await party('TY supplier', ['GAS_SUPPLIER'], 40_000, '2020-01-01');
    const s = await party('TY self', ['OTHER_USER'], 2_000, '2020-01-01');
    const x = await party('TY stranger', ['GAS_SUPPLIER'], 40_000, '2020-01-01');
    const booked = await party('TY booked', ['GAS_SUPPLIER'], 40_000, '2020-01-01');
    const [puT, puX] = await Promise.all([partyUser(t, 'ty-t'), partyUser(x, 'ty-x')]);
    // a SELF assessment is reviewed by the User CIO: its fieldwork is the CIO's to record like any other
    await assessed(s, '2022-02-01');
    const self = await schedule(s, '2023-02-01', '2023-02-01');
    expect(self.type).toBe('SELF');

    const a = await schedule(t, '2024-02-01', '2024-02-01');
    expect(a.type).toBe('FULL');
    const callers: Array<[string, string]> = [['SECAS_ADMIN', tokens.admin], ['SSC_MEMBER', tokens.ssc], ['USER_CIO', tokens.cio], ['PARTY_USER own', puT], ['PARTY_USER other', puX]];
    const outcome: Record<string, Record<string, string>> = {};
    const note = (what: string, who: string, r: GraphQLResult<Data>) => {
      outcome[what] = { ...(outcome[what] ?? {}), [who]: r.errors ? (codeOf(r) ?? 'error') : 'ok' };
    };
    // refusals first (a refused call changes nothing), then the one allowed
    const order = (allowed: string) => [...callers.filter(([w]) => w !== allowed), ...callers.filter(([w]) => w === allowed)];
    for (const [who, token] of order('SECAS_ADMIN')) {
      note('scheduleAssessment', who, await gql(token, `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id } }`, { input: { partyId: booked, determinationDate: '2024-02-01', scheduledFor: '2024-02-01' } }));
    }
    for (const [who, token] of order('USER_CIO')) {
      note('completeFieldwork', who, await gql(token, `mutation($id: ID!) { completeFieldwork(assessmentId: $id, completedOn: "2024-02-10") { id } }`, { id: a.id }));
    }
    for (const [who, token] of order('USER_CIO')) {
      note('completeFieldwork SELF', who, await gql(token, `mutation($id: ID!) { completeFieldwork(assessmentId: $id, completedOn: "2023-02-10") { id } }`, { id: self.id }));
    }
    for (const [who, token] of order('SSC_MEMBER')) {
      note('setAssuranceStatus', who, await gql(token, `mutation($id: ID!) { setAssuranceStatus(assessmentId: $id, status: DEFERRED, setOn: "2024-02-20") { id } }`, { id: a.id }));
    }
    for (const [who, token] of order('SSC_MEMBER')) {
      note('requestFollowUp', who, await gql(token, `mutation($p: ID!, $d: Date!) { requestFollowUp(partyId: $p, reason: "deferred", scheduledFor: $d) { id type charge } }`, { p: t, d: addDays(TODAY, 30) }));
    }
    for (const [who, token] of order('SSC_MEMBER')) {
      note('directFullAssessment', who, await gql(token, `mutation($p: ID!, $d: Date!) { directFullAssessment(partyId: $p, reason: "grounds", scheduledFor: $d) { id type } }`, { p: t, d: addDays(TODAY, 60) }));
    }
    const docs: Array<[string, string]> = [['ASSESSMENT_REPORT', 'USER_CIO'], ['SSC_OUTCOME', 'SSC_MEMBER'], ['MANAGEMENT_RESPONSE', 'PARTY_USER own']];
    for (const [kind, allowed] of docs) {
      for (const [who, token] of order(allowed)) note(`issueDocument ${kind}`, who, await issue(token, t, kind, a.id));
    }
    const expected = (allowed: string) => Object.fromEntries(callers.map(([w]) => [w, w === allowed ? 'ok' : 'FORBIDDEN']));
    expect(outcome).toEqual({
      scheduleAssessment: expected('SECAS_ADMIN'),
      completeFieldwork: expected('USER_CIO'),
      'completeFieldwork SELF': expected('USER_CIO'),
      setAssuranceStatus: expected('SSC_MEMBER'),
      requestFollowUp: expected('SSC_MEMBER'),
      directFullAssessment: expected('SSC_MEMBER'),
      'issueDocument ASSESSMENT_REPORT': expected('USER_CIO'),
      'issueDocument SSC_OUTCOME': expected('SSC_MEMBER'),
      'issueDocument MANAGEMENT_RESPONSE': expected('PARTY_USER own'),
    });
    // FOLLOW_UP only when the SSC requests it: the party now has exactly one, the one requested; scheduling never makes one
    const list = (await ok(tokens.admin, `query($id: ID!) { party(id: $id) { assessments { id type directedBySsc charge } } }`, { id: t })).party.assessments as Data[];
    expect(list.map((x) => x.type).sort()).toEqual(['FOLLOW_UP', 'FULL', 'FULL']);
    expect(list.filter((x) => x.type === 'FOLLOW_UP').map((x) => x.charge)).toEqual([TARIFF.FOLLOW_UP]);
  });

  // ---------------------------------------------------------------------------------------------------------------
  it('contract README §2, R-DIST-4, R-DEF-1: a PARTY_USER sees no other party\'s assessment, charge or reliance through any nested path', async () => {
    const prov = await party('CF provider', []);
    const hub = await resource(prov, 'CF hub', '2022-01-01');
    const w1 = await party('CF user one', ['GAS_SUPPLIER'], 30_000, '2020-01-01');
    const w2 = await party('CF user two', ['OTHER_USER'], 2_000, '2020-01-01');
    const y = await party('CF stranger', ['GAS_SUPPLIER'], 30_000, '2020-01-01');
    await engage(w1, hub, '2022-02-01');
    await engage(w2, hub, '2022-02-01');
    const pa0 = await assessed(prov, '2023-01-10');
    const wa = await assessed(w1, '2023-03-01');
    const w2a = await assessed(w2, '2023-03-01');
    const ya = await assessed(y, '2023-03-01');
    // the provider's year 2 is DEFERRED: a non-compliance case, decided with a recommendation (R-DEF-1)
    const pa = await schedule(prov, '2024-01-10', '2024-01-10');
    await complete(pa.id, '2024-01-20');
    await status(pa.id, 'DEFERRED', '2024-02-01');
    const cases = (await ok(tokens.ssc, `{ nonComplianceCases { id provider { id } } }`)).nonComplianceCases as Data[];
    const caseId = cases.find((k) => k.provider.id === prov)?.id;
    expect(caseId).toBeDefined();
    await ok(tokens.ssc, `mutation($id: ID!) { decideNonComplianceCase(caseId: $id, recommendEventOfDefault: true, reasons: "severe ${run}") { id state } }`, { id: caseId });
    const [puP, puW1, puW2, puY] = await Promise.all([partyUser(prov, 'cf-p'), partyUser(w1, 'cf-w1'), partyUser(w2, 'cf-w2'), partyUser(y, 'cf-y')]);
    const rem = await issue(puP, prov, 'REMEDIATION_PROGRESS', pa.id);
    expect(rem.errors ?? []).toEqual([]);
    const remId = rem.data!.issueDocument.id;

    const A = 'id charge assuranceStatus reliesOn { provider { id } providerAssessment { id charge } assuranceStatus }';
    const AS = 'assessments { id charge }';
    const own: Record<string, string[]> = { [prov]: [pa0.id, pa.id], [w1]: [wa.id], [w2]: [w2a.id], [y]: [ya.id] };
    const allAssessments = [pa0.id, pa.id, wa.id, w2a.id, ya.id];
    // [name, query, variables, reached from the caller's own things (not asked for by another party's id)]
    const paths: Array<[string, string, Record<string, unknown>, boolean]> = [
      ['assessment(id) of each party', `{ a0: assessment(id: "${pa0.id}") { ${A} } a1: assessment(id: "${pa.id}") { ${A} } a2: assessment(id: "${wa.id}") { ${A} } a3: assessment(id: "${w2a.id}") { ${A} } a4: assessment(id: "${ya.id}") { ${A} } }`, {}, false],
      ['party(id) of each party', `{ p: party(id: "${prov}") { id ${AS} } u1: party(id: "${w1}") { id ${AS} } u2: party(id: "${w2}") { id ${AS} } s: party(id: "${y}") { id ${AS} } }`, {}, false],
      ['provider -> sharedResources -> engagements -> user', `query($id: ID!) { party(id: $id) { id sharedResources { id engagements { id user { id ${AS} } } } engagementsAsProvider { id user { id ${AS} } } } }`, { id: prov }, false],
      ['own assessment -> reliesOn -> provider / providerAssessment', `query($id: ID!) { assessment(id: $id) { id reliesOn { provider { id ${AS} } providerAssessment { id charge party { id } reliesOn { providerAssessment { id charge } } } } } }`, { id: wa.id }, true],
      ['own party -> engagementsAsUser -> provider', `query($id: ID!) { party(id: $id) { id engagementsAsUser { id provider { id ${AS} engagementsAsProvider { id user { id } } } } } }`, { id: w1 }, true],
      ['own party -> engagementsAsUser -> sharedResource -> engagements', `query($id: ID!) { party(id: $id) { id engagementsAsUser { id sharedResource { id engagements { id user { id ${AS} } } } } } }`, { id: w1 }, true],
      ['own party -> providerNonCompliance', `query($id: ID!) { party(id: $id) { id providerNonCompliance { id assessment { id charge } affectedUsers { id } provider { id ${AS} } } } }`, { id: w1 }, true],
      ['own party -> providerNonComplianceCases', `query($id: ID!) { party(id: $id) { id providerNonComplianceCases { id provider { id ${AS} engagementsAsProvider { id user { id } } } } } }`, { id: w1 }, true],
      ['document -> subject / recipients', `query($id: ID!) { document(id: $id) { id subject { id ${AS} engagementsAsProvider { id user { id } } } recipients { party { id ${AS} } } } }`, { id: remId }, true],
      ['own party -> documentsReceived -> subject', `query($id: ID!) { party(id: $id) { id documentsReceived { id subject { id ${AS} } } } }`, { id: w1 }, true],
      ['parties list', `{ parties(first: 50) { id ${AS} } }`, {}, false],
      ['fieldworkNotRecorded', `{ fieldworkNotRecorded(asOf: "2024-02-10") { id charge party { id } } }`, {}, false],
      ['assessmentsDue', `{ assessmentsDue(withinDays: 3660, asOf: "2024-02-10") { party { id } lastAssessment { id charge } scheduled { id charge } } }`, {}, false],
    ];
    const leaks: string[] = [];
    const customers: string[] = [];
    const refusedBadly: string[] = [];
    for (const [who, token, partyId] of [['provider', puP, prov], ['user one', puW1, w1], ['user two', puW2, w2], ['stranger', puY, y], ['SECAS_ADMIN', tokens.admin, '']] as const) {
      for (const [path, text, vars, nested] of paths) {
        const r = await gql(token, text, vars);
        // a refusal is FORBIDDEN or NOT_FOUND; anything else (a limit, a server error) would make this check vacuous
        const codes = (r.errors ?? []).map((e) => e.extensions?.code).filter((c) => c !== 'FORBIDDEN' && c !== 'NOT_FOUND');
        if (codes.length > 0) refusedBadly.push(`${who} via ${path}: ${codes.join(',')} ${r.errors?.[0]?.message.slice(0, 120)}`);
        if (who === 'SECAS_ADMIN') continue;
        const found = walk(r.data);
        const foreign = allAssessments.filter((id) => !own[partyId]!.includes(id) && found.ids.has(id));
        const charged = found.charged.filter((o) => !own[partyId]!.includes(o.id));
        if (foreign.length > 0 || charged.length > 0) leaks.push(`${who} via ${path}: ${[...new Set([...foreign, ...charged.map((o) => o.id)])].map((id) => id.slice(0, 8)).join(',')}`);
        // another party's customers (the provider's other users) are never listed to a user (contract §2, R-DEF-1)
        if (nested && who === 'user one' && found.ids.has(w2)) customers.push(`${who} via ${path} sees user two`);
        if (nested && who === 'user two' && found.ids.has(w1)) customers.push(`${who} via ${path} sees user one`);
      }
    }
    expect(refusedBadly).toEqual([]);
    expect(leaks).toEqual([]);
    expect(customers).toEqual([]);
    // the same paths do reach the provider's assessments for oversight (the checks above are not vacuous)
    const oversight = walk((await gql(tokens.admin, paths[3]![1], paths[3]![2])).data);
    expect(oversight.ids.has(pa0.id)).toBe(true);
  });
});
