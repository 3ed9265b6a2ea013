import ExcelJS from 'exceljs';
import { requireKafka } from '@sec-assure/events/testing';
import { ADMIN, partyUser, startTestRegistry, type TestRegistry } from '../testing/registry-harness';

const REGISTER = `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id name } }`;
const IMPORT = `mutation($input: ImportDomesticPremisesInput!) {
  importDomesticPremises(input: $input) { dryRun rows toRecord recorded unchanged problemCount problems { row field message } } }`;
const HISTORY = `query($id: ID!) { party(id: $id) { domesticPremisesHistory { count effectiveFrom } } }`;

interface Report {
  dryRun: boolean;
  rows: number;
  toRecord: number;
  recorded: number;
  unchanged: number;
  problemCount: number;
  problems: { row: number; field: string; message: string }[];
}

let seq = 0;
const uniq = (label: string): string => `${label} ${Date.now().toString(36)}-${++seq}`;

describe('importDomesticPremises (R-PREM-1, real PostgreSQL)', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    await requireKafka();
    registry = await startTestRegistry();
  });
  afterAll(async () => {
    await registry?.stop();
  });

  async function party(): Promise<{ id: string; name: string }> {
    const result = await registry.gql<{ registerParty: { id: string; name: string } }>(ADMIN, REGISTER, { input: { name: uniq('Importer'), userRoles: ['IMPORT_SUPPLIER'] } });
    return result.data!.registerParty;
  }
  async function importFile(input: Record<string, unknown>, caller = ADMIN): Promise<Report> {
    const result = await registry.gql<{ importDomesticPremises: Report }>(caller, IMPORT, { input });
    expect(result.errors).toBeUndefined();
    return result.data!.importDomesticPremises;
  }
  const premisesEvents = async (partyId: string): Promise<unknown[]> =>
    (await registry.handle.dataSource.query(`SELECT payload->'data' AS data FROM outbox_message WHERE key = $1 AND type = 'DomesticPremisesRecorded' ORDER BY seq`, [partyId])).map(
      (r: { data: unknown }) => r.data,
    );

  it('dry run records nothing; apply records every row with one DomesticPremisesRecorded each; the same file again changes and publishes nothing', async () => {
    const [a, b] = [await party(), await party()];
    const csv = `party,count,effectiveFrom\n${a.name.toUpperCase()},1200,2024-01-01\n${b.id},"3,400",2024-02-01\n\n${a.id},1300,2024-06-01\n`;
    const before = await registry.counts();
    expect(await importFile({ format: 'CSV', content: csv })).toEqual({ dryRun: true, rows: 3, toRecord: 3, recorded: 0, unchanged: 0, problemCount: 0, problems: [] });
    expect(await registry.counts()).toEqual(before);

    expect(await importFile({ format: 'CSV', content: csv, dryRun: false })).toMatchObject({ dryRun: false, toRecord: 3, recorded: 3, unchanged: 0 });
    expect(await premisesEvents(a.id)).toEqual([
      { partyId: a.id, count: 1200, effectiveFrom: '2024-01-01' },
      { partyId: a.id, count: 1300, effectiveFrom: '2024-06-01' },
    ]);
    expect(await premisesEvents(b.id)).toEqual([{ partyId: b.id, count: 3400, effectiveFrom: '2024-02-01' }]);
    const history = await registry.gql<{ party: { domesticPremisesHistory: unknown[] } }>(ADMIN, HISTORY, { id: a.id });
    expect(history.data?.party.domesticPremisesHistory).toEqual([
      { count: 1200, effectiveFrom: '2024-01-01' },
      { count: 1300, effectiveFrom: '2024-06-01' },
    ]);
    const audit = await registry.handle.dataSource.query(`SELECT actor, summary FROM audit_entry WHERE $1 = ANY(party_ids) AND kind = 'DOMESTIC_PREMISES_RECORDED' ORDER BY id`, [b.id]);
    expect(audit).toEqual([{ actor: ADMIN.sub, summary: 'Recorded 3400 domestic premises effective from 2024-02-01 (import, row 3)' }]);

    const applied = await registry.counts();
    expect(await importFile({ format: 'CSV', content: csv, dryRun: false })).toMatchObject({ toRecord: 0, recorded: 0, unchanged: 3, problemCount: 0 });
    expect(await registry.counts()).toEqual(applied);
  });

  it('a broken file: every problem names its row and field, and an apply records nothing at all', async () => {
    const a = await party();
    await importFile({ format: 'CSV', content: `party,count,effectiveFrom\n${a.id},10,2023-01-01\n`, dryRun: false });
    const csv = [
      'Party Name or Id,Count,Effective From',
      `${a.id},20,2024-01-01`, // row 2: fine on its own
      'No Such Party Ltd,5,2024-01-01',
      `${a.id},-4,2024-13-01`,
      `${a.id},11,2023-01-01`, // another count for a date on record
      `${a.id},21,2024-01-01`, // same party and date as row 2
      ',7,2024-01-01',
    ].join('\n');
    const before = await registry.counts();
    const report = await importFile({ format: 'CSV', content: csv, dryRun: false });
    expect(report).toMatchObject({ rows: 6, toRecord: 1, recorded: 0, problemCount: 6 });
    expect(report.problems.map((p) => [p.row, p.field])).toEqual([
      [3, 'party'],
      [4, 'count'],
      [4, 'effectiveFrom'],
      [5, 'count'],
      [6, 'effectiveFrom'],
      [7, 'party'],
    ]);
    expect(report.problems[0]?.message).toBe('no registered party has the name "No Such Party Ltd"');
    expect(report.problems[3]?.message).toMatch(/^10 is already recorded effective from 2023-01-01; counts are never overwritten \(R-PREM-1\)/);
    expect(report.problems[4]?.message).toBe('row 2 already gives a count for this party effective from 2024-01-01');
    expect(await registry.counts()).toEqual(before);
  });

  it('reads the first sheet of an XLSX file, Excel dates included', async () => {
    const a = await party();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Counts');
    sheet.addRow(['Party', 'Count', 'Effective date']);
    sheet.addRow([a.name, 250, new Date(Date.UTC(2025, 2, 31))]);
    sheet.addRow([a.id, 260, '2025-04-30']);
    const content = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    expect(await importFile({ format: 'XLSX', content, dryRun: false })).toMatchObject({ rows: 2, recorded: 2, problemCount: 0 });
    expect(await premisesEvents(a.id)).toEqual([
      { partyId: a.id, count: 250, effectiveFrom: '2025-03-31' },
      { partyId: a.id, count: 260, effectiveFrom: '2025-04-30' },
    ]);
  });

  it('a file without the columns, or not a workbook, is one problem of the file', async () => {
    expect((await importFile({ format: 'CSV', content: 'party,premises\nx,1\n' })).problems).toEqual([{ row: 1, field: 'effectiveFrom', message: 'no column headed effectiveFrom / effectiveDate / effective' }]);
    expect((await importFile({ format: 'XLSX', content: Buffer.from('not a zip').toString('base64') })).problems[0]).toMatchObject({ row: 0, field: 'file' });
  });

  it('is for SECAS_ADMIN only: a party user is FORBIDDEN and nothing is stored', async () => {
    const a = await party();
    const before = await registry.counts();
    const result = await registry.gql(partyUser(a.id), IMPORT, { input: { format: 'CSV', content: `party,count,effectiveFrom\n${a.id},1,2024-01-01`, dryRun: false } });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await registry.counts()).toEqual(before);
  });
});
