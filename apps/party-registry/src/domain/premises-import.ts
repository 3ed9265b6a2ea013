import { CALENDAR_DATE, isPremisesCount, PREMISES_COUNT_RULE } from '@sec-assure/rules';
import { isCalendarDate, isUuid } from '@sec-assure/service';
import { unguardedText } from '@sec-assure/service/exports';
import { nameKeyOf } from './party-registration';
import type { ImportProblem, RawPremisesRow } from './premises-import-file';

/** One count to record (R-PREM-1), with the file row it came from. */
export interface PremisesToRecord {
  row: number;
  partyId: string;
  count: number;
  effectiveFrom: string;
}

/** What the register already knows about the parties a file names. */
export interface KnownPremises {
  /** Party id by id and by name key (nameKeyOf). */
  partyIdById: ReadonlyMap<string, string>;
  partyIdByNameKey: ReadonlyMap<string, string>;
  /** The count on record by `${partyId}|${effectiveFrom}`. */
  countByKey: ReadonlyMap<string, number>;
}

export interface PremisesImportCheck {
  toRecord: PremisesToRecord[];
  /** Rows whose count is already on record, identical: re-importing a file changes nothing (idempotent). */
  unchanged: number;
  problems: ImportProblem[];
}

const COUNT = /^\d{1,9}$/; // R-PREM-1: a whole number of 0 or more that fits the column

/**
 * The names a party cell may mean, in the order tried. In a CSV file our exports wrote a name starting with
 * = + - @ or an apostrophe with one more apostrophe in front (libs/service exports: "'=Hub" for "=Hub",
 * "''=Hub" for "'=Hub"), so there the name without it comes first and the cell as written second; in other
 * files (XLSX cells are written as they are) the cell as written comes first. A register export so comes back
 * in by name as it does by id.
 */
function namesMeant(party: string, guardedCells: boolean): string[] {
  const unguarded = unguardedText(party);
  if (unguarded === null) return [party];
  return guardedCells ? [unguarded, party] : [party, unguarded];
}

const partyIdByName = (party: string, known: KnownPremises, guardedCells: boolean): string | undefined =>
  namesMeant(party, guardedCells).map((name) => known.partyIdByNameKey.get(nameKeyOf(name))).find((id) => id !== undefined);

/** The ids and name keys a file names, to load what the register knows of them in one query each. */
export function partyReferencesOf(rows: readonly RawPremisesRow[]): {
  ids: string[];
  nameKeys: string[];
} {
  const ids = new Set<string>();
  const nameKeys = new Set<string>();
  for (const r of rows) {
    const party = r.party.trim();
    if (isUuid(party)) ids.add(party.toLowerCase());
    else if (party !== '') for (const name of namesMeant(party, true)) nameKeys.add(nameKeyOf(name));
  }
  return { ids: [...ids], nameKeys: [...nameKeys] };
}

/**
 * R-PREM-1 for every row of a file: the party exists (by id or name), the count is a whole number
 * of 0 or more, the date is a real one; a count already on record for that party and date is left
 * as it is when equal and refused when different (counts are never overwritten); two rows for the
 * same party and date are refused. Every problem names its row and field.
 */
export function checkPremisesRows(rows: readonly RawPremisesRow[], known: KnownPremises, guardedCells = false): PremisesImportCheck {
  const problems: ImportProblem[] = [];
  const toRecord: PremisesToRecord[] = [];
  const seen = new Map<string, number>();
  let unchanged = 0;
  for (const raw of rows) {
    const before = problems.length;
    const party = raw.party.trim();
    const partyId =
      party === '' ? undefined : isUuid(party) ? known.partyIdById.get(party.toLowerCase()) : partyIdByName(party, known, guardedCells);
    if (party === '')
      problems.push({
        row: raw.row,
        field: 'party',
        message: 'is empty: give the party name or id',
      });
    else if (!partyId)
      problems.push({
        row: raw.row,
        field: 'party',
        message: `no registered party has the ${isUuid(party) ? 'id' : 'name'} "${party.slice(0, 200)}"`,
      });
    const countText = raw.count.trim().replace(/,/g, '');
    if (!COUNT.test(countText) || !isPremisesCount(Number(countText)))
      problems.push({
        row: raw.row,
        field: 'count',
        message: `"${raw.count.slice(0, 40)}" is not ${PREMISES_COUNT_RULE}`,
      });
    const effectiveFrom = raw.effectiveFrom.trim();
    if (!isCalendarDate(effectiveFrom))
      problems.push({
        row: raw.row,
        field: 'effectiveFrom',
        message: `"${raw.effectiveFrom.trim().slice(0, 40)}" is not ${CALENDAR_DATE}`,
      });
    if (problems.length > before || !partyId) continue;
    const count = Number(countText);
    const key = `${partyId}|${effectiveFrom}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({
        row: raw.row,
        field: 'effectiveFrom',
        message: `row ${earlier} already gives a count for this party effective from ${effectiveFrom}`,
      });
      continue;
    }
    seen.set(key, raw.row);
    const recorded = known.countByKey.get(key);
    if (recorded === count) unchanged++;
    else if (recorded !== undefined) {
      problems.push({
        row: raw.row,
        field: 'count',
        message: `${recorded} is already recorded effective from ${effectiveFrom}; counts are never overwritten (R-PREM-1): use another effective date`,
      });
    } else toRecord.push({ row: raw.row, partyId, count, effectiveFrom });
  }
  return { toRecord, unchanged, problems };
}
