import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { EntityManager } from 'typeorm';
import { ADMIN, CIO, SSC, partyUser, startTestRegistry, type TestRegistry } from './testing/registry-harness';
import { registerFacts } from './queries/register-export';

const REGISTER = `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }`;
const PREMISES = `mutation($id: ID!, $count: Int!, $on: Date!) { recordDomesticPremises(partyId: $id, count: $count, effectiveFrom: $on) { id } }`;
const GAIN = `mutation($id: ID!, $role: UserRole!, $on: Date!) { gainUserRole(partyId: $id, role: $role, effectiveFrom: $on) { id } }`;
const RESOURCE = `mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }`;
const ENGAGE = `mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id } }`;
const EXPORT = `query($format: ExportTableFormat!, $asOf: Date, $partyId: ID) {
  registerExport(format: $format, asOf: $asOf, partyId: $partyId) { fileName contentType contentBase64 } }`;

interface ExportFile {
  fileName: string;
  contentType: string;
  contentBase64: string;
}
type Caller = Parameters<TestRegistry['gql']>[0];

const HEADER = ['partyId', 'name', 'userRoles', 'domesticPremises', 'premisesEffectiveFrom', 'sharedResourceProvider', 'providerFrom', 'providersUsed', 'registeredAt'];
const csvRows = (file: ExportFile): Array<Record<string, string>> =>
  parse(Buffer.from(file.contentBase64, 'base64').toString('utf8'), { columns: true }) as Array<Record<string, string>>;

describe('the register of parties as CSV and XLSX (registerExport), under the authorization of its data', () => {
  let registry: TestRegistry;
  let provider: string;
  let user: string;
  let risky: string;

  async function ok<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const result = await registry.gql<T>(ADMIN, query, variables);
    expect(result.errors).toBeUndefined();
    return result.data!;
  }
  async function exported(caller: Caller, variables: Record<string, unknown>): Promise<ExportFile> {
    const result = await registry.gql<{ registerExport: ExportFile }>(caller, EXPORT, variables);
    expect(result.errors).toBeUndefined();
    return result.data!.registerExport;
  }

  beforeAll(async () => {
    registry = await startTestRegistry();
    const party = async (name: string, userRoles: string[], premises: number, on: string): Promise<string> =>
      (await ok<{ registerParty: { id: string } }>(REGISTER, { input: { name, userRoles, domesticPremises: premises, premisesEffectiveFrom: on, rolesEffectiveFrom: on } }))
        .registerParty.id;
    provider = await party('Northern Shared Services', ['OTHER_USER'], 0, '2020-01-01');
    user = await party('Southern Supply', ['IMPORT_SUPPLIER'], 120_000, '2020-01-01');
    risky = await party('=HYPERLINK("http://x.example") Power', ['GAS_SUPPLIER'], 5, '2020-01-01');
    // R-PREM-2: the count changes on 2024-06-01; R-PARTY-1: a role gained the same day.
    await ok(PREMISES, { id: user, count: 260_000, on: '2024-06-01' });
    await ok(GAIN, { id: user, role: 'EXPORT_SUPPLIER', on: '2024-06-01' });
    // R-SRP-2: the provider is designated from its resource's availableFrom; R-SRP-7: the user engages it from 2022.
    const resource = await ok<{ registerSharedResource: { id: string } }>(RESOURCE, {
      input: { name: 'Northern Hosting', scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider, availableFrom: '2021-03-01' },
    });
    await ok(ENGAGE, { input: { userPartyId: user, sharedResourceId: resource.registerSharedResource.id, startDate: '2022-01-10' } });
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it('R-PREM-2, R-PARTY-1, R-SRP-2, R-SRP-7: the CSV parses back with csv-parse, one row per party as the register stood on asOf', async () => {
    const file = await exported(ADMIN, { format: 'CSV', asOf: '2024-05-31' });
    expect(file).toMatchObject({ fileName: 'party-register-2024-05-31.csv', contentType: 'text/csv; charset=utf-8' });
    const rows = csvRows(file);
    expect(Object.keys(rows[0]!)).toEqual(HEADER);
    expect(rows.map((r) => r['partyId'])).toEqual([provider, user, risky]);
    expect(rows[0]).toMatchObject({ name: 'Northern Shared Services', userRoles: 'OTHER_USER', domesticPremises: '0', sharedResourceProvider: 'yes', providerFrom: '2021-03-01', providersUsed: '' });
    // The day before the premises change: the old count with its effective date, and the roles held then.
    expect(rows[1]).toMatchObject({
      name: 'Southern Supply', userRoles: 'IMPORT_SUPPLIER', domesticPremises: '120000', premisesEffectiveFrom: '2020-01-01',
      sharedResourceProvider: 'no', providerFrom: '', providersUsed: 'Northern Shared Services',
    });
    expect(new Date(rows[1]!['registeredAt']!).getTime()).not.toBeNaN();
    // A name a spreadsheet would run as a formula is written with a leading apostrophe.
    expect(rows[2]!['name']).toBe(`'=HYPERLINK("http://x.example") Power`);

    const after = csvRows(await exported(ADMIN, { format: 'CSV', asOf: '2024-06-01' }));
    expect(after[1]).toMatchObject({ userRoles: 'IMPORT_SUPPLIER EXPORT_SUPPLIER', domesticPremises: '260000', premisesEffectiveFrom: '2024-06-01' });
    // Before the resource was available and the engagement began: no designation, no provider used.
    const before = csvRows(await exported(SSC, { format: 'CSV', asOf: '2021-01-01' }));
    expect(before.map((r) => [r['sharedResourceProvider'], r['providerFrom'], r['providersUsed']])).toEqual([['no', '', ''], ['no', '', ''], ['no', '', '']]);
  });

  it('the XLSX reads back with exceljs: the same header and rows, counts as numbers', async () => {
    const file = await exported(ADMIN, { format: 'XLSX', asOf: '2024-05-31' });
    expect(file).toMatchObject({ fileName: 'party-register-2024-05-31.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1, 9)));
    expect(rows).toEqual([
      HEADER.slice(0, 8),
      [provider, 'Northern Shared Services', 'OTHER_USER', 0, '2020-01-01', 'yes', '2021-03-01', ''],
      [user, 'Southern Supply', 'IMPORT_SUPPLIER', 120_000, '2020-01-01', 'no', '', 'Northern Shared Services'],
      [risky, '=HYPERLINK("http://x.example") Power', 'GAS_SUPPLIER', 5, '2020-01-01', 'no', '', ''],
    ]);
  });

  it("a PARTY_USER exports its own row only; the whole register or another party's row is FORBIDDEN, as for USER_CIO who may not read providers", async () => {
    const own = await exported(partyUser(user), { format: 'CSV', asOf: '2024-05-31', partyId: user });
    expect(own.fileName).toBe('party-register-2024-05-31-southern-supply.csv');
    expect(csvRows(own).map((r) => [r['partyId'], r['providersUsed']])).toEqual([[user, 'Northern Shared Services']]);
    for (const [caller, partyId] of [[partyUser(user), undefined], [partyUser(user), provider], [CIO, undefined], [CIO, user]] as const) {
      const result = await registry.gql(caller, EXPORT, { format: 'CSV', partyId });
      expect(result.errors?.[0]?.code).toBe('FORBIDDEN');
      expect(result.data).toBeNull();
    }
    expect((await registry.gql(ADMIN, EXPORT, { format: 'CSV', partyId: '00000000-0000-4000-8000-000000000000' })).errors?.[0]?.code).toBe('NOT_FOUND');
  });

  it('10,000 parties are read with the same four queries as three: never one query per party', async () => {
    const queries = jest.spyOn(EntityManager.prototype, 'query');
    try {
      await registerFacts(registry.dataSource, '2024-05-31', null);
      const few = queries.mock.calls.filter(([sql]) => !/^(START|COMMIT|SET|BEGIN)/i.test(String(sql).trim())).length;
      await registry.dataSource.query(
        `INSERT INTO party (id, name, name_key, user_roles, registered_at)
         SELECT gen_random_uuid(), 'Bulk ' || n, 'bulk ' || n, ARRAY['OTHER_USER'], now() FROM generate_series(1, 9997) AS n`,
      );
      queries.mockClear();
      const facts = await registerFacts(registry.dataSource, '2024-05-31', null);
      const many = queries.mock.calls.filter(([sql]) => !/^(START|COMMIT|SET|BEGIN)/i.test(String(sql).trim())).length;
      expect(facts).toHaveLength(10_000);
      expect([few, many]).toEqual([4, 4]);
    } finally {
      queries.mockRestore();
    }
    const rows = csvRows(await exported(ADMIN, { format: 'CSV', asOf: '2024-05-31' }));
    expect(rows).toHaveLength(10_000);
  });
});
