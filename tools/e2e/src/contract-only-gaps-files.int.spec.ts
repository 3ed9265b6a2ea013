import { randomBytes } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { parse as parseCsv } from 'csv-parse/sync';
import { TOPICS } from '@sec-assure/events';
import { requireKafka } from '@sec-assure/events/testing';
import { londonDayOf } from '@sec-assure/rules';
import { startSystem, type GraphQLResult, type RunningSystem } from './system';
import { contractClient, codeOf, type ContractTokens } from './contract-client';
import { recordTopic, type TopicRecording } from './topic-recorder';
import { addDays } from './calendar';

// Coverage gaps of README "Files in and out, and notices by email (issue 16)" and the matching api-schema descriptions
// (premises import, every export, per role, round trip), through the gateway only, as an outside client. What
// contract-only-data-exchange and the other specs already assert is not repeated here; these are the edges:
// - iCalendar days at the BST boundaries (all-day events: a DATE start, one day long), UID `<id>@sec-assure` exactly,
//   a cancellation exactly one SEQUENCE on, and the SCHEDULE table's days on the same dates;
// - CSV import: a BOM before a quoted header, a multi-line quoted cell, a row short of cells; counts 0 and past Int;
// - the apply's events (key, subject, shape as recordDomesticPremises's) and audit entries (one each, eventId linked);
//   a refused apply over the 1000-problem cap; XLSX sheet row numbers, Excel dates on BST days, an applied file twice;
// - names starting with ' or a formula character read back by name (CSV and XLSX); the exported workbook itself
//   read back in;
// - partyId given to a register-wide export by a PARTY_USER or USER_CIO; the pack's titles outside Windows-1252.

const TODAY = londonDayOf(new Date());
const YEAR = Number(TODAY.slice(0, 4));
/** The last Sunday of a month (the UK clock changes: March and October). */
const lastSunday = (year: number, month: number): string => {
  const last = new Date(Date.UTC(year, month, 0));
  return addDays(last.toISOString().slice(0, 10), -last.getUTCDay());
};
const FUTURE_SPRING = lastSunday(YEAR + 1, 3); // clocks forward, after today

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = any;
interface ExportFile { fileName: string; contentType: string; contentBase64: string }
interface Report { dryRun: boolean; rows: number; toRecord: number; recorded: number; unchanged: number; problemCount: number; problems: Array<{ row: number; field: string; message: string }> }
const FILE = 'fileName contentType contentBase64';
const bytesOf = (f: ExportFile): Buffer => Buffer.from(f.contentBase64, 'base64');
const textOf = (f: ExportFile): string => new TextDecoder('utf-8', { fatal: true }).decode(bytesOf(f));
const csvRows = (f: ExportFile): { header: string[]; rows: string[][] } => {
  const all = parseCsv(textOf(f), { bom: true }) as string[][];
  return { header: all[0]!, rows: all.slice(1) };
};
const toCsv = (rows: string[][], eol = '\n'): string => rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join(eol) + eol;
const brief = (r: Report) => ({ ...r, problems: r.problems.map((p) => `${p.row}:${p.field}`) });
/** An Excel cell as a day: text as is, a date cell as its UTC day (README: Excel dates read as UTC days). */
const cellDay = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? ''));

async function xlsxRows(f: ExportFile): Promise<{ header: string[]; rows: unknown[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytesOf(f) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const width = ws.getRow(1).cellCount;
  const out: unknown[][] = [];
  ws.eachRow((row, n) => {
    const values: unknown[] = [];
    for (let c = 1; c <= width; c++) values.push(row.getCell(c).value ?? '');
    out[n - 1] = values;
  });
  return { header: (out[0] ?? []).map(String), rows: out.slice(1) };
}
const workbookBase64 = async (wb: ExcelJS.Workbook): Promise<string> => Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');

// ---- iCalendar -------------------------------------------------------------------------------------------------------
interface CalEvent { uid: string; start: string; startIsDate: boolean; end: string; status: string; sequence: number }
/** Each VEVENT as a calendar program reads it (ical.js): the start day, and the day the event ends (RFC 5545 3.6.1:
 * DTEND, else DTSTART + DURATION, else one day for a DATE start). */
function calendarEvents(ics: string): CalEvent[] {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return cal.getAllSubcomponents('vevent').map((e: Data) => {
    const start = e.getFirstPropertyValue('dtstart');
    const dtend = e.getFirstPropertyValue('dtend');
    const duration = e.getFirstPropertyValue('duration');
    let end: string;
    if (dtend) end = dtend.isDate ? dtend.toString() : `${dtend.toString()} (a time, not a day)`;
    else if (duration) {
      const t = start.clone();
      t.addDuration(duration);
      end = t.isDate ? t.toString() : `${t.toString()} (a time, not a day)`;
    } else end = start.isDate ? addDays(start.toString(), 1) : '(no end)';
    return {
      uid: String(e.getFirstPropertyValue('uid')),
      start: String(start.toString()),
      startIsDate: Boolean(start.isDate),
      end,
      status: String(e.getFirstPropertyValue('status') ?? ''),
      sequence: Number(e.getFirstPropertyValue('sequence') ?? 0),
    };
  });
}

// ---- PDF text (as in contract-only-data-exchange: pdfkit's standard fonts, WinAnsiEncoding, Flate streams) ---------
const WIN_ANSI_HIGH: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž',
  0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};
const winAnsi = (b: Buffer): string => Array.from(b, (x) => WIN_ANSI_HIGH[x] ?? String.fromCharCode(x)).join('');
function pdfText(pdf: Buffer): string {
  const s = pdf.toString('latin1');
  const lines: string[] = [];
  for (const m of s.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const at = body.indexOf('stream');
    if (at < 0) continue;
    const dict = body.slice(0, at);
    let raw = body.slice(at + 'stream'.length).replace(/^\r?\n/, '');
    raw = raw.slice(0, raw.lastIndexOf('endstream')).replace(/\r?\n$/, '');
    let stream = raw;
    if (/\/FlateDecode/.test(dict)) {
      try { stream = inflateSync(Buffer.from(raw, 'latin1')).toString('latin1'); } catch { stream = ''; }
    }
    if (!/\bBT\b/.test(stream)) continue;
    for (const block of stream.matchAll(/BT([\s\S]*?)ET/g)) {
      let line = '';
      for (const t of block[1]!.matchAll(/<([0-9a-fA-F]*)>|\(((?:\\.|[^\\)])*)\)/g)) {
        if (t[1] !== undefined) line += winAnsi(Buffer.from(t[1], 'hex'));
        else if (t[2] !== undefined) line += winAnsi(Buffer.from(t[2].replace(/\\([0-7]{1,3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))).replace(/\\([()\\])/g, '$1'), 'latin1'));
      }
      lines.push(line);
    }
  }
  return lines.join('\n');
}
const pdfHas = (text: string, s: string): boolean => text.includes(s) || text.replace(/\n/g, '').includes(s) || text.replace(/\n/g, ' ').includes(s);
/** README issue 16: the pack's standard fonts show Windows-1252 only; any other character is written as <U+XXXX>. */
const asPdfShows = (name: string): string =>
  [...name].map((c) => (/^[\x20-\x7e\xa0-\xff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]$/.test(c) ? c : `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`)).join('');

describe('contract only: coverage gaps of files in and out (README "Files in and out" issue 16; api-schema import/export fields; contract README §2, §3)', () => {
  let system: RunningSystem;
  let tokens: ContractTokens;
  let registry: TopicRecording;
  const run = randomBytes(3).toString('hex');
  const cl = contractClient(() => system, run, () => tokens);
  const { gql, ok } = cl;
  const P: Record<string, { id: string; name: string }> = {};
  const A: Record<string, string> = {};
  const tok: Record<string, string> = {};

  const register = async (key: string, name: string, userRoles: string[], premises?: [number, string]): Promise<string> => {
    const input: Record<string, unknown> = { name: `${name} ${run}`, userRoles, rolesEffectiveFrom: '2020-01-01' };
    if (premises) { input.domesticPremises = premises[0]; input.premisesEffectiveFrom = premises[1]; }
    P[key] = (await ok(tokens.admin, `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id name } }`, { input })).registerParty;
    return P[key]!.id;
  };
  const exportFile = (token: string, field: string): Promise<GraphQLResult<Data>> => gql(token, `{ f: ${field} { ${FILE} } }`);
  const exported = async (field: string, token = tokens.admin): Promise<ExportFile> => {
    const r = await exportFile(token, field);
    if (r.errors) throw new Error(`${field}: ${r.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ')}`);
    return r.data.f as ExportFile;
  };
  const IMPORT = `mutation($input: ImportDomesticPremisesInput!) { importDomesticPremises(input: $input) { dryRun rows toRecord recorded unchanged problemCount problems { row field message } } }`;
  const imported = async (content: string, dryRun?: boolean, format = 'CSV'): Promise<Report> => {
    const r = await gql(tokens.admin, IMPORT, { input: { format, content, ...(dryRun === undefined ? {} : { dryRun }) } });
    if (r.errors) throw new Error(`importDomesticPremises: ${r.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ')}`);
    return r.data!.importDomesticPremises as Report;
  };
  const history = async (key: string): Promise<Array<{ count: number; effectiveFrom: string }>> =>
    (await ok(tokens.admin, `query($id: ID!) { party(id: $id) { domesticPremisesHistory { count effectiveFrom } } }`, { id: P[key]!.id })).party.domesticPremisesHistory;
  const audit = async (key: string): Promise<Array<{ kind: string; eventId: string }>> =>
    ((await ok(tokens.admin, `query($id: ID!) { party(id: $id) { history { kind eventId } } }`, { id: P[key]!.id })).party.history as Array<{ kind: string; eventId: string }>).filter((h) => h.kind === 'DOMESTIC_PREMISES_RECORDED');
  const premisesEvents = (key: string) => registry.about(P[key]!.id, 'DomesticPremisesRecorded');
  let marker = 0;
  /** Everything published about these parties so far has been read: a later event on the same key has arrived. */
  const drained = async (keys: string[]): Promise<void> => {
    for (const key of keys) {
      const id = P[key]!.id;
      const before = registry.about(id, 'PartyContactChanged').length;
      await ok(tokens.admin, `mutation($id: ID!, $e: String) { setPartyContactEmail(partyId: $id, email: $e) { id } }`, { id, e: `marker-${++marker}-${run}@example.org` });
      await registry.waitFor(() => registry.about(id, 'PartyContactChanged').length > before);
    }
  };

  beforeAll(async () => {
    await requireKafka();
    system = await startSystem({ ownTopics: true });
    tokens = { admin: await system.token('SECAS_ADMIN'), ssc: await system.token('SSC_MEMBER'), cio: await system.token('USER_CIO') };
    registry = await recordTopic(system.topic(TOPICS.partyRegistry), `gaps-files-${run}`);

    // Assessments on the UK clock-change days (and one in summer), each party its own (R-MATRIX-6 orders each party's).
    await register('B1', 'Bst Spring', ['OTHER_USER'], [10, '2020-01-01']);
    await register('B2', 'Bst Autumn', ['OTHER_USER'], [10, '2020-01-01']);
    await register('B3', 'Bst Summer', ['OTHER_USER'], [10, '2020-01-01']);
    await register('B4', 'Bst Future', ['OTHER_USER'], [10, '2020-01-01']);
    A.b1 = (await cl.assessed(P.B1!.id, '2025-03-30')).id; // fieldwork 2025-04-30, status 2025-05-30
    A.b2 = (await cl.schedule(P.B2!.id, '2025-10-26', '2025-10-26')).id;
    A.b3 = (await cl.schedule(P.B3!.id, '2025-07-01', '2025-07-01')).id;
    A.b4 = (await cl.schedule(P.B4!.id, TODAY, FUTURE_SPRING)).id;

    // Import parties.
    await register('M1', 'Imp One', ['OTHER_USER']);
    await register('M2', 'Imp Two', ['OTHER_USER']);
    await register('M3', 'Imp Three', ['OTHER_USER']);
    await register('CM', 'Comma, "Co"', ['OTHER_USER']);
    await register('Z', 'Zero Count', ['OTHER_USER']);
    await register('BIG', 'Big Count', ['OTHER_USER']);
    await register('E1', 'Events One', ['OTHER_USER'], [100, '2024-01-01']);
    await register('E2', 'Events Two', ['OTHER_USER']);
    await register('E3', 'Events Three', ['OTHER_USER']);
    await register('C1', 'Cap One', ['OTHER_USER']);
    await register('C2', 'Cap Two', ['OTHER_USER']);
    await register('X1', 'Xlsx One', ['OTHER_USER']);
    await register('X2', 'Xlsx Two', ['OTHER_USER']);
    await register('X3', 'Xlsx Three', ['OTHER_USER']);
    await register('X4', 'Xlsx Four', ['OTHER_USER']);
    // Names a spreadsheet would run (guarded in CSV exports) and names that really start with ' (not a guard).
    for (const [key, name] of [['Q1', "'Apostrophe Energy"], ['Q2', "'=Quoted Eq"], ['F1', '=SUM(A1)'], ['F2', '+Plus Power'], ['F3', '@At Gas'], ['F4', '-Minus Grid']] as const)
      await register(key, name, ['OTHER_USER'], [1, '2021-01-01']);

    // A provider, two of its users (both assessed long ago: overdue now), documents about the provider.
    const pv = await register('PV', 'Prov Files', []);
    const r = await cl.resource(pv, 'files hub', '2022-01-01');
    await register('U', 'User Files', ['OTHER_USER'], [50, '2021-01-01']);
    await register('O', 'Other Files', ['OTHER_USER'], [60, '2021-01-01']);
    await cl.engage(P.U!.id, r, '2022-03-01');
    await cl.engage(P.O!.id, r, '2022-03-01');
    A.u = (await cl.assessed(P.U!.id, '2024-02-01')).id;
    A.o = (await cl.assessed(P.O!.id, '2024-02-02')).id;
    tok.puU = await system.token('PARTY_USER', P.U!.id);
    tok.puB1 = await system.token('PARTY_USER', P.B1!.id);
  }, 240_000);

  afterAll(async () => {
    await registry?.stop();
    await system?.stop();
  }, 60_000);

  // ---- assessmentCalendar and SCHEDULE on the clock-change days ------------------------------------------------------
  it('assessmentCalendar (README issue 16: "one all-day event per assessment, UID the assessment id with @sec-assure"): assessments on the BST start and end days, in summer and on a future BST start are each a DATE event of exactly that one day; a PARTY_USER\'s own calendar says the same', async () => {
    const want = [['b1', '2025-03-30'], ['b2', '2025-10-26'], ['b3', '2025-07-01'], ['b4', FUTURE_SPRING]] as const;
    const all = calendarEvents(textOf(await exported(`assessmentCalendar`)));
    const got: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    for (const [key, day] of want) {
      const uid = `${A[key]!}@sec-assure`;
      const e = all.find((x) => x.uid.includes(A[key]!));
      got[key] = e ? { uid: e.uid, start: e.start, startIsDate: e.startIsDate, end: e.end } : 'missing';
      expected[key] = { uid, start: day, startIsDate: true, end: addDays(day, 1) };
    }
    expect(got).toEqual(expected);
    // The party's own calendar, as SECAS and as the party's user read it.
    const mine = calendarEvents(textOf(await exported(`assessmentCalendar(partyId: "${P.B1!.id}")`, tok.puB1)));
    const asAdmin = calendarEvents(textOf(await exported(`assessmentCalendar(partyId: "${P.B1!.id}")`)));
    expect(mine).toEqual(asAdmin);
    expect(mine.map((e) => [e.uid, e.start, e.end])).toEqual([[`${A.b1}@sec-assure`, '2025-03-30', '2025-03-31']]);
  });

  it('schedulingExport SCHEDULE (README issue 16) on the BST days: every day column (scheduledFor, scheduledOn, fieldworkCompletedOn, assuranceStatusSetOn, nextDueBy) as the reads say, in CSV and XLSX', async () => {
    const COLS = ['assessmentId', 'scheduledFor', 'scheduledOn', 'fieldworkCompletedOn', 'assuranceStatusSetOn', 'nextDueBy'];
    const expected: string[][] = [];
    for (const key of ['b1', 'b2', 'b3', 'b4']) {
      const a = (await ok(tokens.admin, `query($id: ID!) { assessment(id: $id) { id scheduledFor scheduledOn fieldworkCompletedOn assuranceStatusSetOn nextDueBy } }`, { id: A[key] })).assessment;
      expected.push([a.id, a.scheduledFor, a.scheduledOn, a.fieldworkCompletedOn ?? '', a.assuranceStatusSetOn ?? '', a.nextDueBy ?? '']);
    }
    // The world's own days (the reads themselves are checked elsewhere): b1 scheduled, done and approved around BST.
    expect(expected[0]).toEqual([A.b1, '2025-03-30', '2025-03-30', '2025-04-30', '2025-05-30', '2026-05-30']);
    const csv = csvRows(await exported(`schedulingExport(table: SCHEDULE, format: CSV)`));
    const xlsx = await xlsxRows(await exported(`schedulingExport(table: SCHEDULE, format: XLSX)`));
    const pick = (header: string[], rows: unknown[][]) =>
      expected.map(([id]) => { const row = rows.find((r) => String(r[header.indexOf('assessmentId')]) === id); return row ? COLS.map((c) => cellDay(row[header.indexOf(c)])) : ['missing', id]; });
    expect({ csv: pick(csv.header, csv.rows), xlsx: pick(xlsx.header, xlsx.rows) }).toEqual({ csv: expected, xlsx: expected });
  });

  it('assessmentCalendar, R-STATUS-2 (README issue 16: "cancelled ones CANCELLED one SEQUENCE on"): cancelling the future BST-day booking keeps its UID and day and moves SEQUENCE by exactly one; the SCHEDULE table shows it cancelled today', async () => {
    const read = async () => calendarEvents(textOf(await exported(`assessmentCalendar(partyId: "${P.B4!.id}")`))).find((e) => e.uid.includes(A.b4!))!;
    const before = await read();
    expect(before.status).not.toBe('CANCELLED');
    await ok(tokens.admin, `mutation($id: ID!) { cancelAssessment(assessmentId: $id, reason: "clock change clash") { id } }`, { id: A.b4 });
    const after = await read();
    expect({ uid: after.uid, start: after.start, end: after.end, status: after.status, sequence: after.sequence }).toEqual({
      uid: `${A.b4}@sec-assure`, start: FUTURE_SPRING, end: addDays(FUTURE_SPRING, 1), status: 'CANCELLED', sequence: before.sequence + 1,
    });
    const inAll = calendarEvents(textOf(await exported(`assessmentCalendar`))).find((e) => e.uid.includes(A.b4!))!;
    expect([inAll.status, inAll.sequence]).toEqual(['CANCELLED', before.sequence + 1]);
    const { header, rows } = csvRows(await exported(`schedulingExport(table: SCHEDULE, format: CSV, partyId: "${P.B4!.id}")`));
    const row = rows.find((r) => r[header.indexOf('assessmentId')] === A.b4)!;
    expect(['state', 'scheduledFor', 'cancelledOn'].map((c) => row[header.indexOf(c)])).toEqual(['CANCELLED', FUTURE_SPRING, TODAY]);
  });

  // ---- importDomesticPremises: CSV edges -------------------------------------------------------------------------------
  it('importDomesticPremises CSV (README issue 16, api-schema PremisesImportProblem): a BOM before a quoted header in another order and case, a quoted name with comma and quotes, a quoted note over two CRLF lines, and a row short of cells: the short row is a problem of its own row and column, every other row is still checked', async () => {
    const before = { M2: await history('M2'), M3: await history('M3'), CM: await history('CM') };
    const content = [
      '\uFEFF"EffectiveFrom","PARTY","Count","Note"',
      `2026-03-29,"${P.CM!.name.replace(/"/g, '""')}",10,"first line\r\nsecond, line"`, // row 2 (two lines)
      `2026-03-29,${P.M2!.id}`, // row 3: no count cell
      `2026-10-25,${P.M3!.id},30,`, // row 4
      `2026-10-25,${P.M1!.name},bad,x`, // row 5: count
    ].join('\r\n') + '\r\n';
    const r = await imported(content);
    expect(brief(r)).toEqual({ dryRun: true, rows: 4, toRecord: 2, recorded: 0, unchanged: 0, problemCount: 2, problems: ['3:count', '5:count'] });
    // The same file without its two bad rows applies (so the BOM, quoted header and the two-line cell were read).
    const fixed = content.split('\r\n').filter((l) => !l.startsWith(`2026-03-29,${P.M2!.id}`) && !l.includes(',bad,')).join('\r\n');
    expect(brief(await imported(fixed, false))).toEqual({ dryRun: false, rows: 2, toRecord: 2, recorded: 2, unchanged: 0, problemCount: 0, problems: [] });
    expect({ M2: await history('M2'), M3: await history('M3'), CM: await history('CM') }).toEqual({
      M2: before.M2, M3: [{ count: 30, effectiveFrom: '2026-10-25' }], CM: [{ count: 10, effectiveFrom: '2026-03-29' }],
    });
  });

  it('importDomesticPremises counts (R-PREM-1, R-PREM-2 "a count of 0 is a real count"; recordDomesticPremises takes an Int): 0 is recorded and read back as 0 (reads and register export); a count past the API\'s Int is a problem of its row, nothing recorded', async () => {
    expect(brief(await imported(`party,count,effectiveFrom\n${P.Z!.id},0,2026-02-01\n`, false))).toEqual({ dryRun: false, rows: 1, toRecord: 1, recorded: 1, unchanged: 0, problemCount: 0, problems: [] });
    const z = (await ok(tokens.admin, `query($id: ID!) { party(id: $id) { domesticPremisesHistory { count effectiveFrom } domesticPremises(asOf: "2026-02-01") } }`, { id: P.Z!.id })).party;
    expect(z).toEqual({ domesticPremisesHistory: [{ count: 0, effectiveFrom: '2026-02-01' }], domesticPremises: 0 });
    const { header, rows } = csvRows(await exported(`registerExport(format: CSV, asOf: "2026-02-01", partyId: "${P.Z!.id}")`));
    expect([rows[0]![header.indexOf('domesticPremises')], rows[0]![header.indexOf('premisesEffectiveFrom')]]).toEqual(['0', '2026-02-01']);
    // Again: unchanged (an equal 0 is no "missing" count).
    expect(brief(await imported(`party,count,effectiveFrom\n${P.Z!.name},0,2026-02-01\n`, false))).toMatchObject({ recorded: 0, unchanged: 1, problemCount: 0 });

    const big = await imported(`party,count,effectiveFrom\n${P.M1!.id},7,2026-05-01\n${P.BIG!.id},3000000000,2026-05-01\n`, false);
    const bigHistory = await gql(tokens.admin, `query($id: ID!) { party(id: $id) { domesticPremisesHistory { count effectiveFrom } } }`, { id: P.BIG!.id });
    expect({ report: brief(big), historyErrors: bigHistory.errors?.map((e) => e.message) ?? [], history: bigHistory.data?.party?.domesticPremisesHistory }).toEqual({
      report: { dryRun: false, rows: 2, toRecord: 1, recorded: 0, unchanged: 0, problemCount: 1, problems: ['3:count'] }, historyErrors: [], history: [],
    });
  });

  // ---- the apply: events and audit entries ---------------------------------------------------------------------------
  it('importDomesticPremises apply (README issue 16 "one DomesticPremisesRecorded event and one audit entry per new count"; contract README §3 key = aggregate id): two new counts of one party and one of another publish three events keyed and shaped as recordDomesticPremises\'s, three audit entries carrying those event ids; the unchanged row and the same file again add nothing', async () => {
    // The reference: recordDomesticPremises's own event.
    await ok(tokens.admin, `mutation($p: ID!) { recordDomesticPremises(partyId: $p, count: 9, effectiveFrom: "2025-01-01") { id } }`, { p: P.E3!.id });
    const reference = await registry.waitFor(() => premisesEvents('E3')[0]);
    const auditBefore = { E1: await audit('E1'), E2: await audit('E2') };
    const file = toCsv([
      ['party', 'count', 'effectiveFrom'],
      [P.E1!.id, '200', '2025-03-30'],
      [P.E1!.name, '300', '2025-10-26'],
      [P.E1!.id, '100', '2024-01-01'], // on record already: unchanged
      [P.E2!.name.toLowerCase(), '5', '2025-01-01'],
    ]);
    expect(brief(await imported(file, false))).toEqual({ dryRun: false, rows: 4, toRecord: 3, recorded: 3, unchanged: 1, problemCount: 0, problems: [] });
    await drained(['E1', 'E2']);
    const events = [...premisesEvents('E1'), ...premisesEvents('E2')];
    const shape = (m: typeof reference) => ({ key: m.key === m.event.subject, type: m.event.type, version: m.event.version, source: m.event.source, dataKeys: Object.keys(m.event.data).sort() });
    expect(events.map(shape)).toEqual(events.map(() => shape(reference)));
    expect(events.map((m) => [m.key, m.event.data.partyId, m.event.data.count, m.event.data.effectiveFrom]).sort()).toEqual([
      [P.E1!.id, P.E1!.id, 200, '2025-03-30'], [P.E1!.id, P.E1!.id, 300, '2025-10-26'], [P.E2!.id, P.E2!.id, 5, '2025-01-01'],
    ].sort());
    expect(new Set(events.map((m) => m.event.id)).size).toBe(3);
    const auditAfter = { E1: await audit('E1'), E2: await audit('E2') };
    const added = [...auditAfter.E1.slice(auditBefore.E1.length), ...auditAfter.E2.slice(auditBefore.E2.length)];
    expect(added.map((h) => h.eventId).sort()).toEqual(events.map((m) => m.event.id).sort());

    // The same file again: unchanged, no event, no audit entry.
    expect(brief(await imported(file, false))).toEqual({ dryRun: false, rows: 4, toRecord: 0, recorded: 0, unchanged: 4, problemCount: 0, problems: [] });
    await drained(['E1', 'E2']);
    expect([premisesEvents('E1').length, premisesEvents('E2').length, (await audit('E1')).length, (await audit('E2')).length]).toEqual([2, 1, auditAfter.E1.length, auditAfter.E2.length]);
  });

  it('importDomesticPremises over the cap (README issue 16 "the first 1000 problems"; all or nothing): good rows first, then 600 rows with two problems each: problemCount 1200, the first 1000 in row order, toRecord the good rows, nothing recorded, published or audited', async () => {
    const before = { history: await history('C2'), audit: await audit('C2'), events: premisesEvents('C2').length };
    const rows = [['party', 'count', 'effectiveFrom'], [P.C2!.id, '1', '2025-01-01'], [P.C2!.id, '2', '2025-02-01'], [P.C2!.name, '3', '2025-03-30']];
    for (let i = 0; i < 600; i++) rows.push([P.C1!.id, `n${i}`, `30/02/20${String(i % 90).padStart(2, '0')}`]);
    const r = await imported(toCsv(rows), false);
    expect({ ...r, problems: undefined }).toEqual({ dryRun: false, rows: 603, toRecord: 3, recorded: 0, unchanged: 0, problemCount: 1200, problems: undefined });
    expect(r.problems).toHaveLength(1000);
    const listed = r.problems.map((p) => p.row);
    expect(listed).toEqual([...listed].sort((a, b) => a - b));
    expect(listed).toEqual(Array.from({ length: 500 }, (_, i) => [i + 5, i + 5]).flat());
    expect(new Set(r.problems.map((p) => p.field))).toEqual(new Set(['count', 'effectiveFrom']));
    await drained(['C1', 'C2']);
    expect({ history: await history('C2'), audit: await audit('C2'), events: premisesEvents('C2').length, c1: (await history('C1')).length, c1Events: premisesEvents('C1').length })
      .toEqual({ ...before, c1: 0, c1Events: 0 });
  });

  // ---- XLSX ----------------------------------------------------------------------------------------------------------
  it('importDomesticPremises XLSX (README issue 16: the first sheet, header row 1, Excel dates read as UTC days): problems name the sheet\'s row numbers across an empty row; date cells on the BST start and end days, in summer and in a 1904-system workbook are those days; applied twice the second records and publishes nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Counts');
    ws.getRow(1).values = ['party', 'count', 'effectiveFrom'];
    ws.getRow(2).values = [P.X1!.id, 11, new Date(Date.UTC(2026, 2, 29))];
    // row 3 left empty
    ws.getRow(4).values = [P.X2!.name, 12, new Date(Date.UTC(2026, 9, 25))];
    ws.getRow(5).values = [P.X3!.id, 'thirteen', new Date(Date.UTC(2026, 6, 1))];
    const dry = await imported(await workbookBase64(wb), true, 'XLSX');
    expect(brief(dry)).toEqual({ dryRun: true, rows: 3, toRecord: 2, recorded: 0, unchanged: 0, problemCount: 1, problems: ['5:count'] });
    ws.getRow(5).getCell(2).value = 13;
    const fixed = await workbookBase64(wb);
    expect(brief(await imported(fixed, false, 'XLSX'))).toEqual({ dryRun: false, rows: 3, toRecord: 3, recorded: 3, unchanged: 0, problemCount: 0, problems: [] });
    expect({ X1: await history('X1'), X2: await history('X2'), X3: await history('X3') }).toEqual({
      X1: [{ count: 11, effectiveFrom: '2026-03-29' }], X2: [{ count: 12, effectiveFrom: '2026-10-25' }], X3: [{ count: 13, effectiveFrom: '2026-07-01' }],
    });
    expect(brief(await imported(fixed, false, 'XLSX'))).toEqual({ dryRun: false, rows: 3, toRecord: 0, recorded: 0, unchanged: 3, problemCount: 0, problems: [] });
    await drained(['X1', 'X2', 'X3']);
    expect([premisesEvents('X1').length, premisesEvents('X2').length, premisesEvents('X3').length]).toEqual([1, 1, 1]);

    // A date cell with a time of 23:30 UTC in summer (00:30 the next day in London): its UTC day, never the London one.
    const late = new ExcelJS.Workbook();
    const ls = late.addWorksheet('Late');
    ls.addRow(['party', 'count', 'effectiveFrom']);
    ls.addRow([P.X4!.id, 14, new Date(Date.UTC(2026, 6, 1, 23, 30))]);
    const r = await imported(await workbookBase64(late), false, 'XLSX');
    // A workbook in the 1904 date system (Mac Excel): the same day.
    await register('X5', 'Xlsx Five', ['OTHER_USER']);
    const mac = new ExcelJS.Workbook();
    mac.properties.date1904 = true;
    mac.addWorksheet('Mac').addRows([['party', 'count', 'effectiveFrom'], [P.X5!.id, 15, new Date(Date.UTC(2026, 2, 29))]]);
    expect(brief(await imported(await workbookBase64(mac), false, 'XLSX'))).toMatchObject({ recorded: 1, problemCount: 0 });
    expect(await history('X5')).toEqual([{ count: 15, effectiveFrom: '2026-03-29' }]);
    const days = (await history('X4')).map((h) => h.effectiveFrom);
    expect({ londonDayRecorded: days.includes('2026-07-02'), recordedAsUtcDayOrRefused: r.recorded === 0 ? r.problems.map((p) => `${p.row}:${p.field}`) : days }).toEqual({
      londonDayRecorded: false, recordedAsUtcDayOrRefused: r.recorded === 0 ? ['2:effectiveFrom'] : ['2026-07-01'],
    });
  });

  // ---- names and round trips -----------------------------------------------------------------------------------------
  it('importDomesticPremises by name (README issue 16: the formula guard read without its \' "so an export comes back in by name"): names that really start with \' are found as registered; the CSV register export\'s name column and an XLSX of the names as written come back as unchanged', async () => {
    const keys = ['Q1', 'Q2', 'F1', 'F2', 'F3', 'F4'];
    const ids = new Set(keys.map((k) => P[k]!.id));
    // As registered, by name.
    const asRegistered = await imported(toCsv([['party', 'count', 'effectiveFrom'], ...keys.map((k) => [P[k]!.name, '1', '2021-01-01'])]));
    expect(brief(asRegistered)).toEqual({ dryRun: true, rows: 6, toRecord: 0, recorded: 0, unchanged: 6, problemCount: 0, problems: [] });
    // The CSV export's own cells for these parties, read back by name.
    const csv = csvRows(await exported(`registerExport(format: CSV, asOf: "2021-06-01")`));
    const col = (c: string) => csv.header.indexOf(c);
    const mine = csv.rows.filter((r) => ids.has(r[col('partyId')]!));
    expect(mine).toHaveLength(6);
    const fromExport = toCsv([['party', 'count', 'effectiveFrom'], ...mine.map((r) => [r[col('name')]!, r[col('domesticPremises')]!, r[col('premisesEffectiveFrom')]!])]);
    const back = await imported(fromExport);
    expect({ cells: mine.map((r) => r[col('name')]), report: brief(back) }).toEqual({
      cells: mine.map((r) => r[col('name')]), report: { dryRun: true, rows: 6, toRecord: 0, recorded: 0, unchanged: 6, problemCount: 0, problems: [] },
    });
    // XLSX: names as plain text cells, formula characters first.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('names');
    ws.addRow(['Party', 'Count', 'EffectiveFrom']);
    for (const k of keys) ws.addRow([P[k]!.name, 1, '2021-01-01']);
    expect(brief(await imported(await workbookBase64(wb), false, 'XLSX'))).toEqual({ dryRun: false, rows: 6, toRecord: 0, recorded: 0, unchanged: 6, problemCount: 0, problems: [] });
  });

  it('registerExport XLSX read back in as it is (README issue 16: an export comes back in): the exported workbook itself, header cells renamed and the name column as party, is all unchanged; one count edited in it is the one count recorded', async () => {
    const file = await exported(`registerExport(format: XLSX, asOf: "${TODAY}")`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytesOf(file) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
    const rename: Record<string, string> = { name: 'party', partyId: 'id', domesticPremises: 'count', premisesEffectiveFrom: 'effectiveFrom' };
    header.forEach((h, c) => { if (rename[h]) ws.getRow(1).getCell(c).value = rename[h]; });
    const countCol = header.indexOf('domesticPremises');
    const nameCol = header.indexOf('name');
    // Rows with no count in force carry no date (their count cell reads 0, as Party.domesticPremises does): left out.
    const dateCol = header.indexOf('premisesEffectiveFrom');
    for (let n = ws.rowCount; n >= 2; n--) { const v = ws.getRow(n).getCell(dateCol).value; if (v === null || v === undefined || v === '') ws.spliceRows(n, 1); }
    const rows = ws.rowCount - 1;
    expect(rows).toBeGreaterThan(10);
    expect(brief(await imported(await workbookBase64(wb), true, 'XLSX'))).toEqual({ dryRun: true, rows, toRecord: 0, recorded: 0, unchanged: rows, problemCount: 0, problems: [] });
    // Edit Q2's row (a name starting with '=' after a real '): a new count on a new day.
    let edited = 0;
    ws.eachRow((row, n) => {
      if (n > 1 && row.getCell(nameCol).value === P.Q2!.name) { row.getCell(countCol).value = 2; row.getCell(dateCol).value = '2026-06-01'; edited++; }
    });
    expect(edited).toBe(1);
    expect(brief(await imported(await workbookBase64(wb), false, 'XLSX'))).toEqual({ dryRun: false, rows, toRecord: 1, recorded: 1, unchanged: rows - 1, problemCount: 0, problems: [] });
    expect(await history('Q2')).toEqual([{ count: 1, effectiveFrom: '2021-01-01' }, { count: 2, effectiveFrom: '2026-06-01' }]);
  });

  it('registerExport CSV read back in by name (README issue 16: "a name our exports wrote with the leading \' of their formula guard is also read without it, so an export comes back in by name"): two parties registered as "=Twin" and "\'=Twin" each come back as their own, unchanged', async () => {
    await register('T1', '=Twin', ['OTHER_USER'], [5, '2021-01-01']);
    await register('T2', "'=Twin", ['OTHER_USER'], [6, '2021-01-01']);
    const csv = csvRows(await exported(`registerExport(format: CSV, asOf: "2021-06-01")`));
    const col = (c: string) => csv.header.indexOf(c);
    const rows = [P.T1!.id, P.T2!.id].map((id) => csv.rows.find((r) => r[col('partyId')] === id)!);
    const cells = rows.map((r) => r[col('name')]);
    const r = await imported(toCsv([['party', 'count', 'effectiveFrom'], ...rows.map((row) => [row[col('name')]!, row[col('domesticPremises')]!, row[col('premisesEffectiveFrom')]!])]));
    // Found by this probe, fixed: the CSV export wrote both names as the same cell "'=Twin <run>" (the guard is not reversible for a name that itself starts with '), so =Twin's row is read as '=Twin's (the exact name wins): a problem here (another count), and a new day's count in such a file would be recorded against '=Twin
    expect({ cells, report: brief(r) }).toEqual({ cells, report: { dryRun: true, rows: 2, toRecord: 0, recorded: 0, unchanged: 2, problemCount: 0, problems: [] } });
  });

  // ---- who reads what: partyId given to the register-wide tables ---------------------------------------------------
  it('schedulingExport per role with partyId (README issue 16 "OVERDUE: as assessmentsDue, IMPACT_COUNT: as assessmentLoad"; contract README §2): a partyId does not open a register-wide table to a PARTY_USER or the USER_CIO; another party\'s (its provider\'s, a co-user\'s) tables are FORBIDDEN; its own OVERDUE names nobody else', async () => {
    const U = P.U!.id;
    const O = P.O!.id;
    const PV = P.PV!.id;
    const code = async (token: string, field: string) => { const r = await exportFile(token, field); return r.errors ? String(codeOf(r)) : 'file'; };
    const loadCode = async (token: string) => { const r = await gql(token, `{ assessmentLoad(year: ${YEAR}, ruleSet: SECMP0044) { total } }`); return r.errors ? String(codeOf(r)) : 'file'; };
    const dueCode = async (token: string) => { const r = await gql(token, `{ assessmentsDue(withinDays: 0) { dueBy } }`); return r.errors ? String(codeOf(r)) : 'file'; };
    const got = {
      puLoad: await loadCode(tok.puU!),
      puImpactOwn: await code(tok.puU!, `schedulingExport(table: IMPACT_COUNT, format: CSV, partyId: "${U}")`),
      puImpactOwnXlsx: await code(tok.puU!, `schedulingExport(table: IMPACT_COUNT, format: XLSX, partyId: "${U}", year: 2025)`),
      puOverdueOther: await code(tok.puU!, `schedulingExport(table: OVERDUE, format: CSV, partyId: "${O}")`),
      puOverdueProvider: await code(tok.puU!, `schedulingExport(table: OVERDUE, format: XLSX, partyId: "${PV}")`),
      puScheduleProvider: await code(tok.puU!, `schedulingExport(table: SCHEDULE, format: XLSX, partyId: "${PV}")`),
      puScheduleCoUser: await code(tok.puU!, `schedulingExport(table: SCHEDULE, format: XLSX, partyId: "${O}")`),
      puCalendarProvider: await code(tok.puU!, `assessmentCalendar(partyId: "${PV}")`),
      puPackOwn: await code(tok.puU!, `distributionPack(providerPartyId: "${U}")`),
      cioDue: await dueCode(tokens.cio),
      cioOverdueOne: await code(tokens.cio, `schedulingExport(table: OVERDUE, format: CSV, partyId: "${U}")`),
    };
    expect(got).toEqual({
      puLoad: 'FORBIDDEN', puImpactOwn: 'FORBIDDEN', puImpactOwnXlsx: 'FORBIDDEN', puOverdueOther: 'FORBIDDEN', puOverdueProvider: 'FORBIDDEN',
      puScheduleProvider: 'FORBIDDEN', puScheduleCoUser: 'FORBIDDEN', puCalendarProvider: 'FORBIDDEN', puPackOwn: 'FORBIDDEN', cioDue: 'FORBIDDEN', cioOverdueOne: 'FORBIDDEN',
    });
    // Its own OVERDUE table, if given at all, holds its own party only (U and O are both overdue today).
    const own = await exportFile(tok.puU!, `schedulingExport(table: OVERDUE, format: CSV, partyId: "${U}")`);
    if (!own.errors) {
      const { header, rows } = csvRows(own.data.f as ExportFile);
      expect(rows.map((r) => r[header.indexOf('partyId')])).toEqual([U]);
    } else expect(codeOf(own)).toBe('FORBIDDEN');
    const asAdmin = csvRows(await exported(`schedulingExport(table: OVERDUE, format: CSV, partyId: "${U}")`));
    expect(asAdmin.rows.map((r) => r[asAdmin.header.indexOf('partyId')])).toEqual([U]);
  });

  // ---- distributionPack titles -----------------------------------------------------------------------------------------
  it('distributionPack (README issue 16: "any other character of a name or title is written as <U+XXXX>"): Windows-1252 characters of a title are shown as themselves, others (an astral one as ONE code point) as <U+XXXX>; PDF string characters ( ) \\ shown as given', async () => {
    const titles = [`Report € — “draft” (v2) \\ path ${run}`, `Łódź check → 🔒 done ${run}`];
    for (const title of titles)
      await ok(tokens.cio, `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id } }`, { input: { subjectPartyId: P.PV!.id, kind: 'ASSESSMENT_REPORT', title, content: `content ${run}` } });
    const text = pdfText(bytesOf(await exported(`distributionPack(providerPartyId: "${P.PV!.id}")`)));
    expect(titles.map((t) => ({ shows: asPdfShows(t), inPack: pdfHas(text, asPdfShows(t)) }))).toEqual(titles.map((t) => ({ shows: asPdfShows(t), inPack: true })));
    expect(asPdfShows(titles[1]!)).toContain('<U+1F512>');
    expect(text).not.toMatch(/<U\+D[89AB][0-9A-F]{2}>/); // no half of a surrogate pair
    expect(pdfHas(text, 'written as <U+code point>')).toBe(true);
  });
});
