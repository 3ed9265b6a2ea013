// Sends a premises file through the gateway's importDomesticPremises mutation, as SECAS would.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Agent } from 'undici';

// A long file may take minutes to record: no headers timeout (fetch's default gives up after 300 s).
const patient = new Agent({ headersTimeout: 0, bodyTimeout: 0 });

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  toRecord: number;
  recorded: number;
  unchanged: number;
  problemCount: number;
  problems: { row: number; field: string; message: string }[];
}

const IMPORT = `mutation ImportPremises($input: ImportDomesticPremisesInput!) {
  importDomesticPremises(input: $input) { dryRun rows toRecord recorded unchanged problemCount problems { row field message } }
}`;

export type FileFormat = 'CSV' | 'XLSX';

export function formatOf(file: string): FileFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') return 'CSV';
  if (ext === '.xlsx') return 'XLSX';
  throw new Error(`${file}: name a .csv or .xlsx file`);
}

/** The mutation's input for a file: CSV as its text, XLSX as base64. */
export async function importInput(file: string, dryRun: boolean): Promise<{ format: FileFormat; content: string; dryRun: boolean; bytes: number }> {
  const format = formatOf(file);
  const bytes = await readFile(file);
  return { format, content: format === 'CSV' ? bytes.toString('utf8') : bytes.toString('base64'), dryRun, bytes: bytes.length };
}

export async function sendImport(gatewayUrl: string, token: string, file: { format: FileFormat; content: string; dryRun: boolean }): Promise<ImportReport> {
  const input = { format: file.format, content: file.content, dryRun: file.dryRun };
  const response = await fetch(gatewayUrl, {
    dispatcher: patient,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-correlation-id': `import-premises-${Date.now().toString(36)}` },
    body: JSON.stringify({ query: IMPORT, variables: { input } }),
  });
  const body = (await response.json()) as { data?: { importDomesticPremises: ImportReport } | null; errors?: { message: string; extensions?: { code?: string } }[] };
  const error = body.errors?.[0];
  if (error || !body.data) throw new Error(`${response.status} ${error?.extensions?.code ?? ''} ${error?.message ?? 'no data'}`.trim());
  return body.data.importDomesticPremises;
}

/** The report as a person reads it: the counts, then each problem on its own line (the first `shown`). */
export function describeReport(report: ImportReport, shown = 20): string {
  const verb = report.dryRun ? 'dry run' : report.recorded > 0 || report.problemCount === 0 ? 'applied' : 'refused (nothing recorded)';
  const lines = [
    `${verb}: ${report.rows} rows, ${report.toRecord} new, ${report.recorded} recorded, ${report.unchanged} unchanged, ${report.problemCount} problem(s)`,
    ...report.problems.slice(0, shown).map((p) => `  row ${p.row}, ${p.field}: ${p.message}`),
  ];
  if (report.problemCount > shown) lines.push(`  ... and ${report.problemCount - shown} more`);
  return lines.join('\n');
}
