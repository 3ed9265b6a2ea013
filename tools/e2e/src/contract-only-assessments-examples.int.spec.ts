import { requireKafka } from '@sec-assure/events/testing';
import fs from 'node:fs';
import path from 'node:path';
import { CONTRACT_DIR } from '../../supergraph/subgraphs';
import { contractClient } from './contract-client';
import { startSystem, type GraphQLResult, type RunningSystem } from './system';

// EXAMPLES.md E2..E8, E13 and their rules as a black-box tester with ONLY the contract would run them through the
// gateway (the steps: contract-client.ts).

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const today = (): string => new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
const tomorrow = (): string => new Date(Date.now() + 36 * 3600_000).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });

describe('assessments through the contract only (EXAMPLES E2..E8, E13)', () => {
  let system: RunningSystem;
  let admin: string;
  let ssc: string;
  let cio: string;

  beforeAll(async () => {
    await requireKafka();
    system = await startSystem();
    [admin, ssc, cio] = await Promise.all([system.token('SECAS_ADMIN'), system.token('SSC_MEMBER'), system.token('USER_CIO')]);
  });
  afterAll(async () => {
    await system?.stop();
  });

  const { gql, ok, party, resource, engage, scheduleRaw, schedule, complete, status, assessed, next } = contractClient(() => system, run, () => ({ admin, ssc, cio }));

  it('E2 (R-MATRIX-1, R-SRP-2, R-SRP-6, R-MATRIX-4): a year-3 supplier that becomes a provider is FULL covering both; the boundary day of availableFrom; then VERIFICATION', async () => {
    const s = await party('E2 S', ['IMPORT_SUPPLIER'], 100_000, '2022-01-01');
    expect((await assessed(s, '2023-03-01')).type).toBe('FULL');
    expect((await assessed(s, '2024-03-01')).type).toBe('VERIFICATION');
    const hub = await resource(s, 'E2 hub', '2025-01-15');
    const u = await party('E2 U', ['GAS_SUPPLIER'], 40_000, '2022-01-01');
    // R-SRP-2: no engagement starts before the resource is available.
    const early = await gql(admin, `mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id } }`, {
      input: { userPartyId: u, sharedResourceId: hub, startDate: '2025-01-14' },
    });
    expect(early.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await engage(u, hub, '2025-02-01');

    const full = (await next(s, '2025-03-01'))!;
    expect(full).toMatchObject({ type: 'FULL', ruleSet: 'SECMP0044', category: 'SHARED_RESOURCE_PROVIDER', coveredCategories: ['SUPPLIER', 'SHARED_RESOURCE_PROVIDER'], cyclePosition: 1, premisesKnown: true });
    expect(full.ruleIds).toEqual(expect.arrayContaining(['R-MATRIX-1', 'R-MATRIX-4', 'R-SRP-6']));
    expect(full.explanation).toMatch(/Supplier in year 3 \(SELF\)/);
    expect(full.explanation).toMatch(/Shared Resource Provider in year 1 \(FULL\)/);
    // The designation starts on availableFrom (2025-01-15), not a day earlier.
    expect(await next(s, '2025-01-15')).toMatchObject({ type: 'FULL', coveredCategories: ['SUPPLIER', 'SHARED_RESOURCE_PROVIDER'] });
    expect(await next(s, '2025-01-14')).toMatchObject({ type: 'SELF', category: 'SUPPLIER', coveredCategories: ['SUPPLIER'], cyclePosition: 3, premisesUsed: 100_000 });
    expect(await next(s, '2024-12-01')).toMatchObject({ type: 'SELF', coveredCategories: ['SUPPLIER'], cyclePosition: 3 });

    // Scheduled as the contract allows: the stored requirement is the same answer.
    const scheduled = await schedule(s, '2025-03-01', '2025-04-01');
    expect(scheduled).toMatchObject({ type: 'FULL', calendarYear: 2025, scheduledOn: '2025-03-01', state: 'SCHEDULED', directedBySsc: false });
    expect(scheduled.requirement).toMatchObject({ type: 'FULL', coveredCategories: ['SUPPLIER', 'SHARED_RESOURCE_PROVIDER'] });
    await complete(scheduled.id, '2025-04-20');
    await status(scheduled.id, 'APPROVED', '2025-05-10');
    // R-SRP-5: a second annual assessment of the provider in 2025 is refused.
    const second = await scheduleRaw(s, '2025-06-01', '2025-09-01');
    expect(second.errors?.[0]?.extensions?.code).toBe('SRP_ALREADY_ASSESSED_THIS_YEAR');
    // R-MATRIX-3 per category after the FULL that covered both: year 2 each; small supplier and small aggregate: VERIFICATION.
    expect(await next(s, '2026-03-01')).toMatchObject({ type: 'VERIFICATION', coveredCategories: ['SUPPLIER', 'SHARED_RESOURCE_PROVIDER'], cyclePosition: 2 });
  });

  it('E3 (R-PREM-2): a supplier with no count is FULL in year 2 with premisesKnown false, naming it; a count recorded later (and on its effective day) makes it VERIFICATION', async () => {
    const g = await party('E3 G', ['GAS_SUPPLIER']);
    expect(await next(g, '2025-01-10')).toMatchObject({ type: 'FULL', cyclePosition: 1, premisesKnown: false });
    await assessed(g, '2025-01-10');
    const missing = (await next(g, '2026-01-10'))!;
    expect(missing).toMatchObject({ type: 'FULL', category: 'SUPPLIER', cyclePosition: 2, premisesKnown: false });
    expect(missing.ruleIds).toContain('R-PREM-2');
    expect(missing.explanation).toContain(`E3 G ${run}`);
    expect(missing.explanation).toMatch(/missing/);

    await ok(admin, `mutation($id: ID!) { recordDomesticPremises(partyId: $id, count: 10000, effectiveFrom: "2025-12-01") { id } }`, { id: g });
    expect(await next(g, '2026-01-10')).toMatchObject({ type: 'VERIFICATION', premisesUsed: 10_000, premisesKnown: true, cyclePosition: 2 });
    // R-PREM-2: the count effective on the determination date itself counts; the day before it does not.
    expect(await next(g, '2025-12-01')).toMatchObject({ type: 'VERIFICATION', premisesKnown: true });
    expect(await next(g, '2025-11-30')).toMatchObject({ type: 'FULL', premisesKnown: false });
    // R-PREM-2: a count of 0 is a real count.
    await ok(admin, `mutation($id: ID!) { recordDomesticPremises(partyId: $id, count: 0, effectiveFrom: "2025-12-15") { id } }`, { id: g });
    expect(await next(g, '2026-01-10')).toMatchObject({ type: 'VERIFICATION', premisesUsed: 0, premisesKnown: true });
  });

  it('E3 (R-PREM-2, R-SRP-5): a provider whose user has no count is FULL in year 2 with premisesKnown false, and the explanation names that user', async () => {
    const p = await party('E3 provider', []);
    const hub = await resource(p, 'E3 provider hub', '2023-01-01');
    const counted = await party('E3 counted user', ['OTHER_USER'], 50_000, '2022-01-01');
    const uncounted = await party('E3 uncounted user', ['OTHER_USER']);
    await engage(counted, hub, '2023-02-01');
    await engage(uncounted, hub, '2023-02-01');
    await assessed(p, '2024-01-10');
    const r = (await next(p, '2025-01-10'))!;
    expect(r).toMatchObject({ type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER', cyclePosition: 2, premisesKnown: false, premisesUsed: 50_000 });
    expect(r.ruleIds).toContain('R-PREM-2');
    expect(r.explanation).toContain(`E3 uncounted user ${run}`);
    expect(r.explanation).not.toContain(`E3 counted user ${run}`);
    await ok(admin, `mutation($id: ID!) { recordDomesticPremises(partyId: $id, count: 10000, effectiveFrom: "2024-12-01") { id } }`, { id: uncounted });
    expect(await next(p, '2025-01-10')).toMatchObject({ type: 'VERIFICATION', premisesUsed: 60_000, premisesKnown: true });
  });

  it('E4 (R-SET-2, R-SET-3, R-SET-1): registered users of one provider: LEGACY bands on the aggregate (FULL as a Large Supplier), SECMP0044 on own premises', async () => {
    const h = await party('E4 provider', []);
    const hub = await resource(h, 'E4 hub', '2015-01-01');
    const n = await party('E4 N', ['GAS_TRANSPORTER'], 100_000, '2015-01-01');
    const x = await party('E4 others', ['IMPORT_SUPPLIER'], 200_000, '2015-01-01');
    await engage(n, hub, '2015-02-01');
    await engage(x, hub, '2015-02-01');
    // R-SET-2: the provider has no assessment of its own under LEGACY.
    expect(await next(h, '2016-05-01')).toBeNull();
    await assessed(n, '2016-05-01');
    const legacy = (await next(n, '2017-05-01'))!;
    expect(legacy).toMatchObject({ type: 'FULL', ruleSet: 'LEGACY', category: 'NETWORK', cyclePosition: 2, premisesUsed: 300_000, premisesKnown: true });
    expect(legacy.ruleIds).toEqual(expect.arrayContaining(['R-SET-2', 'R-SET-1']));
    expect(legacy.explanation).toContain('2018-08-22');
    const secmp = (await next(n, '2019-05-01'))!;
    expect(secmp).toMatchObject({ type: 'VERIFICATION', ruleSet: 'SECMP0044', category: 'NETWORK', cyclePosition: 2, premisesUsed: 100_000 });
    expect(secmp.ruleIds).toEqual(expect.arrayContaining(['R-SET-3', 'R-SET-1']));
    expect(secmp.explanation).toContain('2018-08-22');
    // R-SET-4 boundary: 2018-08-21 LEGACY, 2018-08-22 SECMP0044.
    expect(await next(n, '2018-08-21')).toMatchObject({ ruleSet: 'LEGACY', type: 'FULL' });
    expect(await next(n, '2018-08-22')).toMatchObject({ ruleSet: 'SECMP0044', type: 'VERIFICATION' });
    // The provider in its own right under SECMP0044, on the aggregate of its users: year 1 (no FULL covered it).
    expect(await next(h, '2019-05-01')).toMatchObject({ type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER', cyclePosition: 1, premisesUsed: 300_000 });
  });

  it('E4 (R-SET-2): an Other User of own 1,000 whose co-users hold 260,000 is FULL in year 3 under LEGACY and SELF under SECMP0044; aggregate of 250,000 or less keeps the pattern', async () => {
    const h = await party('E4 O provider', []);
    const hub = await resource(h, 'E4 O hub', '2014-01-01');
    const o = await party('E4 O', ['OTHER_USER'], 1_000, '2014-01-01');
    await engage(o, hub, '2014-02-01');
    await assessed(o, '2015-03-01'); // FULL (User Entry)
    expect((await assessed(o, '2016-03-01')).type).toBe('SELF'); // year 2, no co-users yet
    const y = await party('E4 O co-user', ['GAS_SUPPLIER'], 260_000, '2014-01-01');
    await engage(y, hub, '2016-06-01');
    expect(await next(o, '2017-05-01')).toMatchObject({ type: 'FULL', ruleSet: 'LEGACY', category: 'OTHER_USER', cyclePosition: 3, premisesUsed: 261_000 });
    expect(await next(o, '2019-05-01')).toMatchObject({ type: 'SELF', ruleSet: 'SECMP0044', cyclePosition: 3, premisesUsed: 1_000 });
    // Aggregate 250,000 exactly (small, R-PREM-3): NETWORK in year 2 keeps its pattern under LEGACY.
    const h2 = await party('E4 small provider', []);
    const hub2 = await resource(h2, 'E4 small hub', '2014-01-01');
    const net = await party('E4 small N', ['ELECTRICITY_DISTRIBUTOR'], 50_000, '2014-01-01');
    const co = await party('E4 small co-user', ['OTHER_USER'], 200_000, '2014-01-01');
    await engage(net, hub2, '2014-02-01');
    await engage(co, hub2, '2014-02-01');
    await assessed(net, '2015-03-01');
    expect(await next(net, '2016-03-01')).toMatchObject({ type: 'VERIFICATION', ruleSet: 'LEGACY', premisesUsed: 250_000, cyclePosition: 2 });
    await assessed(net, '2016-03-01');
    expect(await next(net, '2017-03-01')).toMatchObject({ type: 'SELF', ruleSet: 'LEGACY', premisesUsed: 250_000, cyclePosition: 3 });
  });

  it('E5 (R-MATRIX-6): determination dates: before the previous one and tomorrow refused with the words of E5; today and the previous day itself accepted; history in date order', async () => {
    const p = await party('E5 party', ['OTHER_USER'], 10, '2018-01-01');
    for (const year of [2019, 2020, 2021]) await assessed(p, `${year}-03-01`);
    await assessed(p, '2025-03-01');
    const before = await scheduleRaw(p, '2024-12-01', '2024-12-31');
    expect(before.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(before.errors?.[0]?.message).toContain('before the previous determination 2025-03-01');
    const future = await scheduleRaw(p, tomorrow(), tomorrow());
    expect(future.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(future.errors?.[0]?.message).toContain('in the future');
    // The previous determination day itself is not before it.
    const same = await schedule(p, '2025-03-01', '2025-06-01');
    await complete(same.id, '2025-06-02');
    await status(same.id, 'APPROVED', '2025-06-03');
    // Today, with no optional argument: accepted, booked today.
    const now = await schedule(p, today(), today());
    expect(now.scheduledOn).toBe(today());
    const list = (await ok(admin, `query($id: ID!) { party(id: $id) { assessments { calendarYear state } } }`, { id: p })).party.assessments as Array<{ calendarYear: number }>;
    expect(list.map((a) => a.calendarYear).sort()).toEqual([2019, 2020, 2021, 2025, 2025, Number(today().slice(0, 4))].sort());
  });

  it('E5 (R-MATRIX-6, R-STATUS-2): a cancelled assessment is no previous determination; a directed FULL before the previous determination is refused', async () => {
    const p = await party('E5 cancel party', ['IMPORT_SUPPLIER'], 10_000, '2018-01-01');
    await assessed(p, '2022-03-01');
    const booked = await schedule(p, '2023-03-01', '2023-05-01');
    const cancelled = await ok(admin, `mutation($id: ID!) { cancelAssessment(assessmentId: $id, reason: "E5: booked on the wrong date") { id state } }`, { id: booked.id });
    expect(cancelled.cancelAssessment.state).toBe('CANCELLED');
    // Counts for nothing: an earlier determination date is accepted, and it is still year 2.
    const again = await schedule(p, '2023-02-01', '2023-04-01');
    expect(again).toMatchObject({ type: 'VERIFICATION', requirement: { cyclePosition: 2 } });
    const directed = await gql(ssc, `mutation($id: ID!) { directFullAssessment(partyId: $id, reason: "E5", scheduledFor: "2023-01-15") { id } }`, { id: p });
    expect(directed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('E6 (R-STATUS-1, R-STATUS-2, R-MATRIX-3): a REJECTED year-2 assessment does not move the cycle; a cancelled one neither; a FOLLOW_UP neither', async () => {
    const p = await party('E6 supplier', ['GAS_SUPPLIER'], 100_000, '2020-01-01');
    await assessed(p, '2021-03-01');
    const rejected = await assessed(p, '2022-03-01', 'REJECTED');
    expect(rejected.type).toBe('VERIFICATION');
    // Still year 2: the rejected VERIFICATION does not count.
    expect(await next(p, '2023-03-01')).toMatchObject({ type: 'VERIFICATION', cyclePosition: 2 });
    const followUp = await ok(ssc, `mutation($id: ID!) { requestFollowUp(partyId: $id, reason: "E6: rejected", scheduledFor: "2022-09-01") { id type state party { id } } }`, { id: p });
    expect(followUp.requestFollowUp).toMatchObject({ type: 'FOLLOW_UP', state: 'SCHEDULED', party: { id: p } });
    await complete(followUp.requestFollowUp.id, '2022-09-10');
    await status(followUp.requestFollowUp.id, 'APPROVED', '2022-10-01');
    expect(await next(p, '2023-03-01')).toMatchObject({ type: 'VERIFICATION', cyclePosition: 2 });
    const booked = await schedule(p, '2023-03-01', '2023-04-01');
    await ok(admin, `mutation($id: ID!) { cancelAssessment(assessmentId: $id, reason: "E6: wrong") { id } }`, { id: booked.id });
    expect(await next(p, '2023-06-01')).toMatchObject({ type: 'VERIFICATION', cyclePosition: 2 });
    await assessed(p, '2023-06-01');
    expect(await next(p, '2024-06-01')).toMatchObject({ type: 'SELF', cyclePosition: 3 });
    await assessed(p, '2024-06-01');
    expect(await next(p, '2025-06-01')).toMatchObject({ type: 'FULL', cyclePosition: 1 });
    // An assessment with its assurance status set is the SSC's record: not cancelled.
    const list = (await ok(admin, `query($id: ID!) { party(id: $id) { assessments { id state type } } }`, { id: p })).party.assessments as Array<{ id: string; state: string; type: string }>;
    expect(list.filter((a) => a.state === 'CANCELLED')).toHaveLength(1);
    const cancelSet = await gql(admin, `mutation($id: ID!) { cancelAssessment(assessmentId: $id, reason: "no") { id } }`, { id: rejected.id });
    expect(cancelSet.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('E6 (R-STATUS-2, R-SRP-5): provider R, FULL REJECTED: still year 1; a directed FULL in the same year is accepted (directedBySsc); a cancelled one frees the year', async () => {
    const r = await party('E6 provider R', []);
    const hub = await resource(r, 'E6 R hub', '2023-01-01');
    const u = await party('E6 R user', ['OTHER_USER'], 150_000, '2022-01-01');
    await engage(u, hub, '2023-06-01');
    const full = await schedule(r, '2024-02-01', '2024-03-01');
    expect(full).toMatchObject({ type: 'FULL', calendarYear: 2024 });
    await complete(full.id, '2024-03-15');
    await status(full.id, 'REJECTED', '2024-05-01');
    expect(await next(r, '2025-02-01')).toMatchObject({ type: 'FULL', cyclePosition: 1, category: 'SHARED_RESOURCE_PROVIDER' });
    // R-SRP-5: a second annual one in 2024 is refused, with the domain code.
    const second = await scheduleRaw(r, '2024-06-01', '2024-09-01');
    expect(second.errors?.[0]?.extensions?.code).toBe('SRP_ALREADY_ASSESSED_THIS_YEAR');
    const directed = await ok(ssc, `mutation($id: ID!) { directFullAssessment(partyId: $id, reason: "E6: redo", scheduledFor: "2024-06-01") { id type directedBySsc calendarYear state } }`, {
      id: r,
    });
    expect(directed.directFullAssessment).toMatchObject({ type: 'FULL', directedBySsc: true, calendarYear: 2024, state: 'SCHEDULED' });
    await complete(directed.directFullAssessment.id, '2024-06-20');
    await status(directed.directFullAssessment.id, 'APPROVED', '2024-07-01');
    expect(await next(r, '2025-02-01')).toMatchObject({ type: 'VERIFICATION', cyclePosition: 2, premisesUsed: 150_000 });
    const annual = await schedule(r, '2025-02-01', '2025-03-01');
    await ok(admin, `mutation($id: ID!) { cancelAssessment(assessmentId: $id, reason: "E6: booked in error") { id state } }`, { id: annual.id });
    expect(await schedule(r, '2025-02-01', '2025-03-15')).toMatchObject({ type: 'VERIFICATION', state: 'SCHEDULED' });
  });

  it('E7 (R-SCHED-1): nextDueBy is 12 months from the status (2020-02-29 -> 2021-02-28); a past booking is booked on its determination date', async () => {
    const p = await party('E7 party', ['OTHER_USER'], 5, '2019-01-01');
    const a = await schedule(p, '2019-12-01', '2020-01-15');
    expect(a.scheduledOn).toBe('2019-12-01');
    await complete(a.id, '2020-02-01');
    expect(await status(a.id, 'APPROVED', '2020-02-29')).toMatchObject({ state: 'STATUS_SET', assuranceStatus: 'APPROVED', assuranceStatusSetOn: '2020-02-29', nextDueBy: '2021-02-28' });
    const b = await schedule(p, '2021-02-01', '2021-07-01');
    expect(b.scheduledOn).toBe('2021-02-01');
    await complete(b.id, '2021-07-02');
    expect(await status(b.id, 'APPROVED_SUBJECT_TO', '2023-05-10').catch((e: Error) => e.message)).toMatch(/BAD_USER_INPUT/);
    const subject = await ok(ssc, `mutation($id: ID!) { setAssuranceStatus(assessmentId: $id, status: APPROVED_SUBJECT_TO, setOn: "2021-08-10", conditions: "patch it") { nextDueBy } }`, { id: b.id });
    expect(subject.setAssuranceStatus.nextDueBy).toBe('2022-08-10');
    const read = (await ok(admin, `query($id: ID!) { assessment(id: $id) { scheduledOn scheduledFor nextDueBy assuranceStatusSetOn } }`, { id: b.id })).assessment;
    expect(read).toEqual({ scheduledOn: '2021-02-01', scheduledFor: '2021-07-01', nextDueBy: '2022-08-10', assuranceStatusSetOn: '2021-08-10' });
  });

  it('E13 (R-PARTY-1, R-SRP-4): no role and no qualifying resource: nextAssessment null without error, also in a page of parties; an opted-in part-system provider is assessed', async () => {
    const none = await party('E13 none', []);
    const partOnly = await party('E13 part not opted in', []);
    await resource(partOnly, 'E13 UTRN', '2024-01-01', 'PART_OF_USER_SYSTEM', false);
    const optedIn = await party('E13 part opted in', []);
    await resource(optedIn, 'E13 UTRN opted', '2024-01-01', 'PART_OF_USER_SYSTEM', true);
    expect(await next(none)).toBeNull();
    expect(await next(none, '2025-01-01')).toBeNull();
    expect(await next(partOnly)).toBeNull();
    expect(await next(optedIn)).toMatchObject({ type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER', coveredCategories: ['SHARED_RESOURCE_PROVIDER'], cyclePosition: 1 });
    // A page of parties with these in it answers without errors.
    const mine = new Map<string, unknown>();
    let after: string | null = null;
    for (let page = 0; page < 200 && mine.size < 3; page++) {
      const result: GraphQLResult<{ parties: Array<{ id: string; nextAssessment: { type: string } | null }> }> = await gql(
        admin,
        `query($after: String) { parties(first: 50, after: $after) { id nextAssessment { type } } }`,
        { after },
      );
      expect(result.errors).toBeUndefined();
      const list = result.data!.parties;
      if (list.length === 0) break;
      for (const p of list) if ([none, partOnly, optedIn].includes(p.id)) mine.set(p.id, p.nextAssessment);
      after = list[list.length - 1]!.id;
    }
    expect(Object.fromEntries(mine)).toEqual({ [none]: null, [partOnly]: null, [optedIn]: { type: 'FULL' } });
    // R-PARTY-1: a party with no role cannot be scheduled an assessment.
    const refused = await scheduleRaw(none, '2025-01-01', '2025-02-01');
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('R-SRP-2 (decision): a provider past its User Entry FULL that serves nobody is due no annual assessment; while it serves one it is', async () => {
    const p = await party('SRP-2 provider', []);
    const hub = await resource(p, 'SRP-2 hub', '2022-01-01');
    // No users: still its User Entry FULL.
    expect(await next(p, '2022-06-01')).toMatchObject({ type: 'FULL', cyclePosition: 1, premisesUsed: 0 });
    await assessed(p, '2022-06-01');
    expect(await next(p, '2023-06-01')).toBeNull();
    const u = await party('SRP-2 user', ['IMPORT_SUPPLIER'], 20_000, '2022-01-01');
    const e = await engage(u, hub, '2023-01-01');
    await ok(admin, `mutation($id: ID!) { endEngagement(engagementId: $id, endDate: "2023-12-31") { id endDate } }`, { id: e });
    expect(await next(p, '2023-06-01')).toMatchObject({ type: 'VERIFICATION', cyclePosition: 2, premisesUsed: 20_000 });
    expect(await next(p, '2023-12-31')).toMatchObject({ type: 'VERIFICATION' });
    expect(await next(p, '2024-01-01')).toBeNull();
  });

  it('E5 (R-MATRIX-3, R-MATRIX-6): three years of history booked first and completed afterwards give FULL, VERIFICATION, SELF, then FULL again', async () => {
    const p = await party('E5 booked first', ['ELECTRICITY_DISTRIBUTOR'], 40_000, '2018-01-01');
    const booked = [];
    for (const year of [2019, 2020, 2021]) booked.push(await schedule(p, `${year}-03-01`, `${year}-04-01`));
    expect(booked.map((a) => [a.type, a.requirement.cyclePosition, a.calendarYear])).toEqual([
      ['FULL', 1, 2019],
      ['VERIFICATION', 2, 2020],
      ['SELF', 3, 2021],
    ]);
    for (const a of booked) {
      await complete(a.id, a.scheduledFor);
      await status(a.id, 'APPROVED', a.scheduledFor);
    }
    expect(await next(p, '2022-03-01')).toMatchObject({ type: 'FULL', cyclePosition: 1, category: 'NETWORK' });
    expect((await next(p, '2022-03-01'))!.ruleIds).toEqual(expect.arrayContaining(['R-MATRIX-1', 'R-MATRIX-3']));
  });

  it('E3, E4 (R-PREM-2, R-SET-2): under LEGACY a co-user with no count makes the aggregate unknown: FULL, premisesKnown false; oversight sees the co-user named, the party itself only that a count is missing', async () => {
    const h = await party('E3L provider', []);
    const hub = await resource(h, 'E3L hub', '2014-01-01');
    const n = await party('E3L N', ['GAS_TRANSPORTER'], 10_000, '2014-01-01');
    const blank = await party('E3L co-user without count', ['OTHER_USER']);
    await engage(n, hub, '2014-02-01');
    await engage(blank, hub, '2014-02-01');
    await assessed(n, '2015-03-01');
    const r = (await next(n, '2016-03-01'))!;
    expect(r).toMatchObject({ type: 'FULL', ruleSet: 'LEGACY', cyclePosition: 2, premisesKnown: false, premisesUsed: 10_000 });
    expect(r.ruleIds).toEqual(expect.arrayContaining(['R-PREM-2', 'R-SET-2']));
    expect(r.explanation).toContain(`E3L co-user without count ${run}`);
    const own = await system.token('PARTY_USER', n);
    const seen = (await ok(own, `query($id: ID!) { party(id: $id) { nextAssessment(asOf: "2016-03-01") { type premisesKnown explanation } } }`, { id: n })).party.nextAssessment;
    expect(seen).toMatchObject({ type: 'FULL', premisesKnown: false });
    expect(seen.explanation).toMatch(/no premises count/);
    expect(seen.explanation).not.toContain(`E3L co-user without count ${run}`);
    // Under SECMP0044 the co-users do not matter (R-SET-3).
    expect(await next(n, '2019-03-01')).toMatchObject({ ruleSet: 'SECMP0044', type: 'VERIFICATION', premisesKnown: true, premisesUsed: 10_000 });
  });

  it('E2 through the PartyOverview operation of the contract, asOf omitted (today): a dual-role party today is FULL covering SUPPLIER and SHARED_RESOURCE_PROVIDER', async () => {
    const text = fs.readFileSync(path.join(CONTRACT_DIR, 'operations', 'parties.graphql'), 'utf8');
    const overview = text.slice(text.indexOf('query PartyOverview'));
    const s = await party('E2 overview S', ['IMPORT_SUPPLIER'], 100_000, '2022-01-01');
    await assessed(s, '2023-03-01');
    await assessed(s, '2024-03-01');
    const hub = await resource(s, 'E2 overview hub', '2025-01-15');
    const u = await party('E2 overview U', ['GAS_SUPPLIER'], 40_000, '2022-01-01');
    await engage(u, hub, '2025-02-01');
    const result = await gql(admin, overview, { id: s });
    expect(result.errors).toBeUndefined();
    const p = result.data!.party;
    expect(p).toMatchObject({ userRoles: ['IMPORT_SUPPLIER'], isSharedResourceProvider: true, domesticPremises: 100_000 });
    expect(p.engagementsAsProvider.map((e: { user: { id: string } }) => e.user.id)).toEqual([u]);
    expect(p.nextAssessment).toMatchObject({ type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER', coveredCategories: ['SUPPLIER', 'SHARED_RESOURCE_PROVIDER'], cyclePosition: 1 });
    expect(p.nextAssessment.explanation).toMatch(/Supplier in year 3 \(SELF\), Shared Resource Provider in year 1 \(FULL\)/);
    expect(p.assessments.map((a: { type: string }) => a.type)).toEqual(['FULL', 'VERIFICATION']);
    const asOf = await gql(admin, overview, { id: s, asOf: '2024-12-01' });
    expect(asOf.data!.party.nextAssessment).toMatchObject({ type: 'SELF', coveredCategories: ['SUPPLIER'] });
  });
});
