import type { EntityManager } from 'typeorm';
import type { AssessmentCategory, AssessmentType, AssuranceStatus, CycleHistoryEntry, IsoDate } from '@sec-assure/rules';

/**
 * R-MATRIX-3, R-STATUS-2: each party's assessments (every party's when `partyIds` is null) on record on `date`
 * (decided on or before it), in the order they were determined (R-MATRIX-6: each position was ascertained after the
 * ones before it, whatever the days of their fieldwork), with the categories each covered. A cancelled one never moves the cycle, whenever it was cancelled
 * (it counts for nothing: it did not take place); nor does one set REJECTED by that date.
 */
export async function cycleHistoriesOn(manager: EntityManager, partyIds: readonly string[] | null, date: IsoDate, asKnownOn: IsoDate | null): Promise<Map<string, CycleHistoryEntry[]>> {
  // As known on a day: an assessment entered after it was not yet in the history (whatever booking
  // day history entered later gives), nor a later cancellation or assurance status.
  const rows = (await manager.query(
    `SELECT party_id, type, requirement -> 'coveredCategories' AS covered,
       CASE WHEN $3::date IS NULL OR cancelled_on <= $3::date THEN cancelled_on::text END AS cancelled_on,
       assurance_status, assurance_status_set_on::text AS status_set_on
     FROM assessment WHERE ($1::text[] IS NULL OR party_id = ANY($1)) AND determination_date <= $2
       AND ($3::date IS NULL OR recorded_on <= $3::date) ORDER BY party_id, determination_date, seq`,
    [partyIds, date, asKnownOn],
  )) as Array<{
    party_id: string;
    type: AssessmentType;
    covered: AssessmentCategory[] | null;
    cancelled_on: string | null;
    assurance_status: AssuranceStatus | null;
    status_set_on: string | null;
  }>;
  const histories = new Map<string, CycleHistoryEntry[]>();
  for (const r of rows) {
    const cancelled = r.cancelled_on !== null;
    const rejected = r.assurance_status === 'REJECTED' && r.status_set_on !== null && r.status_set_on <= date && (asKnownOn === null || r.status_set_on <= asKnownOn);
    const list = histories.get(r.party_id) ?? [];
    list.push({ type: r.type, coveredCategories: r.covered ?? [], counts: !cancelled && !rejected, rejected: rejected && !cancelled });
    histories.set(r.party_id, list);
  }
  return histories;
}
