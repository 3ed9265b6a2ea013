import { stringify } from 'csv-stringify/sync';
// exceljs is loaded with the first XLSX (about 6 MB of heap a process would otherwise hold from start).
import type ExcelJS from 'exceljs';

/** A file to save or open: its bytes in base64, with the name and media type to serve them under. */
export interface ExportFile {
  fileName: string;
  contentType: string;
  contentBase64: string;
}

export type TableFormat = 'CSV' | 'XLSX';
export type Cell = string | number | null;

export const CONTENT_TYPES = {
  CSV: 'text/csv; charset=utf-8',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ICS: 'text/calendar; charset=utf-8',
} as const;

// A spreadsheet runs a cell starting with = + - @ as a formula: such text is written with a leading
// apostrophe in CSV (OWASP "CSV injection"); numbers stay numbers. Text that itself starts with an
// apostrophe gets one too, so that in a CSV file of ours a leading apostrophe is always the guard:
// "=Hub" is written "'=Hub" and "'=Hub" is written "''=Hub", and both read back apart.
const GUARDED_START = /^[=+\-@\t\r']/;
const safeText = (cell: Cell): Cell => (typeof cell === 'string' && GUARDED_START.test(cell) ? `'${cell}` : cell);

/** What a cell written with that apostrophe said before it (a CSV file of ours read back); null for any other text. */
export const unguardedText = (text: string): string | null => (text.startsWith("'") && GUARDED_START.test(text.slice(1)) ? text.slice(1) : null);

/** One table (a header row, then rows) as CSV (csv-stringify) or as a one-sheet XLSX workbook (exceljs). */
export async function tableFile(name: string, format: TableFormat, header: readonly string[], rows: readonly Cell[][]): Promise<ExportFile> {
  if (format === 'CSV') {
    const text = stringify([header, ...rows.map((r) => r.map(safeText))]);
    return { fileName: `${name}.csv`, contentType: CONTENT_TYPES.CSV, contentBase64: Buffer.from(text, 'utf8').toString('base64') };
  }
  const { default: Excel } = await import('exceljs');
  const workbook: ExcelJS.Workbook = new Excel.Workbook();
  const sheet = workbook.addWorksheet(name.slice(0, 31));
  sheet.addRow([...header]).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((c) => c ?? ''));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: `${name}.xlsx`, contentType: CONTENT_TYPES.XLSX, contentBase64: bytes.toString('base64') };
}
