/**
 * 100,000 premises counts through the gateway, timed: the real system (four subgraphs and the
 * gateway as processes, ports 5000-5004, throwaway databases, on KAFKA_BROKERS) with 100,000 parties
 * put straight into party-registry's table (setup, not measured: no PartyRegistered events), then a
 * CSV of one count per party (every other row names the party by name, the rest by id):
 * dry run, apply, the same file again, a broken copy, and the same rows as XLSX (dry run).
 *   npx tsx tools/import-premises/bench.ts [--rows 100000] [--without-record-chain]
 * --without-record-chain drops the tamper-evident record's per-row triggers (libs/events record) on
 * the throwaway database first: each appends to one hash chain and updates its head row, which makes
 * one transaction of N rows take time in N squared; the option measures the import itself.
 * Prints a table and writes the files and the table to test-output/import-premises/.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { startFaultSystem } from '../faults/src/infra/system';
import { REPO_ROOT } from '../dev/processes';
import { describeReport, importInput, sendImport, type ImportReport } from './send';

const OUT = path.join(REPO_ROOT, 'test-output', 'import-premises');
const rowsWanted = Number(process.argv[process.argv.indexOf('--rows') + 1] ?? 0) || 100_000;

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = process.hrtime.bigint();
  const value = await work();
  return { value, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const run = `premimp_${Date.now().toString(36)}`;
  console.log(`starting the system (${run}, ports 5000-5004) ...`);
  const system = await startFaultSystem({ run, portBase: 5000, pgPort: Number(process.env.PGPORT ?? 5432), brokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:39092' });
  const db = system.pg(system.databases['party-registry']);
  const lines: string[] = [];
  const print = (line: string): void => {
    console.log(line);
    lines.push(line);
  };
  try {
    await db.connect();
    if (process.argv.includes('--without-record-chain')) {
      await db.query('DROP TRIGGER IF EXISTS record_chain_outbox_message ON outbox_message');
      await db.query('DROP TRIGGER IF EXISTS record_chain_audit_entry ON audit_entry');
      print('(record chain triggers dropped on this throwaway database)');
    }
    await db.query(
      `INSERT INTO party (id, name, name_key, user_roles, registered_at)
       SELECT gen_random_uuid(), 'Bench Party ' || lpad(i::text, 6, '0'), 'bench party ' || lpad(i::text, 6, '0'), '{IMPORT_SUPPLIER}', now()
       FROM generate_series(1, $1::int) AS i`,
      [rowsWanted],
    );
    const parties = (await db.query<{ id: string; name: string }>('SELECT id, name FROM party ORDER BY name')).rows;
    const table = parties.map((p, i) => [i % 2 === 0 ? p.name : p.id, String(1000 + (i % 5000)), `2024-${String((i % 12) + 1).padStart(2, '0')}-01`]);
    const csvFile = path.join(OUT, `premises-${rowsWanted}.csv`);
    await writeFile(csvFile, stringify([['party', 'count', 'effectiveFrom'], ...table]));
    const broken = table.map((r) => [...r]);
    broken[10]![0] = 'Nobody Energy Ltd';
    broken[2000]![1] = 'twelve';
    broken[30000 % broken.length]![2] = '2024-02-30';
    broken[45000 % broken.length]![1] = '-5';
    broken[broken.length - 1] = [...broken[0]!];
    const brokenFile = path.join(OUT, `premises-${rowsWanted}-broken.csv`);
    await writeFile(brokenFile, stringify([['party', 'count', 'effectiveFrom'], ...broken]));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Premises');
    sheet.addRow(['party', 'count', 'effectiveFrom']);
    for (const r of table) sheet.addRow([r[0], Number(r[1]), new Date(`${r[2]}T00:00:00Z`)]);
    const xlsxFile = path.join(OUT, `premises-${rowsWanted}.xlsx`);
    await workbook.xlsx.writeFile(xlsxFile);

    const token = await system.token('SECAS_ADMIN');
    const step = async (label: string, file: string, dryRun: boolean): Promise<ImportReport> => {
      const input = await importInput(file, dryRun);
      const { value, seconds } = await timed(() => sendImport(system.gatewayUrl, token, input));
      print(`| ${label} | ${(input.bytes / 1024 / 1024).toFixed(1)} MiB | ${seconds.toFixed(2)} s | ${describeReport(value, 0)} |`);
      return value;
    };
    print(`| ${rowsWanted} rows through the gateway | file | time | report |`);
    print('|---|---|---|---|');
    await step('CSV dry run', csvFile, true);
    await step('CSV apply', csvFile, false);
    await step('CSV apply again (idempotent)', csvFile, false);
    const brokenReport = await step('broken CSV apply', brokenFile, false);
    await step('XLSX dry run', xlsxFile, true);
    const events = await db.query<{ n: string }>(`SELECT count(*) AS n FROM outbox_message WHERE type = 'DomesticPremisesRecorded'`);
    print(`\nDomesticPremisesRecorded in the outbox: ${events.rows[0]?.n} (one per applied row)`);
    const drained = await timed(async () => {
      for (let i = 0; i < 600; i++) {
        const left = await db.query<{ n: string }>('SELECT count(*) AS n FROM outbox_message WHERE sent_at IS NULL');
        if (left.rows[0]?.n === '0') return;
        await new Promise((r) => setTimeout(r, 500));
      }
    });
    print(`relay published the outbox to Kafka within ${drained.seconds.toFixed(1)} s after the last step`);
    print(`\nerror report of the broken file:\n${describeReport(brokenReport, 10)}`);
    await writeFile(path.join(OUT, 'report.md'), lines.join('\n') + '\n');
  } finally {
    await db.end().catch(() => undefined);
    await system.stop();
    const admin = system.pg('postgres');
    await admin.connect();
    for (const name of Object.values(system.databases)) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
