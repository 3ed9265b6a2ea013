import type { ImpactCount } from '@sec-assure/rules';
import type { AssessmentRow } from '../entities/assessment.entity';
import type { DueRow } from '../queries/due';
import type { Cell } from '@sec-assure/service/exports';

export interface Table {
  name: string;
  header: string[];
  rows: Cell[][];
}

const nameOf = (names: ReadonlyMap<string, string>, id: string): string => names.get(id) ?? '';

/** The schedule: every assessment booked, in date order (cancelled ones kept, with the day). */
export function scheduleTable(assessments: readonly AssessmentRow[], names: ReadonlyMap<string, string>): Table {
  return {
    name: 'assessment-schedule',
    header: ['assessmentId', 'partyId', 'partyName', 'type', 'state', 'scheduledFor', 'scheduledOn', 'fieldworkCompletedOn', 'assuranceStatus', 'assuranceStatusSetOn', 'nextDueBy', 'cancelledOn'],
    rows: assessments.map((a) => [
      a.id, a.partyId, nameOf(names, a.partyId), a.type, a.state, a.scheduledFor, a.scheduledOn,
      a.fieldworkCompletedOn, a.assuranceStatus, a.assuranceStatusSetOn, a.nextDueBy, a.cancelledOn,
    ]),
  };
}

/** R-SCHED-1: parties whose next annual assessment is overdue on asOf, most overdue first. */
export function overdueTable(due: readonly DueRow[], names: ReadonlyMap<string, string>, asOf: string): Table {
  return {
    name: `overdue-scheduling-${asOf}`,
    header: ['partyId', 'partyName', 'dueBy', 'daysOverdue', 'lastAssessmentId'],
    rows: due.filter((d) => d.overdue).map((d) => [d.partyId, nameOf(names, d.partyId), d.dueBy, -d.daysUntilDue, d.lastAssessmentId]),
  };
}

/** R-IMPACT-1: each rule set's count for the year, by type, then its total. */
export function impactTable(year: number, counts: readonly ImpactCount[]): Table {
  const rows: Cell[][] = [];
  for (const c of counts) {
    for (const t of c.byType) rows.push([c.year, c.ruleSet, t.type, t.count]);
    rows.push([c.year, c.ruleSet, 'USER_ASSESSMENTS', c.userAssessments], [c.year, c.ruleSet, 'PROVIDER_ASSESSMENTS', c.providerAssessments], [c.year, c.ruleSet, 'TOTAL', c.total]);
  }
  return { name: `impact-count-${year}`, header: ['year', 'ruleSet', 'row', 'count'], rows };
}
