import { RuleInputError } from '../errors';
import { isAssessmentType, type AssessmentType } from '../assessment/assessment-types';
import { ASSESSMENT_CATEGORIES, type AssessmentCategory } from '../parties/user-roles';

export type CyclePosition = 1 | 2 | 3;

/** Refuses counts that are negative or fractional; null/undefined means no annual assessment yet. */
export function parseAssessmentsSinceLastFull(value: unknown, field = 'annualAssessmentsSinceLastFull'): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RuleInputError(field, `${field} must be a whole number, 0 or more (or null before User Entry); got ${JSON.stringify(value)}.`);
  }
  return value;
}

/**
 * R-MATRIX-1, R-MATRIX-3: no assessment yet is User Entry (year 1); 0 since the last FULL is year 2,
 * 1 is year 3, and 2 wraps to year 1. A count past 2 (e.g. after an SSC timing override, R-SCHED-2)
 * also means a FULL is due: the cycle never runs past year 3.
 */
export function cyclePositionOf(annualAssessmentsSinceLastFull: number | null): CyclePosition {
  if (annualAssessmentsSinceLastFull === null) return 1;
  if (annualAssessmentsSinceLastFull === 0) return 2;
  if (annualAssessmentsSinceLastFull === 1) return 3;
  return 1;
}

function checkType(type: unknown, i: number): AssessmentType {
  if (!isAssessmentType(type)) {
    throw new RuleInputError(`history[${i}]`, `history[${i}] is not an assessment type: ${JSON.stringify(type)}.`);
  }
  return type;
}

/**
 * R-MATRIX-3, R-TYPE-1: annual assessments after the most recent FULL, from a history in date order.
 * FOLLOW_UPs are outside the cycle and ignored. Without a FULL on record the cycle has not started,
 * so the answer is null (User Entry: FULL next), the safe reading of an incomplete history.
 */
export function annualAssessmentsSinceLastFull(history: readonly AssessmentType[]): number | null {
  let sinceFull: number | null = null;
  history.forEach((entry, i) => {
    const type = checkType(entry, i);
    if (type === 'FULL') sinceFull = 0;
    else if (type !== 'FOLLOW_UP' && sinceFull !== null) sinceFull += 1;
  });
  return sinceFull;
}

/** One assessment of a party's history, as the per-category cycle reads it. */
export interface CycleHistoryEntry {
  readonly type: AssessmentType;
  /** The categories the assessment covered (its requirement's `coveredCategories`). */
  readonly coveredCategories: readonly AssessmentCategory[];
  /**
   * false for an assessment that never moves the cycle: a cancelled one, or one whose assurance status
   * is REJECTED (the party has not shown compliance, R-STATUS-2). Default true.
   */
  readonly counts?: boolean;
  /** true for one whose assurance status is REJECTED (it does not count either); the explanation says so. */
  readonly rejected?: boolean;
}

export type SinceLastFullByCategory = Partial<Record<AssessmentCategory, number>>;

/**
 * The validated counts a determination reads: one for every category, or one per category (a category
 * absent from the map is at User Entry). Plain data, looked up with `sinceFor`: determinations run by the
 * hundred thousand, and a closure per call was their main cost.
 */
export interface CycleCounts {
  readonly single: number | null;
  readonly byCategory: ReadonlyMap<AssessmentCategory, number | null> | null;
}

export function sinceFor(counts: CycleCounts, category: AssessmentCategory): number | null {
  return counts.byCategory === null ? counts.single : (counts.byCategory.get(category) ?? null);
}

/**
 * R-MATRIX-1, R-MATRIX-3 per category: for each category some counting FULL has covered, the annual
 * assessments of the party since the most recent such FULL. A category absent from the answer was
 * never covered by a FULL, so it is at User Entry (year 1). FOLLOW_UPs, cancelled and REJECTED
 * assessments are skipped (R-TYPE-1, R-STATUS-2). History in date order.
 */
export function annualAssessmentsSinceLastFullByCategory(history: readonly CycleHistoryEntry[]): SinceLastFullByCategory {
  const since: SinceLastFullByCategory = {};
  history.forEach((entry, i) => {
    const type = checkType(entry?.type, i);
    if (type === 'FOLLOW_UP' || entry.counts === false) return;
    const covered = type === 'FULL' ? entry.coveredCategories : [];
    for (const category of ASSESSMENT_CATEGORIES) {
      if (covered.includes(category)) since[category] = 0;
      else if (since[category] !== undefined) since[category] += 1;
    }
  });
  return since;
}

/**
 * R-STATUS-2, R-MATRIX-5: the categories a REJECTED FULL of the history covered, so that a determination at User
 * Entry can say a FULL is on record but does not count.
 */
export function rejectedFullCategories(history: readonly CycleHistoryEntry[]): AssessmentCategory[] {
  const out: AssessmentCategory[] = [];
  for (const entry of history) {
    if (entry.type !== 'FULL' || entry.rejected !== true) continue;
    for (const category of entry.coveredCategories) if (!out.includes(category)) out.push(category);
  }
  return out;
}
