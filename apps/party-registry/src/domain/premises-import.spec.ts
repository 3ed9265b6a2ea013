import { checkPremisesRows, partyReferencesOf, type KnownPremises } from './premises-import';

const ID = '3f2a1c6e-8b4d-4e2a-9c1f-0a1b2c3d4e5f';
const row = (n: number, party: string, count = '10', effectiveFrom = '2024-01-01') => ({ row: n, party, count, effectiveFrom });

describe('premises import (R-PREM-1)', () => {
  const known: KnownPremises = {
    partyIdById: new Map([[ID, ID]]),
    partyIdByNameKey: new Map([['gas co', 'p-gas']]),
    countByKey: new Map([
      ['p-gas|2023-01-01', 7],
      [`${ID}|2023-01-01`, 9],
    ]),
  };

  it('collects the ids (lower-cased) and name keys a file names, once each', () => {
    expect(partyReferencesOf([row(2, ` ${ID.toUpperCase()} `), row(3, ID), row(4, ' Gas  CO '), row(5, 'gas co'), row(6, '  ')])).toEqual({ ids: [ID], nameKeys: ['gas co'] });
  });

  it('R-PREM-1: finds the party by id or by name; thousands separators are allowed; equal counts on record are unchanged', () => {
    expect(checkPremisesRows([row(2, ID.toUpperCase(), '1,200'), row(3, ' GAS   co ', '0', ' 2024-02-01 '), row(4, 'Gas Co', '7', '2023-01-01')], known)).toEqual({
      toRecord: [
        { row: 2, partyId: ID, count: 1200, effectiveFrom: '2024-01-01' },
        { row: 3, partyId: 'p-gas', count: 0, effectiveFrom: '2024-02-01' },
      ],
      unchanged: 1,
      problems: [],
    });
  });

  it("XLSX (cells as written): a name with the formula guard (\"'=Hub\") is found as written, else without the guard", () => {
    const guarded: KnownPremises = { ...known, partyIdByNameKey: new Map([['=hub', 'p-hub'], ["'=quoted", 'p-quoted'], ['=quoted', 'p-other']]) };
    expect(partyReferencesOf([row(2, "'=Hub"), row(3, "'Plain")]).nameKeys).toEqual(['=hub', "'=hub", "'plain"]);
    const { toRecord, problems } = checkPremisesRows([row(2, "'=Hub"), row(3, "'=Quoted"), row(4, "'Plain")], guarded);
    expect(toRecord.map((r) => r.partyId)).toEqual(['p-hub', 'p-quoted']);
    expect(problems).toEqual([{ row: 4, field: 'party', message: 'no registered party has the name "\'Plain"' }]);
  });

  it("CSV of our exports: a leading apostrophe before = + - @ or another apostrophe is the guard, so \"=Twin\" and \"'=Twin\" read back apart", () => {
    const twins: KnownPremises = { ...known, partyIdByNameKey: new Map([['=twin', 'p-twin'], ["'=twin", 'p-quoted-twin'], ["'plain", 'p-plain']]) };
    const { toRecord, problems } = checkPremisesRows([row(2, "'=Twin"), row(3, "''=Twin"), row(4, "'Plain")], twins, true);
    expect(problems).toEqual([]);
    expect(toRecord.map((r) => r.partyId)).toEqual(['p-twin', 'p-quoted-twin', 'p-plain']);
    // A name written without the guard by a person is still found when no guarded reading names a party.
    const alone: KnownPremises = { ...known, partyIdByNameKey: new Map([["'=twin", 'p-quoted-twin']]) };
    expect(checkPremisesRows([row(2, "'=Twin")], alone, true).toRecord.map((r) => r.partyId)).toEqual(['p-quoted-twin']);
  });

  it('R-PREM-1: every problem names its row and field', () => {
    const { toRecord, problems } = checkPremisesRows(
      [row(2, ' '), row(3, 'Nobody'), row(4, 'aaaaaaaa-8b4d-4e2a-9c1f-0a1b2c3d4e5f'), row(5, 'Gas Co', '-1'), row(6, 'Gas Co', '1234567890'), row(7, 'Gas Co', '1.5'), row(8, 'Gas Co', '3', '2024-02-30')],
      known,
    );
    expect(toRecord).toEqual([]);
    expect(problems).toEqual([
      { row: 2, field: 'party', message: 'is empty: give the party name or id' },
      { row: 3, field: 'party', message: 'no registered party has the name "Nobody"' },
      { row: 4, field: 'party', message: 'no registered party has the id "aaaaaaaa-8b4d-4e2a-9c1f-0a1b2c3d4e5f"' },
      { row: 5, field: 'count', message: '"-1" is not a whole number of premises from 0 to 50,000,000' },
      { row: 6, field: 'count', message: '"1234567890" is not a whole number of premises from 0 to 50,000,000' },
      { row: 7, field: 'count', message: '"1.5" is not a whole number of premises from 0 to 50,000,000' },
      { row: 8, field: 'effectiveFrom', message: '"2024-02-30" is not a real calendar date written YYYY-MM-DD, in the years 1000 to 9999' },
    ]);
  });

  it('R-PREM-1: an unknown party with a bad count reports both; a different count on record and a repeated row are refused', () => {
    expect(checkPremisesRows([row(2, 'Nobody', 'x', 'y')], known).problems.map((p) => p.field)).toEqual(['party', 'count', 'effectiveFrom']);
    expect(checkPremisesRows([row(2, 'Gas Co', '8', '2023-01-01'), row(3, 'Gas Co', '5'), row(4, 'gas co', '6')], known)).toEqual({
      toRecord: [{ row: 3, partyId: 'p-gas', count: 5, effectiveFrom: '2024-01-01' }],
      unchanged: 0,
      problems: [
        { row: 2, field: 'count', message: '7 is already recorded effective from 2023-01-01; counts are never overwritten (R-PREM-1): use another effective date' },
        { row: 4, field: 'effectiveFrom', message: 'row 3 already gives a count for this party effective from 2024-01-01' },
      ],
    });
  });

  it('R-PREM-1: spaces around a count are ignored; the date in a message is shown trimmed', () => {
    expect(checkPremisesRows([row(2, 'Gas Co', ' 12 ')], known).toRecord).toEqual([{ row: 2, partyId: 'p-gas', count: 12, effectiveFrom: '2024-01-01' }]);
    expect(checkPremisesRows([row(2, 'Gas Co', '1', ' 2024-02-30 ')], known).problems[0].message).toBe('"2024-02-30" is not a real calendar date written YYYY-MM-DD, in the years 1000 to 9999');
  });

  it('long values are cut in the messages', () => {
    const [party, count, date] = checkPremisesRows([row(2, 'n'.repeat(300), 'c'.repeat(50), 'd'.repeat(50))], known).problems;
    expect(party.message).toBe(`no registered party has the name "${'n'.repeat(200)}"`);
    expect(count.message).toBe(`"${'c'.repeat(40)}" is not a whole number of premises from 0 to 50,000,000`);
    expect(date.message).toBe(`"${'d'.repeat(40)}" is not a real calendar date written YYYY-MM-DD, in the years 1000 to 9999`);
  });
});
