import { parse } from 'csv-parse/sync';
// exceljs is loaded with the first XLSX file, not at start (heap a process would otherwise hold).
import type ExcelJS from 'exceljs';

export type PremisesFileFormat = 'CSV' | 'XLSX';

/** One data row of an import file as written: row is the file's own row number (the header is row 1). */
export interface RawPremisesRow {
  row: number;
  party: string;
  count: string;
  effectiveFrom: string;
}

/** A problem with one row (or the file, row 0), naming the field a person should correct. */
export interface ImportProblem {
  row: number;
  field: string;
  message: string;
}

export interface ParsedFile {
  rows: RawPremisesRow[];
  problems: ImportProblem[];
  /** CSV: a cell starting with an apostrophe may be our exports' formula guard (libs/service exports). */
  guardedCells?: boolean;
}

// Column headings accepted for each field (case, spaces, dashes and underscores ignored).
const HEADINGS: Record<keyof Omit<RawPremisesRow, 'row'>, string[]> = {
  party: ['party', 'partyId', 'partyName', 'party name or id'],
  count: ['count', 'domesticPremises', 'premises'],
  effectiveFrom: ['effectiveFrom', 'effectiveDate', 'effective'],
};
const squash = (s: string): string => s.toLowerCase().replace(/[\s_-]+/g, '');

/** A column as a spreadsheet names it: A-Z, then AA, AB, ... */
const columnLetter = (index: number): string => (index < 26 ? '' : columnLetter(Math.floor(index / 26) - 1)) + String.fromCharCode(65 + (index % 26));

function columnsOf(header: string[]): {
  columns: Record<keyof typeof HEADINGS, number>;
  problems: ImportProblem[];
} {
  const found = header.map((h) => squash(h));
  const problems: ImportProblem[] = [];
  const columns = { party: -1, count: -1, effectiveFrom: -1 };
  for (const field of Object.keys(HEADINGS) as (keyof typeof HEADINGS)[]) {
    const matching = found.flatMap((h, i) => (HEADINGS[field].map(squash).includes(h) ? [i] : []));
    columns[field] = matching[0] ?? -1;
    if (matching.length === 0)
      problems.push({
        row: 1,
        field,
        message: `no column headed ${HEADINGS[field].join(' / ')}`,
      });
    // Two columns for one field: which one is meant is the writer's to say, not ours to guess.
    if (matching.length > 1)
      problems.push({
        row: 1,
        field,
        message: `${matching.length} columns are headed for ${field}: ${matching.map((i) => `"${header[i]}" (column ${columnLetter(i)})`).join(', ')}; keep one`,
      });
  }
  return { columns, problems };
}

function rowsOf(table: string[][]): ParsedFile {
  const [header, ...body] = table;
  if (!header)
    return {
      rows: [],
      problems: [{ row: 0, field: 'file', message: 'the file is empty' }],
    };
  const { columns, problems } = columnsOf(header);
  if (problems.length > 0) return { rows: [], problems };
  const rows: RawPremisesRow[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return; // a blank line is no row
    rows.push({
      row: i + 2,
      party: cells[columns.party] ?? '',
      count: cells[columns.count] ?? '',
      effectiveFrom: cells[columns.effectiveFrom] ?? '',
    });
  });
  return { rows, problems: [] };
}

function parseCsv(content: string): ParsedFile {
  try {
    const table = parse(content, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
    }) as string[][];
    return rowsOf(table);
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    return {
      rows: [],
      problems: [
        {
          row: line,
          field: 'file',
          message: `not readable as CSV: ${(error as Error).message}`,
        },
      ],
    };
  }
}

/** An XLSX cell as the text a person sees: dates as YYYY-MM-DD (Excel dates carry no zone: read as UTC). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    return '';
  }
  return String(value).trim();
}

async function parseXlsx(content: Buffer): Promise<ParsedFile> {
  const { default: Excel } = await import('exceljs');
  const workbook: ExcelJS.Workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch (error) {
    return {
      rows: [],
      problems: [
        {
          row: 0,
          field: 'file',
          message: `not readable as XLSX: ${(error as Error).message}`,
        },
      ],
    };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet)
    return {
      rows: [],
      problems: [{ row: 0, field: 'file', message: 'the workbook has no sheet' }],
    };
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values = row.values as ExcelJS.CellValue[]; // 1-based: values[0] is empty
    table[number - 1] = values.slice(1).map(cellText);
  });
  for (let i = 0; i < table.length; i++) table[i] ??= [];
  return rowsOf(table);
}

/** Reads the first sheet of an XLSX file or a CSV file (UTF-8, comma-separated, header row first). */
export function parsePremisesFile(format: PremisesFileFormat, content: Buffer): Promise<ParsedFile> {
  return format === 'CSV' ? Promise.resolve({ ...parseCsv(content.toString('utf8')), guardedCells: true }) : parseXlsx(content);
}
