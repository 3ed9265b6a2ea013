import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { startSubgraphHarness, type SubgraphHarness as Harness } from '@sec-assure/testing';
import { assessmentSchedulingService } from '../app';

const ADMIN = { roles: ['SECAS_ADMIN' as const] };
const SCHEDULE = `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id type scheduledFor } }`;
const CALENDAR = `query($partyId: ID) { assessmentCalendar(partyId: $partyId) { fileName contentType contentBase64 } }`;
const TABLE = `query($table: SchedulingTable!, $format: ExportTableFormat!, $partyId: ID, $year: Int) {
  schedulingExport(table: $table, format: $format, partyId: $partyId, year: $year) { fileName contentType contentBase64 } }`;

interface ExportFile {
  fileName: string;
  contentType: string;
  contentBase64: string;
}

/** The events of an iCalendar file as a real parser (ical.js, RFC 5545) reads them. */
function calendarEvents(file: ExportFile): Array<{ uid: string; start: string; allDay: boolean; summary: string; status: string }> {
  const component = new ICAL.Component(ICAL.parse(Buffer.from(file.contentBase64, 'base64').toString('utf8')));
  return component.getAllSubcomponents('vevent').map((v) => {
    const event = new ICAL.Event(v);
    return { uid: event.uid, start: event.startDate.toString(), allDay: event.startDate.isDate, summary: event.summary, status: String(v.getFirstPropertyValue('status')) };
  });
}

describe('exports of assessment-scheduling (iCalendar, CSV, XLSX), under the authorization of their data', () => {
  let h: Harness;
  const north = randomUUID();
  const south = randomUUID();
  const booked: Record<string, { id: string; type: string }> = {};

  beforeAll(async () => {
    h = await startSubgraphHarness('assessment-scheduling', assessmentSchedulingService(), { today: '2026-01-15' });
    for (const [partyId, name] of [[north, 'North Energy'], [south, '=SUM(A1) South']] as const) {
      await h.publish('PartyRegistered', {
        partyId, name, userRoles: ['IMPORT_SUPPLIER'], isSharedResourceProvider: false, rolesEffectiveFrom: '2015-01-01',
        domesticPremises: { count: 100_000, effectiveFrom: '2015-01-01' },
      });
    }
    for (const [partyId, on] of [[north, '2026-03-02'], [south, '2026-04-20']] as const) {
      const result = await h.gql<{ scheduleAssessment: { id: string; type: string } }>(ADMIN, SCHEDULE, { input: { partyId, determinationDate: '2026-01-15', scheduledFor: on } });
      expect(result.errors).toBeUndefined();
      booked[partyId] = result.data!.scheduleAssessment;
    }
  });
  afterAll(async () => {
    await h?.stop();
  });

  const file = async (caller: { roles: never[] | ['SECAS_ADMIN'] | ['PARTY_USER']; partyId?: string }, query: string, variables: Record<string, unknown>): Promise<ExportFile> => {
    const result = await h.gql<Record<string, ExportFile>>(caller as never, query, variables);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0]!;
  };

  it("a party's calendar parses with ical.js: one all-day event on the scheduled day, its UID the assessment id", async () => {
    const own = await file({ roles: ['PARTY_USER'], partyId: north }, CALENDAR, { partyId: north });
    expect(own.contentType).toBe('text/calendar; charset=utf-8');
    expect(own.fileName).toBe('assessment-schedule-north-energy.ics');
    expect(calendarEvents(own)).toEqual([
      { uid: `${booked[north]!.id}@sec-assure`, start: '2026-03-02', allDay: true, summary: expect.stringMatching(/^[A-Z][a-z-]+ assessment: North Energy$/), status: 'CONFIRMED' },
    ]);
  });

  it("SECAS's whole calendar holds every party's assessments", async () => {
    const all = await file(ADMIN as never, CALENDAR, {});
    expect(calendarEvents(all).map((e) => [e.uid, e.start])).toEqual([
      [`${booked[north]!.id}@sec-assure`, '2026-03-02'],
      [`${booked[south]!.id}@sec-assure`, '2026-04-20'],
    ]);
  });

  it("a party user exports only its own schedule: another party's, or everyone's, is FORBIDDEN", async () => {
    const user = { roles: ['PARTY_USER' as const], partyId: north };
    for (const [query, variables] of [
      [CALENDAR, { partyId: south }],
      [CALENDAR, {}],
      [TABLE, { table: 'SCHEDULE', format: 'CSV', partyId: south }],
      [TABLE, { table: 'OVERDUE', format: 'CSV' }],
      [TABLE, { table: 'IMPACT_COUNT', format: 'XLSX', year: 2026 }],
    ] as const) {
      const result = await h.gql(user, query, variables);
      expect(result.errors?.[0]?.code).toBe('FORBIDDEN');
      expect(result.data).toBeNull();
    }
  });

  it('the schedule as XLSX reads back with exceljs: a header row, then one row per assessment', async () => {
    const xlsx = await file(ADMIN as never, TABLE, { table: 'SCHEDULE', format: 'XLSX' });
    expect(xlsx.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.contentBase64, 'base64') as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1, 7)));
    expect(rows).toEqual([
      ['assessmentId', 'partyId', 'partyName', 'type', 'state', 'scheduledFor'],
      [booked[north]!.id, north, 'North Energy', booked[north]!.type, 'SCHEDULED', '2026-03-02'],
      [booked[south]!.id, south, '=SUM(A1) South', booked[south]!.type, 'SCHEDULED', '2026-04-20'],
    ]);
  });

  it("the schedule as CSV: a party's own rows; text that a spreadsheet would run as a formula is quoted with an apostrophe", async () => {
    const own = await file({ roles: ['PARTY_USER'], partyId: south }, TABLE, { table: 'SCHEDULE', format: 'CSV', partyId: south });
    expect(own.contentType).toBe('text/csv; charset=utf-8');
    const rows = parse(Buffer.from(own.contentBase64, 'base64').toString('utf8')) as string[][];
    expect(rows.map((r) => r.slice(0, 3))).toEqual([['assessmentId', 'partyId', 'partyName'], [booked[south]!.id, south, "'=SUM(A1) South"]]);
  });

  it('the impact count as CSV: both rule sets for the year, by type, with their totals (R-IMPACT-1)', async () => {
    const csv = await file(ADMIN as never, TABLE, { table: 'IMPACT_COUNT', format: 'CSV', year: 2026 });
    const rows = parse(Buffer.from(csv.contentBase64, 'base64').toString('utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(new Set(rows.map((r) => r['ruleSet']))).toEqual(new Set(['LEGACY', 'SECMP0044']));
    expect(rows.filter((r) => r['row'] === 'TOTAL').map((r) => Number(r['count']))).toEqual([2, 2]);
  });

  it("OVERDUE with partyId is that party's rows alone (its own for a party user); a party the register never had is NOT_FOUND", async () => {
    const overdue = async (caller: Parameters<typeof file>[0], partyId?: string) => {
      const csv = await file(caller, TABLE, { table: 'OVERDUE', format: 'CSV', ...(partyId ? { partyId } : {}), asOf: '2031-01-01' } as never);
      return (parse(Buffer.from(csv.contentBase64, 'base64').toString('utf8')) as string[][]).slice(1).map((r) => r[0]);
    };
    // West: approved on 2024-03-01, so due by 2025-03-01 and overdue on 2031-01-01 (R-SCHED-1); the others never assessed.
    const west = randomUUID();
    await h.publish('PartyRegistered', {
      partyId: west, name: 'West Energy', userRoles: ['IMPORT_SUPPLIER'], isSharedResourceProvider: false, rolesEffectiveFrom: '2015-01-01',
      domesticPremises: { count: 100_000, effectiveFrom: '2015-01-01' },
    });
    const booking = await h.gql<{ scheduleAssessment: { id: string } }>(ADMIN, SCHEDULE, { input: { partyId: west, determinationDate: '2024-01-10', scheduledFor: '2024-02-01' } });
    const id = booking.data!.scheduleAssessment.id;
    expect((await h.gql({ roles: ['USER_CIO'] }, `mutation($id: ID!) { completeFieldwork(assessmentId: $id, completedOn: "2024-02-05") { id } }`, { id })).errors).toBeUndefined();
    expect((await h.gql({ roles: ['SSC_MEMBER'] }, `mutation($id: ID!) { setAssuranceStatus(assessmentId: $id, status: APPROVED, setOn: "2024-03-01") { id } }`, { id })).errors).toBeUndefined();
    expect(await overdue(ADMIN as never)).toContain(west);
    expect(await overdue(ADMIN as never, west)).toEqual([west]);
    expect(await overdue(ADMIN as never, north)).toEqual([]);
    expect(await overdue({ roles: ['PARTY_USER'], partyId: west }, west)).toEqual([west]);
    const nobody = randomUUID();
    for (const [query, variables] of [
      [CALENDAR, { partyId: nobody }],
      [TABLE, { table: 'SCHEDULE', format: 'CSV', partyId: nobody }],
      [TABLE, { table: 'OVERDUE', format: 'XLSX', partyId: nobody }],
      [TABLE, { table: 'SCHEDULE', format: 'CSV', partyId: 'not-an-id' }],
    ] as const) {
      const result = await h.gql(ADMIN, query, variables);
      expect(result.errors?.[0]?.code).toBe('NOT_FOUND');
    }
  });
});
