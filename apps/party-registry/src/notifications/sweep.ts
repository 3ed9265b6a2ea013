import type { DataSource } from 'typeorm';
import { addWorkingDays, type WorkingDayCalendar } from '@sec-assure/rules';
import { partiesNeedingNoAssessment } from './needs-no-assessment';
import { queueNotice } from './queue';
import { TEMPLATES } from './templates';

/**
 * R-DIST-3: a reminder to each party whose copy is still not acknowledged `workingDays` Working Days
 * after issue, once (a copy already reminded is not reminded again); copies issued more than 90 days
 * ago are history, not reminded. Over this service's own projection of the copies: no call to
 * report-distribution.
 */
export async function sweepUnacknowledgedCopies(dataSource: DataSource, today: string, workingDays: number, calendar: WorkingDayCalendar): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const copies: { document_id: string; party_id: string; title: string; issued_on: string }[] = await manager.query(
      `SELECT c.document_id, c.party_id, c.title, to_char(c.issued_on, 'YYYY-MM-DD') AS issued_on FROM notification_copy c
       WHERE NOT c.acknowledged AND c.issued_on <= $1 AND c.issued_on > $1::date - 90
         AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.subject_key = 'copy-not-acknowledged:' || c.document_id AND n.party_id::text = c.party_id)`,
      [today],
    );
    let queued = 0;
    for (const c of copies) {
      if (addWorkingDays(c.issued_on, workingDays, calendar) > today) continue;
      queued += await queueNotice(manager, [c.party_id], {
        subjectKey: `copy-not-acknowledged:${c.document_id}`,
        template: 'COPY_NOT_ACKNOWLEDGED',
        day: today,
        mailFor: (p) => TEMPLATES.COPY_NOT_ACKNOWLEDGED({ partyName: p.name, title: c.title, issuedOn: c.issued_on, workingDays }),
      });
    }
    return queued;
  });
}

/**
 * R-SCHED-1: a party whose next annual assessment is not booked is told once when it falls due
 * within 30 days, and once when it is overdue (each due date its own subject); never a party that
 * needs no annual assessment today (R-PARTY-1, R-SRP-2).
 */
export async function sweepDueAssessments(dataSource: DataSource, today: string): Promise<number> {
  return dataSource.transaction(async (manager) => {
    const due: { party_id: string; due_by: string }[] = await manager.query(
      `SELECT party_id, to_char(due_by, 'YYYY-MM-DD') AS due_by FROM notification_due WHERE NOT booked AND due_by <= $1::date + 30`,
      [today],
    );
    const needNone = await partiesNeedingNoAssessment(manager, due.map((d) => d.party_id), today);
    let queued = 0;
    for (const d of due) {
      if (needNone.has(d.party_id)) continue;
      const overdue = d.due_by < today;
      const subjectKey = `${overdue ? 'scheduling-overdue' : 'assessment-due-soon'}:${d.party_id}:${d.due_by}`;
      const told: unknown[] = await manager.query('SELECT 1 FROM notification WHERE subject_key = $1 LIMIT 1', [subjectKey]);
      if (told.length > 0) continue;
      queued += await queueNotice(manager, [d.party_id], {
        subjectKey,
        template: overdue ? 'SCHEDULING_OVERDUE' : 'ASSESSMENT_DUE_SOON',
        day: today,
        mailFor: (p) => (overdue ? TEMPLATES.SCHEDULING_OVERDUE : TEMPLATES.ASSESSMENT_DUE_SOON)({ partyName: p.name, dueBy: d.due_by }),
      });
    }
    return queued;
  });
}
