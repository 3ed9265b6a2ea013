import { daysUntil, dueStatus, lastStatusSet, partyDue, type DueAssessment } from './party-due';

const a = (id: string, state: DueAssessment['state'], setOn: string | null = null, type: DueAssessment['type'] = 'FULL', scheduledOn = '2023-01-01'): DueAssessment => ({
  id,
  type,
  state,
  scheduledOn,
  assuranceStatusSetOn: setOn,
  nextDueBy: setOn === null ? null : `${Number(setOn.slice(0, 4)) + 1}${setOn.slice(4)}`,
});

describe('R-SCHED-1, R-SCHED-2: when the next annual assessment is due', () => {
  it('R-SCHED-1: 12 months after the latest status; nothing due before a status; the next booking is found', () => {
    expect(partyDue('p', [a('a1', 'SCHEDULED')], null)).toBeNull();
    expect(partyDue('p', [a('a1', 'STATUS_SET', '2023-05-10')], null)).toMatchObject({ dueBy: '2024-05-10', lastAssessmentId: 'a1', scheduledAssessmentId: null, bookedOn: null });
    expect(partyDue('p', [a('a1', 'STATUS_SET', '2023-05-10'), a('a2', 'SCHEDULED', null, 'VERIFICATION', '2024-04-02')], null)).toMatchObject({
      dueBy: '2024-05-10',
      scheduledAssessmentId: 'a2',
      bookedOn: '2024-04-02',
    });
  });

  it('R-SCHED-1 (E7): booked before the due date is never overdue, whatever the fieldwork; nothing booked is overdue the day after', () => {
    const booked = partyDue('p', [a('a1', 'STATUS_SET', '2023-05-10'), a('a2', 'SCHEDULED', null, 'VERIFICATION', '2024-04-02')], null)!;
    expect(dueStatus(booked, '2024-05-11', 0)).toBeNull();
    expect(dueStatus(booked, '2024-08-01', 0)).toBeNull();
    const none = partyDue('p', [a('a1', 'STATUS_SET', '2023-05-10')], null)!;
    expect(dueStatus(none, '2024-05-11', 0)).toEqual({ overdue: true, daysUntilDue: -1 });
    // Booked late: overdue until the booking, then no longer listed.
    const late = partyDue('p', [a('a1', 'STATUS_SET', '2023-05-10'), a('a2', 'SCHEDULED', null, 'SELF', '2024-06-01')], null)!;
    expect(dueStatus(late, '2024-05-20', 0)).toMatchObject({ overdue: true });
    expect(dueStatus(late, '2024-06-01', 0)).toBeNull();
  });

  it('R-STATUS-2: a cancelled booking does not meet the duty', () => {
    const due = partyDue('p', [a('a1', 'STATUS_SET', '2023-05-10'), a('a2', 'CANCELLED', null, 'VERIFICATION', '2024-04-02')], null)!;
    expect(due.bookedOn).toBeNull();
    expect(dueStatus(due, '2024-05-11', 0)).toMatchObject({ overdue: true });
  });

  it('R-TYPE-1: a follow-up neither restarts the 12 months nor satisfies them', () => {
    const due = partyDue('p', [a('a1', 'STATUS_SET', '2023-05-10'), a('f1', 'STATUS_SET', '2023-09-01', 'FOLLOW_UP')], null);
    expect(due).toMatchObject({ dueBy: '2024-05-10', lastAssessmentId: 'a1' });
  });

  it('R-SCHED-2: an override replaces the date for the same step, and lapses when a newer status restarts the clock', () => {
    const override = { id: 'o1', dueBy: '2024-09-30', lastAssessmentId: 'a1' };
    expect(partyDue('p', [a('a1', 'STATUS_SET', '2023-05-10')], override)).toMatchObject({ dueBy: '2024-09-30', overrideId: 'o1' });
    expect(partyDue('p', [a('a1', 'STATUS_SET', '2023-05-10'), a('a2', 'STATUS_SET', '2024-06-01', 'SELF')], override)).toMatchObject({
      dueBy: '2025-06-01',
      overrideId: null,
    });
    expect(partyDue('p', [], { id: 'o2', dueBy: '2019-03-31', lastAssessmentId: null })).toMatchObject({ dueBy: '2019-03-31', lastAssessmentId: null });
  });

  it('R-SCHED-1: overdue only after the due date; listed when due within the window', () => {
    const due = partyDue('p', [a('a1', 'STATUS_SET', '2023-05-10')], null)!;
    expect(dueStatus(due, '2024-05-10', 0)).toEqual({ overdue: false, daysUntilDue: 0 });
    expect(dueStatus(due, '2024-05-11', 0)).toEqual({ overdue: true, daysUntilDue: -1 });
    expect(dueStatus(due, '2024-04-10', 30)).toEqual({ overdue: false, daysUntilDue: 30 });
    expect(dueStatus(due, '2024-04-10', 29)).toBeNull();
  });
});

describe('R-SCHED-1: the status that starts the 12 months, and the booking that meets them', () => {
  it('R-SCHED-1: only an annual assessment with its status set counts; the latest date wins, later records winning ties', () => {
    expect(lastStatusSet([a('a1', 'STATUS_SET', '2023-05-10'), a('f1', 'STATUS_SET', '2024-01-01', 'FOLLOW_UP')])?.assessment.id).toBe('a1');
    expect(lastStatusSet([a('a1', 'STATUS_SET', '2023-05-10'), a('a2', 'COMPLETED', '2024-01-01')])?.assessment.id).toBe('a1');
    expect(lastStatusSet([a('a1', 'STATUS_SET', '2023-05-10'), { ...a('a2', 'STATUS_SET'), assuranceStatusSetOn: null }])?.index).toBe(0);
    expect(lastStatusSet([a('a1', 'STATUS_SET', '2024-05-10'), a('a2', 'STATUS_SET', '2023-05-10')])?.assessment.id).toBe('a1');
    expect(lastStatusSet([a('a1', 'STATUS_SET', '2023-05-10'), a('a2', 'STATUS_SET', '2023-05-10')])).toMatchObject({ assessment: { id: 'a2' }, index: 1 });
    expect(lastStatusSet([a('f1', 'SCHEDULED', null, 'FOLLOW_UP')])).toBeNull();
  });

  it('R-TYPE-1: a follow-up booked after the status is not the next annual assessment', () => {
    expect(partyDue('p', [a('a1', 'STATUS_SET', '2023-05-10'), a('f1', 'SCHEDULED', null, 'FOLLOW_UP', '2024-01-01')], null)).toMatchObject({ scheduledAssessmentId: null, bookedOn: null });
  });

  it('R-SCHED-1: of two bookings the earlier booked meets the duty; on the same day the first on record', () => {
    const status = a('a1', 'STATUS_SET', '2023-05-10');
    expect(partyDue('p', [status, a('a2', 'SCHEDULED', null, 'SELF', '2024-04-02'), a('a3', 'SCHEDULED', null, 'SELF', '2024-03-01')], null)).toMatchObject({ scheduledAssessmentId: 'a3', bookedOn: '2024-03-01' });
    expect(partyDue('p', [status, a('a2', 'SCHEDULED', null, 'SELF', '2024-03-01'), a('a3', 'SCHEDULED', null, 'SELF', '2024-04-02')], null)).toMatchObject({ scheduledAssessmentId: 'a2' });
    expect(partyDue('p', [status, a('a2', 'SCHEDULED', null, 'SELF', '2024-03-01'), a('a3', 'SCHEDULED', null, 'SELF', '2024-03-01')], null)).toMatchObject({ scheduledAssessmentId: 'a2' });
  });

  it('whole days across months and leap days; a bad date names its field', () => {
    expect(daysUntil('2024-03-01', '2024-02-28')).toBe(2);
    expect(daysUntil('2024-01-31', '2024-02-01')).toBe(-1);
    expect(() => daysUntil('2024-3-1', '2024-02-28')).toThrow(/^dueBy must be/);
    expect(() => daysUntil('2024-03-01', 'today')).toThrow(/^asOf must be/);
  });
});

describe('R-SCHED-1: when the next annual assessment was due, asked for a past day', () => {
  // A: status set 2023-05-10 (due 2024-05-10); the next one booked 2024-06-01, its status set 2024-09-01.
  const history = [a('a1', 'STATUS_SET', '2023-05-10'), a('a2', 'STATUS_SET', '2024-09-01', 'VERIFICATION', '2024-06-01')];

  it('R-SCHED-1: a status set after asOf does not count: on 2024-05-20 A was overdue (10 days), not yet booked', () => {
    const due = partyDue('p', history, null, '2024-05-20')!;
    expect(due).toMatchObject({ dueBy: '2024-05-10', lastAssessmentId: 'a1', scheduledAssessmentId: null, bookedOn: null });
    expect(dueStatus(due, '2024-05-20', 0)).toEqual({ overdue: true, daysUntilDue: -10 });
  });

  it('R-SCHED-1: a booking counts from the day it was made: on 2024-06-01 A is booked, and after 2024-09-01 the new status rules', () => {
    expect(partyDue('p', history, null, '2024-06-01')).toMatchObject({ dueBy: '2024-05-10', scheduledAssessmentId: 'a2', bookedOn: '2024-06-01' });
    expect(partyDue('p', history, null, '2024-09-01')).toMatchObject({ dueBy: '2025-09-01', lastAssessmentId: 'a2' });
    // Without asOf, everything on record counts (as when the SSC overrides the current date).
    expect(partyDue('p', history, null)).toMatchObject({ dueBy: '2025-09-01', lastAssessmentId: 'a2' });
    expect(lastStatusSet(history, '2023-05-09')).toBeNull();
  });

  it("R-SCHED-2: the override of the step in force on asOf counts, though a later one was made for the next step", () => {
    const first = { id: 'o1', dueBy: '2024-06-30', lastAssessmentId: 'a1' };
    const next = { id: 'o2', dueBy: '2025-12-31', lastAssessmentId: 'a2' };
    expect(partyDue('p', history, [first, next], '2024-05-20')).toMatchObject({ dueBy: '2024-06-30', overrideId: 'o1' });
    expect(partyDue('p', history, [first, next], '2024-09-01')).toMatchObject({ dueBy: '2025-12-31', overrideId: 'o2' });
    // Of two for one step, the later made.
    expect(partyDue('p', history, [first, { ...first, id: 'o3', dueBy: '2024-07-31' }], '2024-05-20')).toMatchObject({ dueBy: '2024-07-31', overrideId: 'o3' });
  });
});
