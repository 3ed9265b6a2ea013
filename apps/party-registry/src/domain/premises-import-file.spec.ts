import ExcelJS from 'exceljs';
import { parsePremisesFile } from './premises-import-file';

// Every CSV file may carry our exports' formula guard (premises-import.ts reads it); its rows and problems are checked here.
const csv = async (text: string) => {
  const { guardedCells, ...parsed } = await parsePremisesFile('CSV', Buffer.from(text, 'utf8'));
  expect(guardedCells).toBe(true);
  return parsed;
};

describe('premises import files (R-PREM-1)', () => {
  it('CSV: headings in any case, with spaces, dashes or underscores; row numbers count the header as 1; blank lines are no rows', async () => {
    expect(await csv('\uFEFFEffective_From,Party Name, DOMESTIC-premises\n2024-01-01,Gas Co,"1,200"\n,,\n2024-02-01,Other\n')).toEqual({
      rows: [
        { row: 2, party: 'Gas Co', count: '1,200', effectiveFrom: '2024-01-01' },
        { row: 4, party: 'Other', count: '', effectiveFrom: '2024-02-01' },
      ],
      problems: [],
    });
    expect((await csv('party name or id,premises,effective\nA,1,2024-01-01')).rows).toEqual([{ row: 2, party: 'A', count: '1', effectiveFrom: '2024-01-01' }]);
  });

  it('CSV: two columns headed for one field are a problem naming both, not a guess', async () => {
    expect(await csv('party,count,Party,effectiveFrom,premises\nA,1,B,2024-01-01,2')).toEqual({
      rows: [],
      problems: [
        { row: 1, field: 'party', message: '2 columns are headed for party: "party" (column A), "Party" (column C); keep one' },
        { row: 1, field: 'count', message: '2 columns are headed for count: "count" (column B), "premises" (column E); keep one' },
      ],
    });
  });

  it('CSV: a missing column, an empty file and unreadable text are problems of the file', async () => {
    expect(await csv('party,count\nA,1')).toEqual({ rows: [], problems: [{ row: 1, field: 'effectiveFrom', message: 'no column headed effectiveFrom / effectiveDate / effective' }] });
    expect((await csv('name,number,when\n')).problems.map((p) => p.field)).toEqual(['party', 'count', 'effectiveFrom']);
    expect(await csv('')).toEqual({ rows: [], problems: [{ row: 0, field: 'file', message: 'the file is empty' }] });
    const broken = await csv('party,count,effectiveFrom\nA,1,2024-01-01\n"B,2,2024-01-01\n');
    expect(broken.rows).toEqual([]);
    expect(broken.problems).toHaveLength(1);
    expect(broken.problems[0]).toMatchObject({ field: 'file', message: expect.stringMatching(/^not readable as CSV: /) });
    expect(broken.problems[0].row).toBeGreaterThan(0);
  });

  it('XLSX: the first sheet; dates as YYYY-MM-DD, formulas by their result, rich text as its text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('counts');
    sheet.addRow(['Party', 'Count', 'Effective Date']);
    sheet.addRow([' Gas Co ', 1200, new Date(Date.UTC(2024, 0, 31))]);
    sheet.addRow([]);
    sheet.addRow([{ richText: [{ text: 'Oth' }, { text: 'er' }] }, { formula: '1+1', result: 2 }, '2024-02-01']);
    sheet.addRow([{ text: 'Linked', hyperlink: 'https://example.org' }, null, '2024-03-01']);
    workbook.addWorksheet('ignored').addRow(['party', 'count', 'effectiveFrom']);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await parsePremisesFile('XLSX', content)).toEqual({
      rows: [
        { row: 2, party: 'Gas Co', count: '1200', effectiveFrom: '2024-01-31' },
        { row: 4, party: 'Other', count: '2', effectiveFrom: '2024-02-01' },
        { row: 5, party: 'Linked', count: '', effectiveFrom: '2024-03-01' },
      ],
      problems: [],
    });
  });

  it('XLSX: a file that is no workbook, or a workbook with no sheet, is a problem of the file', async () => {
    const bad = await parsePremisesFile('XLSX', Buffer.from('not a zip'));
    expect(bad.rows).toEqual([]);
    expect(bad.problems).toEqual([{ row: 0, field: 'file', message: expect.stringMatching(/^not readable as XLSX: /) }]);
    const empty = Buffer.from(await new ExcelJS.Workbook().xlsx.writeBuffer());
    expect(await parsePremisesFile('XLSX', empty)).toEqual({ rows: [], problems: [{ row: 0, field: 'file', message: 'the workbook has no sheet' }] });
  });
});
