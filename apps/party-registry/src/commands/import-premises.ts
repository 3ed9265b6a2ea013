import type { DataSource, EntityManager } from 'typeorm';
import { checkPremisesRows, partyReferencesOf, type KnownPremises } from '../domain/premises-import';
import type { ImportProblem, RawPremisesRow } from '../domain/premises-import-file';
import type { CommandMeta } from './command-meta';
import { writePremisesChunk } from './import-premises-writes';
import { conflict } from '@sec-assure/service';

export interface PremisesImportReport {
  dryRun: boolean;
  /** Data rows read from the file. */
  rows: number;
  /** Counts new to the register: recorded by an apply, would be by a dry run. */
  toRecord: number;
  /** Counts recorded (and events published) by this call: 0 for a dry run or a refused apply. */
  recorded: number;
  /** Rows whose identical count is already on record. */
  unchanged: number;
  problems: ImportProblem[];
}

export type ImportProgress = (stage: 'checked' | 'recorded', done: number, total: number) => void;

const CHUNK = 5000;

async function knownPremisesFor(manager: EntityManager, rows: readonly RawPremisesRow[]): Promise<KnownPremises> {
  const { ids, nameKeys } = partyReferencesOf(rows);
  const parties: { id: string; name_key: string }[] = await manager.query(
    'SELECT id, name_key FROM party WHERE id = ANY($1::uuid[]) OR name_key = ANY($2::text[])',
    [ids, nameKeys],
  );
  const counts: { party_id: string; effective_from: string; count: number }[] = await manager.query(
    `SELECT party_id, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, count FROM domestic_premises WHERE party_id = ANY($1::uuid[])`,
    [parties.map((p) => p.id)],
  );
  return {
    partyIdById: new Map(parties.map((p) => [p.id, p.id])),
    partyIdByNameKey: new Map(parties.map((p) => [p.name_key, p.id])),
    countByKey: new Map(counts.map((c) => [`${c.party_id}|${c.effective_from}`, c.count])),
  };
}

/**
 * R-PREM-1 for a whole file, all or nothing: one transaction checks every row against the register
 * and, unless it is a dry run or any row has a problem, records every new count with its
 * DomesticPremisesRecorded event. Counts already on record unchanged are skipped, so the same file
 * applied twice records and publishes nothing the second time.
 */
export async function importPremises(
  dataSource: DataSource,
  file: { rows: RawPremisesRow[]; problems: ImportProblem[]; dryRun: boolean; guardedCells?: boolean },
  meta: CommandMeta,
  onProgress: ImportProgress = () => undefined,
): Promise<PremisesImportReport> {
  const empty = {
    dryRun: file.dryRun,
    rows: file.rows.length,
    toRecord: 0,
    recorded: 0,
    unchanged: 0,
  };
  if (file.problems.length > 0) return { ...empty, problems: file.problems };
  try {
    return await dataSource.transaction(async (manager) => {
      // Imports of counts queue one behind another: each checks against what the previous recorded.
      await manager.query("SELECT pg_advisory_xact_lock(hashtext('party-registry:premises-import'))");
      const check = checkPremisesRows(file.rows, await knownPremisesFor(manager, file.rows), file.guardedCells ?? false);
      onProgress('checked', file.rows.length, file.rows.length);
      const report = {
        ...empty,
        toRecord: check.toRecord.length,
        unchanged: check.unchanged,
        problems: check.problems,
      };
      if (file.dryRun || check.problems.length > 0) return report;
      for (let i = 0; i < check.toRecord.length; i += CHUNK) {
        await writePremisesChunk(manager, check.toRecord.slice(i, i + CHUNK), meta);
        onProgress('recorded', Math.min(i + CHUNK, check.toRecord.length), check.toRecord.length);
      }
      return { ...report, recorded: check.toRecord.length };
    });
  } catch (error) {
    // A single recordDomesticPremises committed the same party and date meanwhile (unique_violation).
    if ((error as { code?: string }).code === '23505') {
      throw conflict(
        'Another change recorded one of these counts at the same time; run the import again (counts are never overwritten, R-PREM-1)',
      );
    }
    throw error;
  }
}
