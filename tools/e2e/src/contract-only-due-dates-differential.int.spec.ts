import { randomBytes } from 'node:crypto';
import { requireKafka } from '@sec-assure/events/testing';
import { londonDayOf } from '@sec-assure/rules';
import { startSystem, type RunningSystem } from './system';
import { seeded } from './seeded';
import { addDays, addMonths } from './calendar';

// Differential probe of WHEN assessments are due (RULES.md R-SCHED-1/2/3, R-STATUS-1/2, R-MATRIX-6; EXAMPLES.md E6, E7),
// as an outside client: a model written from the rule text only, compared with Assessment.nextDueBy, the API schema's
// assessmentsDue(withinDays, asOf), fieldworkNotRecorded(asOf), assessmentTimingOverrides and schedulingExport(OVERDUE).
// Seeded: DUE_DATES_SEED. Model (rule text):
//  - the "last" assessment of a party is its latest annual (not FOLLOW_UP), not cancelled assessment whose status is set;
//    its due date is setOn + 12 months, the last day of the month where the day does not exist (R-SCHED-1);
//  - an SSC timing override replaces that date while it refers to that same last assessment (R-SCHED-2); a newer
//    status supersedes it;
//  - overdue on asOf: asOf > dueBy and no annual, not cancelled assessment was booked (scheduledOn) after the last one's
//    status and on or before asOf (R-SCHED-1, E7); a FOLLOW_UP is no annual assessment; a cancelled booking counts for
//    nothing (R-STATUS-2);
//  - assessmentsDue(withinDays, asOf) lists every party not booked whose dueBy <= asOf + withinDays, daysUntilDue =
//    dueBy - asOf; a booked party is either absent or listed with overdue false;
//  - fieldworkNotRecorded(asOf): not cancelled, no fieldwork, scheduledFor < asOf (R-SCHED-3).

const TODAY = londonDayOf(new Date());
const SEED = Number(process.env.DUE_DATES_SEED ?? 20261206);
const WORLDS = 26;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = any;
const dayNo = (d: string): number => Math.round(Date.parse(`${d}T12:00:00Z`) / 86_400_000);

interface Booking { id: string; scheduledOn: string; scheduledFor: string; cancelled: boolean; followUp: boolean; fieldwork: boolean }
interface World {
  key: string; id: string; name: string;
  first: string; setOn: string; status: string;
  bookings: Booking[];
  override?: { id: string; dueBy: string; superseded: boolean };
  second?: { id: string; setOn: string };
  notes: string[];
}

describe('contract only: due dates, differential (R-SCHED-1, R-SCHED-2, R-SCHED-3, R-STATUS-1/2, R-MATRIX-6)', () => {
  let system: RunningSystem;
  const run = randomBytes(3).toString('hex');
  const rnd = seeded(SEED);
  const worlds: World[] = [];
  let admin = '';
  let ssc = '';
  let cio = '';
  const trace: string[] = [];
  const ok = async (token: string, text: string, vars: Record<string, unknown> = {}): Promise<Data> => {
    const r = await system.query(token, text, vars);
    trace.push(`${text.replace(/\s+/g, ' ').slice(0, 90)} ${JSON.stringify(vars)} -> ${JSON.stringify(r.errors ?? r.data).slice(0, 200)}`);
    if (r.errors?.length) throw new Error(`${text.replace(/\s+/g, ' ').slice(0, 80)} ${JSON.stringify(vars)}: ${r.errors.map((e) => `${e.extensions?.code} ${e.message}`).join('; ')}`);
    return r.data;
  };
  const schedule = (partyId: string, on: string, forDay: string) =>
    ok(admin, `mutation($i: ScheduleAssessmentInput!) { scheduleAssessment(input: $i) { id type scheduledOn scheduledFor } }`, { i: { partyId, determinationDate: on, scheduledOn: on, scheduledFor: forDay } }).then((d) => d.scheduleAssessment);
  const fieldwork = (a: string, d: string) => ok(cio, `mutation($a: ID!, $d: Date!) { completeFieldwork(assessmentId: $a, completedOn: $d) { id } }`, { a, d });
  const setStatus = (a: string, s: string, d: string) =>
    ok(ssc, `mutation($a: ID!, $s: AssuranceStatus!, $d: Date!, $c: String) { setAssuranceStatus(assessmentId: $a, status: $s, setOn: $d, conditions: $c) { id nextDueBy assuranceStatusSetOn } }`,
      { a, s, d, c: s === 'APPROVED_SUBJECT_TO' ? 'conditions' : null }).then((x) => x.setAssuranceStatus);

  // Boundary days the status is set on: leap day, month ends, year ends, the two London clock changes, plain days.
  const BOUNDARY = ['2024-02-29', '2023-01-31', '2023-03-31', '2023-08-31', '2023-12-31', '2024-12-31', '2023-10-29', '2024-03-31',
    '2023-02-28', '2024-01-01', '2023-05-10', '2024-10-31', '2023-06-30', '2024-02-28', '2024-05-31', '2023-11-30'];

  /** The model's due date and whether it is booked on asOf. */
  const model = (w: World, asOf: string): { dueBy: string; booked: boolean; override: boolean } => {
    const lastSet = w.second?.setOn ?? w.setOn;
    const ruleDue = addMonths(lastSet, 12);
    const ov = w.override && !w.override.superseded ? w.override : undefined;
    const dueBy = ov ? ov.dueBy : ruleDue;
    const booked = !w.second && w.bookings.some((b) => !b.cancelled && !b.followUp && b.scheduledOn <= asOf && b.scheduledOn >= lastSet);
    return { dueBy, booked, override: Boolean(ov) };
  };

  beforeAll(async () => {
    await requireKafka();
    system = await startSystem({ ownTopics: true });
    admin = await system.token('SECAS_ADMIN');
    ssc = await system.token('SSC_MEMBER');
    cio = await system.token('USER_CIO');
    const kinds = ['plain', 'booked', 'bookedLate', 'cancelled', 'followUp', 'directed', 'overrideLater', 'overrideEarlier', 'superseded', 'pendingFieldwork'];
    for (let i = 0; i < WORLDS; i++) {
      const kind = i < kinds.length ? kinds[i]! : rnd.pick(kinds);
      const setOn = BOUNDARY[i % BOUNDARY.length]!;
      const status = kind === 'followUp' ? rnd.pick(['DEFERRED', 'REJECTED']) : rnd.pick(['APPROVED', 'APPROVED_SUBJECT_TO', 'DEFERRED', 'REJECTED']);
      const name = `DUE ${i} ${kind} ${run}`;
      const p = (await ok(admin, `mutation($i: RegisterPartyInput!) { registerParty(input: $i) { id } }`, {
        i: { name, userRoles: [rnd.pick(['OTHER_USER', 'GAS_SUPPLIER', 'ELECTRICITY_DISTRIBUTOR'])], domesticPremises: 1000 + i, premisesEffectiveFrom: '2020-01-01' },
      })).registerParty.id as string;
      const first = addDays(setOn, -60 - Math.floor(rnd.rnd() * 30));
      const a = await schedule(p, first, addDays(first, 10));
      await fieldwork(a.id, addDays(first, 10));
      const w: World = { key: `${i}:${kind}`, id: p, name, first: a.id, setOn, status, bookings: [], notes: [] };
      const st = await setStatus(a.id, status, setOn);
      w.notes.push(`FULL ${a.id} determined ${first}, status ${status} on ${setOn} (nextDueBy answered ${st.nextDueBy})`);
      const due = addMonths(setOn, 12);
      const book = async (on: string, forDay: string, fw = true): Promise<Booking> => {
        const b = await schedule(p, on, forDay);
        if (fw) await fieldwork(b.id, forDay);
        const bk: Booking = { id: b.id, scheduledOn: on, scheduledFor: forDay, cancelled: false, followUp: false, fieldwork: fw };
        w.bookings.push(bk);
        w.notes.push(`booked ${b.id} ${b.type} on ${on} for ${forDay}${fw ? ', fieldwork done' : ''}`);
        return bk;
      };
      if (kind === 'booked') await book(addDays(due, -Math.floor(rnd.rnd() * 20)), addDays(due, 40));
      if (kind === 'bookedLate') await book(addDays(due, 1 + Math.floor(rnd.rnd() * 15)), addDays(due, 50));
      if (kind === 'pendingFieldwork') await book(addDays(due, -5), addDays(due, 30), false);
      if (kind === 'cancelled') {
        const b = await book(addDays(due, -10), addDays(due, 20), false);
        await ok(admin, `mutation($a: ID!) { cancelAssessment(assessmentId: $a, reason: "probe: cancelled booking") { id state } }`, { a: b.id });
        b.cancelled = true;
        w.notes.push(`cancelled ${b.id} today`);
      }
      if (kind === 'followUp') {
        const f = (await ok(ssc, `mutation($p: ID!, $d: Date!) { requestFollowUp(partyId: $p, reason: "probe follow-up", scheduledFor: $d) { id type scheduledOn } }`, { p, d: addDays(setOn, 30) })).requestFollowUp;
        w.bookings.push({ id: f.id, scheduledOn: f.scheduledOn, scheduledFor: addDays(setOn, 30), cancelled: false, followUp: true, fieldwork: false });
        w.notes.push(`follow-up ${f.id} ${f.type} requested (scheduledOn ${f.scheduledOn}) for ${addDays(setOn, 30)}`);
      }
      if (kind === 'directed') {
        const d = (await ok(ssc, `mutation($p: ID!, $d: Date!) { directFullAssessment(partyId: $p, reason: "probe directed", scheduledFor: $d) { id type scheduledOn directedBySsc } }`, { p, d: addDays(TODAY, 10) })).directFullAssessment;
        w.bookings.push({ id: d.id, scheduledOn: d.scheduledOn, scheduledFor: addDays(TODAY, 10), cancelled: false, followUp: false, fieldwork: false });
        w.notes.push(`directed FULL ${d.id} booked ${d.scheduledOn} for ${addDays(TODAY, 10)}`);
      }
      if (kind === 'overrideLater' || kind === 'overrideEarlier' || kind === 'superseded') {
        const shift = (1 + Math.floor(rnd.rnd() * 90)) * (kind === 'overrideEarlier' ? -1 : 1);
        const o = (await ok(ssc, `mutation($p: ID!, $d: Date!) { overrideAssessmentTiming(partyId: $p, dueBy: $d, reason: "probe: SECMP0044 transition") { id dueBy previousDueBy reason overriddenBy lastAssessment { id } } }`,
          { p, d: addDays(due, shift) })).overrideAssessmentTiming;
        w.override = { id: o.id, dueBy: addDays(due, shift), superseded: false };
        w.notes.push(`override ${o.id} dueBy ${addDays(due, shift)} (previousDueBy answered ${o.previousDueBy}, lastAssessment ${o.lastAssessment?.id})`);
        if (kind === 'superseded') {
          const b = await book(addDays(due, -30), addDays(due, -20));
          const s2 = addDays(due, -5);
          await setStatus(b.id, 'APPROVED', s2);
          w.second = { id: b.id, setOn: s2 };
          w.override.superseded = true;
          w.notes.push(`new assessment ${b.id} APPROVED on ${s2}: the override is superseded`);
        }
      }
      worlds.push(w);
    }
  }, 300_000);

  afterAll(async () => {
    await system?.stop();
  }, 60_000);

  const describeWorld = (w: World) => `world ${w.key}: ${w.notes.join('; ')}`;

  it('R-SCHED-1: Assessment.nextDueBy is assuranceStatusSetOn + 12 months (last day of the month where the day does not exist: 2024-02-29 -> 2025-02-28)', async () => {
    const problems: string[] = [];
    for (const w of worlds) {
      const ids = [w.first, ...(w.second ? [w.second.id] : [])];
      for (const id of ids) {
        const a = (await ok(admin, `query($id: ID!) { assessment(id: $id) { id assuranceStatusSetOn nextDueBy } }`, { id })).assessment;
        const want = a.assuranceStatusSetOn ? addMonths(a.assuranceStatusSetOn, 12) : null;
        if (a.nextDueBy !== want) problems.push(`${describeWorld(w)}\n   assessment ${id}: nextDueBy ${a.nextDueBy}, expected ${want}`);
      }
    }
    expect(problems).toEqual([]);
  });

  const DUE = `query($w: Int!, $d: Date) { assessmentsDue(withinDays: $w, asOf: $d) { party { id } dueBy overdue daysUntilDue lastAssessment { id } scheduled { id } override { id dueBy } } }`;
  const asOfDays = (): string[] => {
    const s = new Set<string>([TODAY, addDays(TODAY, 400), '2022-01-01']);
    for (const w of worlds) {
      const { dueBy } = model(w, TODAY);
      for (const d of [-1, 0, 1]) s.add(addDays(dueBy, d));
      const ruleDue = addMonths(w.setOn, 12);
      s.add(ruleDue);
      s.add(addDays(ruleDue, 1));
      for (const b of w.bookings) { s.add(b.scheduledOn); s.add(addDays(b.scheduledOn, -1)); }
    }
    return [...s].sort();
  };

  it('R-SCHED-1, R-SCHED-2, R-STATUS-2 (E7): assessmentsDue(withinDays, asOf) agrees with the rule model: dueBy, overdue (the due day itself is not overdue), daysUntilDue, lastAssessment, override, booked parties not overdue', async () => {
    const problems: string[] = [];
    for (const asOf of asOfDays()) {
      for (const within of [0, 1, 30, 3660]) {
        const list: Data[] = (await ok(admin, DUE, { w: within, d: asOf })).assessmentsDue;
        for (const w of worlds) {
          // A cancellation is recorded today: before today the cancelled booking still existed, so compare such worlds from today on.
          if (w.bookings.some((b) => b.cancelled) && asOf < TODAY) continue;
          // Model mistake corrected: the platform reads the history as of asOf, so a status set after asOf does not exist yet.
          if (asOf < w.setOn) { if (list.some((r) => r.party.id === w.id)) problems.push(`listed before its first status: asOf ${asOf}; ${describeWorld(w)}`); continue; }
          // Before the second status the override (recorded today) was or was not in force: the rules do not say; skip.
          if (w.second && asOf < w.second.setOn) continue;
          const m = model(w, asOf);
          const rows = list.filter((r) => r.party.id === w.id);
          const where = `asOf ${asOf} withinDays ${within}: ${describeWorld(w)}\n   answered ${JSON.stringify(rows)}`;
          if (rows.length > 1) { problems.push(`listed twice; ${where}`); continue; }
          const row = rows[0];
          if (m.booked) {
            if (row && row.overdue) problems.push(`booked on or before asOf, yet overdue; ${where}`);
            continue;
          }
          const listed = dayNo(m.dueBy) <= dayNo(asOf) + within;
          const lastId = w.second?.id ?? w.first;
          if (!listed) { if (row) problems.push(`listed although dueBy ${m.dueBy} is after asOf + ${within}; ${where}`); continue; }
          if (!row) { problems.push(`missing: model dueBy ${m.dueBy}; ${where}`); continue; }
          const want = { dueBy: m.dueBy, overdue: asOf > m.dueBy, daysUntilDue: dayNo(m.dueBy) - dayNo(asOf), last: lastId, override: m.override ? w.override!.id : null };
          const got = { dueBy: row.dueBy, overdue: row.overdue, daysUntilDue: row.daysUntilDue, last: row.lastAssessment?.id ?? null, override: row.override?.id ?? null };
          if (JSON.stringify(want) !== JSON.stringify(got)) problems.push(`expected ${JSON.stringify(want)}; ${where}`);
        }
      }
    }
    expect(problems.slice(0, 15)).toEqual([]);
  });

  it('R-SCHED-2: every override records who, when, why and the date it replaced; assessmentTimingOverrides lists it', async () => {
    const problems: string[] = [];
    for (const w of worlds.filter((x) => x.override)) {
      const list: Data[] = (await ok(admin, `query($p: ID) { assessmentTimingOverrides(partyId: $p) { id dueBy reason previousDueBy overriddenBy overriddenAt lastAssessment { id } party { id } } }`, { p: w.id })).assessmentTimingOverrides;
      const o = list.find((x) => x.id === w.override!.id);
      const want = { dueBy: w.override!.dueBy, reason: 'probe: SECMP0044 transition', previousDueBy: addMonths(w.setOn, 12), last: w.first, party: w.id };
      const got = o && { dueBy: o.dueBy, reason: o.reason, previousDueBy: o.previousDueBy, last: o.lastAssessment?.id, party: o.party.id };
      if (!o || JSON.stringify(want) !== JSON.stringify(got) || !o.overriddenBy || !o.overriddenAt) problems.push(`${describeWorld(w)}\n   expected ${JSON.stringify(want)} with who/when, answered ${JSON.stringify(list)}`);
    }
    expect(problems).toEqual([]);
  });

  it('R-SCHED-3 (E7): fieldworkNotRecorded(asOf) lists exactly the not cancelled assessments whose scheduledFor has passed without fieldwork', async () => {
    const problems: string[] = [];
    for (const asOf of [TODAY, addDays(TODAY, 400)]) {
      const list: Data[] = (await ok(admin, `query($d: Date) { fieldworkNotRecorded(asOf: $d) { id } }`, { d: asOf })).fieldworkNotRecorded;
      const got = new Set(list.map((a) => a.id));
      for (const w of worlds) {
        for (const b of w.bookings) {
          const want = !b.cancelled && !b.fieldwork && b.scheduledFor < asOf;
          if (want !== got.has(b.id)) problems.push(`asOf ${asOf}: ${b.id} expected ${want ? 'listed' : 'absent'}; ${describeWorld(w)}`);
        }
        if (got.has(w.first)) problems.push(`asOf ${asOf}: ${w.first} has fieldwork yet is listed`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('R-SCHED-1: schedulingExport(OVERDUE, CSV, asOf) names exactly the parties assessmentsDue calls overdue, with the same dueBy and days overdue', async () => {
    const problems: string[] = [];
    for (const asOf of [TODAY, '2024-06-01', '2025-03-01']) {
      const list: Data[] = (await ok(admin, DUE, { w: 0, d: asOf })).assessmentsDue;
      const overdue = list.filter((r) => r.overdue).map((r) => `${r.party.id},${r.dueBy},${-r.daysUntilDue}`).sort();
      const file = (await ok(admin, `query($d: Date) { schedulingExport(table: OVERDUE, format: CSV, asOf: $d) { contentBase64 } }`, { d: asOf })).schedulingExport;
      const lines = Buffer.from(file.contentBase64, 'base64').toString('utf8').trim().split(/\r?\n/);
      const head = lines[0]!.split(',');
      const col = (n: string) => head.indexOf(n);
      const rows = lines.slice(1).map((l) => l.split(',')).map((c) => `${c[col('partyId')]},${c[col('dueBy')]},${c[col('daysOverdue')]}`).sort();
      if (JSON.stringify(rows) !== JSON.stringify(overdue)) problems.push(`asOf ${asOf}: export ${JSON.stringify(rows)}\n   assessmentsDue overdue ${JSON.stringify(overdue)}`);
    }
    expect(problems).toEqual([]);
  });

  it('R-SCHED-1 (days of the platform are Europe/London): assessmentsDue without asOf answers as of today in London', async () => {
    const a = (await ok(admin, `query { assessmentsDue(withinDays: 3660) { party { id } dueBy daysUntilDue overdue } }`)).assessmentsDue;
    const b = (await ok(admin, `query($d: Date) { assessmentsDue(withinDays: 3660, asOf: $d) { party { id } dueBy daysUntilDue overdue } }`, { d: londonDayOf(new Date()) })).assessmentsDue;
    const key = (xs: Data[]) => xs.map((x) => JSON.stringify(x)).sort();
    expect(key(a)).toEqual(key(b));
  });
  // ---- targeted cases -------------------------------------------------------------------------------------------------
  const reg = async (n: string): Promise<string> => (await ok(admin, `mutation($i: RegisterPartyInput!) { registerParty(input: $i) { id } }`, {
    i: { name: `DUE ${n} ${run}`, userRoles: ['OTHER_USER'], domesticPremises: 5, premisesEffectiveFrom: '2020-01-01' },
  })).registerParty.id;
  const rowOf = async (party: string, asOf: string, within = 3660): Promise<Data> =>
    ((await ok(admin, DUE, { w: within, d: asOf })).assessmentsDue as Data[]).find((r) => r.party.id === party) ?? null;
  const OVERRIDE = `mutation($p: ID!, $d: Date!, $r: String!) { overrideAssessmentTiming(partyId: $p, dueBy: $d, reason: $r) { id dueBy previousDueBy reason overriddenBy } }`;

  it('R-SCHED-2: successive overrides: the latest decides, each records the date it replaced; a blank reason or a caller other than the SSC is refused and changes nothing', async () => {
    const p = await reg('overrides');
    const a = await schedule(p, '2023-01-01', '2023-01-10');
    await fieldwork(a.id, '2023-01-10');
    await setStatus(a.id, 'APPROVED', '2023-02-01');
    const o1 = (await ok(ssc, OVERRIDE, { p, d: '2024-03-01', r: 'one' })).overrideAssessmentTiming;
    const o2 = (await ok(ssc, OVERRIDE, { p, d: '2024-01-15', r: 'two' })).overrideAssessmentTiming;
    expect([o1.previousDueBy, o2.previousDueBy]).toEqual(['2024-02-01', '2024-03-01']);
    for (const [token, code] of [[admin, 'FORBIDDEN'], [await system.token('PARTY_USER', p), 'FORBIDDEN'], [ssc, 'BAD_USER_INPUT']] as const) {
      const r = await system.query(token, OVERRIDE, { p, d: '2030-01-01', r: token === ssc ? '  ' : 'x' });
      expect(r.errors?.[0]?.extensions?.code).toBe(code);
    }
    expect(await rowOf(p, '2024-01-15', 0)).toMatchObject({ dueBy: '2024-01-15', overdue: false, daysUntilDue: 0, override: { id: o2.id } });
    expect(await rowOf(p, '2024-01-16', 0)).toMatchObject({ dueBy: '2024-01-15', overdue: true, daysUntilDue: -1, lastAssessment: { id: a.id } });
  });

  it('R-STATUS-2, R-SCHED-1 (E6): after REJECTED a directed FULL approved today sets the due date to today + 12 months and becomes the last assessment', async () => {
    const p = await reg('directed');
    const a = await schedule(p, '2024-01-01', '2024-01-10');
    await fieldwork(a.id, '2024-01-10');
    await setStatus(a.id, 'REJECTED', '2024-02-01');
    expect(await rowOf(p, TODAY)).toMatchObject({ dueBy: '2025-02-01', overdue: true, lastAssessment: { id: a.id } });
    const d = (await ok(ssc, `mutation($p: ID!, $d: Date!) { directFullAssessment(partyId: $p, reason: "after REJECTED", scheduledFor: $d) { id directedBySsc } }`, { p, d: TODAY })).directFullAssessment;
    expect(d.directedBySsc).toBe(true);
    const booked = await rowOf(p, TODAY); // booked today: not overdue (absent, or listed not overdue)
    if (booked) expect(booked.overdue).toBe(false);
    await fieldwork(d.id, TODAY);
    const st = await setStatus(d.id, 'APPROVED', TODAY);
    const due = addMonths(TODAY, 12);
    expect(st.nextDueBy).toBe(due);
    expect(await rowOf(p, TODAY)).toMatchObject({ dueBy: due, overdue: false, daysUntilDue: dayNo(due) - dayNo(TODAY), lastAssessment: { id: d.id }, override: null });
  });

  it('R-SCHED-1, R-STATUS-2: a cancelled booking counts for nothing (overdue again); a new booking ends the overdue; a booking made before the previous status was set counts as booked', async () => {
    const p = await reg('cancel');
    const a = await schedule(p, '2023-01-01', '2023-01-10');
    await fieldwork(a.id, '2023-01-10');
    await setStatus(a.id, 'APPROVED', '2023-02-01');
    const b = await schedule(p, '2024-01-20', '2024-03-01');
    expect((await rowOf(p, TODAY))?.overdue ?? false).toBe(false);
    await ok(admin, `mutation($a: ID!) { cancelAssessment(assessmentId: $a, reason: "probe") { id state } }`, { a: b.id });
    expect(await rowOf(p, TODAY)).toMatchObject({ dueBy: '2024-02-01', overdue: true, scheduled: null });
    const c = await schedule(p, TODAY, addDays(TODAY, 30));
    const row = await rowOf(p, TODAY);
    if (row) expect(row).toMatchObject({ overdue: false, scheduled: { id: c.id } });
    // Booked in advance, before the previous assessment's status was set: scheduled on or before the due date (R-SCHED-1).
    const q = await reg('advance');
    const x = await schedule(q, '2023-01-01', '2023-01-10');
    await fieldwork(x.id, '2023-01-10');
    await schedule(q, '2023-03-01', '2024-01-10');
    await setStatus(x.id, 'APPROVED', '2023-04-01');
    const advance = await rowOf(q, '2024-04-02');
    if (advance) expect(advance.overdue).toBe(false);
  });

  it('R-SCHED-1, R-STATUS-1: a FOLLOW_UP is not an annual assessment: booking it does not end the overdue, and the due date stays the annual assessment\'s', async () => {
    const p = await reg('followup');
    const a = await schedule(p, '2023-01-01', '2023-01-10');
    await fieldwork(a.id, '2023-01-10');
    await setStatus(a.id, 'DEFERRED', '2023-02-01');
    const f = (await ok(ssc, `mutation($p: ID!) { requestFollowUp(partyId: $p, reason: "deferred", scheduledFor: "2023-03-01") { id type } }`, { p })).requestFollowUp;
    expect(f.type).toBe('FOLLOW_UP');
    expect(await rowOf(p, '2024-02-02', 0)).toMatchObject({ dueBy: '2024-02-01', overdue: true, daysUntilDue: -1, lastAssessment: { id: a.id } });
  });

  it('assessmentsDue refuses withinDays outside its documented range (BAD_USER_INPUT) and is not open to a PARTY_USER without a party', async () => {
    for (const w of [-1, 3661]) expect((await system.query(admin, DUE, { w, d: TODAY })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await system.query(await system.token('PARTY_USER', worlds[0]!.id), DUE, { w: 5, d: TODAY })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
