import type { EventData } from '@sec-assure/events';
import type { AssessmentRow } from '../entities/assessment.entity';
import { poundsOf } from '../domain/charges';

/** The AssessmentScheduled event of a stored assessment, field for field. */
export function scheduledEventData(row: AssessmentRow): EventData<'AssessmentScheduled'> {
  return {
    assessmentId: row.id,
    partyId: row.partyId,
    type: row.type,
    calendarYear: row.calendarYear,
    scheduledFor: row.scheduledFor,
    determinationDate: row.determinationDate,
    ruleSet: row.requirement.ruleSet,
    charge: poundsOf(row.charge),
    chargePence: row.charge,
    requirement: { ...row.requirement, coveredCategories: [...row.requirement.coveredCategories], ruleIds: [...row.requirement.ruleIds] },
    reliesOn: row.reliesOn.map((r) => ({ ...r })),
    followUpOf: row.followUpOf,
    scheduledOn: row.scheduledOn,
    directedBySsc: row.directedBySsc,
    reason: row.directedBySsc ? row.directionReason : row.followUpReason,
    scheduledBy: row.scheduledBy,
  };
}
