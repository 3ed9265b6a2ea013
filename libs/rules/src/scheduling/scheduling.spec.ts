import { RuleInputError, RuleViolation } from '../errors';
import { assertProviderAssessmentAllowed, isAnnualAssessmentAllowed, type ExistingAssessment } from './annual-limit';
import { ASSURANCE_STATUSES, isAssuranceStatus, requiredAssessmentAfterStatus, statusConsequences, validateAssuranceStatus, type AssuranceStatus } from './assurance-status';
import { isFieldworkNotRecorded, isOverdue, isSchedulingOverdue, nextAssessmentDueBy } from './due-date';
import { assertDeterminationDate } from './determination-date';

describe('R-SCHED-1: next assessment due 12 months after the assurance status', () => {
  it.each([
    ['2020-02-29', '2021-02-28'],
    ['2019-02-28', '2020-02-28'],
    ['2023-02-28', '2024-02-28'],
    ['2021-01-31', '2022-01-31'],
    ['2021-12-31', '2022-12-31'],
    ['2021-06-15', '2022-06-15'],
  ])('R-SCHED-1: status set %s -> due by %s', (setOn, due) => {
    expect(nextAssessmentDueBy(setOn)).toBe(due);
  });

  it('R-SCHED-1: overdue only after the due date', () => {
    expect(isOverdue('2021-02-28', '2021-02-28')).toBe(false);
    expect(isOverdue('2021-02-28', '2021-03-01')).toBe(true);
    expect(() => nextAssessmentDueBy('2021-02-29')).toThrow(/assuranceStatusSetOn/);
  });
});

describe('R-SRP-5: one annual assessment per provider per calendar year', () => {
  const existing: ExistingAssessment[] = [
    { type: 'FULL', calendarYear: 2021 },
    { type: 'FOLLOW_UP', calendarYear: 2022 },
  ];

  it('R-SRP-5: a second annual assessment in the same year is refused; another year is fine', () => {
    expect(isAnnualAssessmentAllowed(existing, 2021)).toBe(false);
    expect(isAnnualAssessmentAllowed(existing, 2022)).toBe(true);
    expect(isAnnualAssessmentAllowed([], 2021)).toBe(true);
  });

  it('R-SRP-5: refusal carries SRP_ALREADY_ASSESSED_THIS_YEAR', () => {
    expect(() => assertProviderAssessmentAllowed(existing, 2021, 'SELF')).toThrow(RuleViolation);
    expect(() => assertProviderAssessmentAllowed(existing, 2021, 'SELF')).toThrow(
      expect.objectContaining({ code: 'SRP_ALREADY_ASSESSED_THIS_YEAR', message: expect.stringContaining('2021') }),
    );
    expect(() => assertProviderAssessmentAllowed(existing, 2022, 'VERIFICATION')).not.toThrow();
  });

  it('R-SRP-5, R-TYPE-1: a FOLLOW_UP is not annual: always allowed, never counted', () => {
    expect(() => assertProviderAssessmentAllowed(existing, 2021, 'FOLLOW_UP')).not.toThrow();
    expect(isAnnualAssessmentAllowed([{ type: 'FOLLOW_UP', calendarYear: 2023 }], 2023)).toBe(true);
  });

  it('R-SRP-5, R-MATRIX-1: an annual assessment from before the party was a provider does not count against its first one as a provider', () => {
    const asUser = [{ type: 'SELF' as const, calendarYear: 2025, assessedAsProvider: false }];
    expect(isAnnualAssessmentAllowed(asUser, 2025)).toBe(true);
    expect(() => assertProviderAssessmentAllowed(asUser, 2025, 'FULL')).not.toThrow();
    const both = [...asUser, { type: 'FULL' as const, calendarYear: 2025, assessedAsProvider: true }];
    expect(() => assertProviderAssessmentAllowed(both, 2025, 'VERIFICATION')).toThrow(expect.objectContaining({ code: 'SRP_ALREADY_ASSESSED_THIS_YEAR' }));
  });

  it('R-SRP-5: refuses bad input naming the field', () => {
    expect(() => isAnnualAssessmentAllowed(existing, 21)).toThrow(/year/);
    expect(() => isAnnualAssessmentAllowed([{ type: 'AUDIT' as 'FULL', calendarYear: 2021 }], 2021)).toThrow(/existing\[0\]\.type/);
    expect(() => isAnnualAssessmentAllowed([{ type: 'FULL', calendarYear: 2021.5 }], 2021)).toThrow(/existing\[0\]\.calendarYear/);
    expect(() => assertProviderAssessmentAllowed(existing, 2021, 'AUDIT' as 'FULL')).toThrow(RuleInputError);
  });
});

describe('R-STATUS-1: assurance statuses and what they require next', () => {
  it.each<[AssuranceStatus, boolean, string[], boolean]>([
    ['APPROVED', true, [], false],
    ['APPROVED_SUBJECT_TO', true, [], true],
    ['DEFERRED', false, ['FOLLOW_UP'], false],
    ['REJECTED', false, ['FOLLOW_UP', 'FULL'], false],
  ])('R-STATUS-1: %s: may proceed %p, next %j, conditions required %p', (status, mayProceed, next, conditions) => {
    expect(statusConsequences(status)).toEqual({ mayProceed, nextAssessmentOptions: next, conditionsRequired: conditions });
  });

  it('R-STATUS-1: DEFERRED and REJECTED need a FOLLOW_UP; after REJECTED the SSC may require a new FULL', () => {
    expect(requiredAssessmentAfterStatus('APPROVED')).toBeNull();
    expect(requiredAssessmentAfterStatus('DEFERRED')).toBe('FOLLOW_UP');
    expect(requiredAssessmentAfterStatus('REJECTED')).toBe('FOLLOW_UP');
    expect(requiredAssessmentAfterStatus('REJECTED', true)).toBe('FULL');
    expect(() => requiredAssessmentAfterStatus('DEFERRED', true)).toThrow(/requireNewFull/);
  });

  it('R-STATUS-1: APPROVED_SUBJECT_TO needs conditions text', () => {
    expect(() => validateAssuranceStatus('APPROVED_SUBJECT_TO')).toThrow(/conditions/);
    expect(() => validateAssuranceStatus('APPROVED_SUBJECT_TO', '   ')).toThrow(RuleInputError);
    expect(validateAssuranceStatus('APPROVED_SUBJECT_TO', ' Patch by June ')).toBe('Patch by June');
    expect(validateAssuranceStatus('APPROVED')).toBeNull();
    expect(() => validateAssuranceStatus('MAYBE' as AssuranceStatus)).toThrow(/status/);
  });
});

describe('revised 2026-12-02: determination dates, scheduling duty, cancellation, directed FULL', () => {
  it('R-MATRIX-6: a determination date in the future, or before the previous determination, is refused (E5)', () => {
    expect(() => assertDeterminationDate('2026-01-16', { today: '2026-01-15' })).toThrow(/in the future/);
    expect(() => assertDeterminationDate('2024-12-01', { today: '2026-01-15', previousDeterminationDate: '2025-03-01' })).toThrow(
      /before the previous determination 2025-03-01/,
    );
    expect(() => assertDeterminationDate('2024-12-01', { today: '2026-01-15', previousDeterminationDate: '2025-03-01' })).toThrow(RuleInputError);
    expect(() => assertDeterminationDate('2025-03-01', { today: '2026-01-15', previousDeterminationDate: '2025-03-01' })).not.toThrow();
    expect(() => assertDeterminationDate('2026-01-15', { today: '2026-01-15', previousDeterminationDate: null })).not.toThrow();
    expect(() => assertDeterminationDate('2026-02-30', { today: '2026-01-15' })).toThrow(/determinationDate/);
  });

  it('R-MATRIX-6: past assessments entered in date order are accepted', () => {
    let previous: string | null = null;
    for (const date of ['2019-03-01', '2020-03-01', '2021-03-01']) {
      expect(() => assertDeterminationDate(date, { today: '2026-01-15', previousDeterminationDate: previous })).not.toThrow();
      previous = date;
    }
  });

  it('R-SCHED-1: overdue means not scheduled in time, whatever the fieldwork date (E7)', () => {
    const dueBy = nextAssessmentDueBy('2023-05-10');
    expect(dueBy).toBe('2024-05-10');
    expect(isSchedulingOverdue(dueBy, '2024-05-11', '2024-04-02')).toBe(false);
    expect(isSchedulingOverdue(dueBy, '2024-05-10', null)).toBe(false);
    expect(isSchedulingOverdue(dueBy, '2024-05-11', null)).toBe(true);
    // Booked late: overdue until the day it was booked, not after.
    expect(isSchedulingOverdue(dueBy, '2024-05-20', '2024-05-21')).toBe(true);
    expect(isSchedulingOverdue(dueBy, '2024-05-21', '2024-05-21')).toBe(false);
  });

  it.each<[string, () => boolean, string]>([
    ['isOverdue: a bad due date', () => isOverdue('2024-02-30', '2024-03-01'), 'dueBy'],
    ['isOverdue: a bad as-of date', () => isOverdue('2024-02-28', '2024-13-01'), 'asOf'],
    ['isSchedulingOverdue: a bad booking date', () => isSchedulingOverdue('2024-01-31', '2024-03-01', '2024-02-30'), 'bookedOn'],
    ['isFieldworkNotRecorded: a bad as-of date', () => isFieldworkNotRecorded('2024-07-01', '2024-07-32', null), 'asOf'],
    ['isFieldworkNotRecorded: a bad scheduled date', () => isFieldworkNotRecorded('2024-06-31', '2024-07-02', null), 'scheduledFor'],
  ])('R-SCHED-1, R-SCHED-3: %s is refused naming the field', (_, call, field) => {
    expect(call).toThrow(RuleInputError);
    expect(call).toThrow(expect.objectContaining({ field, message: expect.stringContaining(field) }));
  });

  it('R-SCHED-3: fieldwork not recorded once the scheduled date has passed (E7)', () => {
    expect(isFieldworkNotRecorded('2024-07-01', '2024-07-01', null)).toBe(false);
    expect(isFieldworkNotRecorded('2024-07-01', '2024-07-02', null)).toBe(true);
    expect(isFieldworkNotRecorded('2024-07-01', '2024-07-02', '2024-07-01')).toBe(false);
  });

  it('R-SRP-5, R-STATUS-2: a cancelled assessment does not count; a FULL directed by the SSC is not refused (E6)', () => {
    expect(isAnnualAssessmentAllowed([{ type: 'FULL', calendarYear: 2024, cancelled: true }], 2024)).toBe(true);
    const existing = [{ type: 'FULL' as const, calendarYear: 2024 }];
    expect(() => assertProviderAssessmentAllowed(existing, 2024, 'FULL')).toThrow(/SSC may direct a FULL/);
    expect(() => assertProviderAssessmentAllowed(existing, 2024, 'FULL', { directedBySsc: true })).not.toThrow();
  });
});

describe('R-SRP-5, R-STATUS-1, R-MATRIX-6: what each scheduling refusal says', () => {
  it.each<[unknown, boolean]>([
    [999, false],
    [1000, true],
    [9999, true],
    [10000, false],
    [2021.5, false],
    ['2021', false],
  ])('R-SRP-5: year %p is a four-digit calendar year: %p', (year, ok) => {
    if (ok) expect(isAnnualAssessmentAllowed([], year as number)).toBe(true);
    else expect(() => isAnnualAssessmentAllowed([], year as number)).toThrow(
      expect.objectContaining({ field: 'year', message: `year must be a four-digit calendar year; got ${JSON.stringify(year)}.` }),
    );
  });

  it('R-SRP-5: the refusals word for word', () => {
    expect(() => isAnnualAssessmentAllowed([{ type: 'FULL', calendarYear: 2020 }, { type: 'AUDIT' as 'FULL', calendarYear: 2021 }], 2021)).toThrow(
      expect.objectContaining({ field: 'existing[1].type', message: 'existing[1].type is not an assessment type: "AUDIT".' }),
    );
    expect(() => assertProviderAssessmentAllowed([], 2021, 'AUDIT' as 'FULL')).toThrow(
      expect.objectContaining({ field: 'type', message: 'type is not an assessment type: "AUDIT".' }),
    );
    expect(() => assertProviderAssessmentAllowed([{ type: 'SELF', calendarYear: 2021 }], 2021, 'VERIFICATION')).toThrow(
      expect.objectContaining({
        code: 'SRP_ALREADY_ASSESSED_THIS_YEAR',
        field: 'calendarYear',
        message:
          'This Shared Resource Provider already has an annual assessment in 2021; only one is allowed per calendar year (R-SRP-5). A FOLLOW_UP may still be requested, and the SSC may direct a FULL (R-STATUS-2).',
      }),
    );
    // A FOLLOW_UP of the year does not count, and a directed FULL is never refused even with an annual one.
    expect(() => assertProviderAssessmentAllowed([{ type: 'FOLLOW_UP', calendarYear: 2021 }], 2021, 'SELF')).not.toThrow();
    expect(() => assertProviderAssessmentAllowed([{ type: 'SELF', calendarYear: 2021 }], 2021, 'FULL', { directedBySsc: false })).toThrow(RuleViolation);
    expect(isAnnualAssessmentAllowed([{ type: 'SELF', calendarYear: 2021, cancelled: false }], 2021)).toBe(false);
  });

  it('R-STATUS-1: statuses are the contract names; the refusals word for word', () => {
    expect(ASSURANCE_STATUSES).toEqual(['APPROVED', 'APPROVED_SUBJECT_TO', 'DEFERRED', 'REJECTED']);
    expect([isAssuranceStatus('DEFERRED'), isAssuranceStatus('deferred'), isAssuranceStatus(1)]).toEqual([true, false, false]);
    expect(() => statusConsequences(7 as unknown as AssuranceStatus)).toThrow(
      expect.objectContaining({ field: 'status', message: 'status must be one of APPROVED, APPROVED_SUBJECT_TO, DEFERRED, REJECTED; got 7.' }),
    );
    expect(() => validateAssuranceStatus('APPROVED_SUBJECT_TO', null)).toThrow(
      expect.objectContaining({ field: 'conditions', message: 'conditions must state the conditions when the status is APPROVED_SUBJECT_TO (R-STATUS-1).' }),
    );
    expect(validateAssuranceStatus('DEFERRED', '  none  ')).toBe('none');
    expect(validateAssuranceStatus('DEFERRED', '   ')).toBeNull();
    expect(() => requiredAssessmentAfterStatus('DEFERRED', true)).toThrow(
      expect.objectContaining({ field: 'requireNewFull', message: 'requireNewFull: Only after REJECTED may the SSC require a new FULL instead of a FOLLOW_UP (R-STATUS-1).' }),
    );
    expect(requiredAssessmentAfterStatus('APPROVED_SUBJECT_TO', true)).toBeNull();
  });

  it('R-MATRIX-6: the determination date refusals word for word, under the field given', () => {
    expect(() => assertDeterminationDate('2026-01-16', { today: '2026-01-15' }, 'fieldworkDate')).toThrow(
      expect.objectContaining({
        field: 'fieldworkDate',
        message: 'fieldworkDate 2026-01-16 is in the future (today is 2026-01-15); the type is ascertained when the assessment is arranged (R-MATRIX-6).',
      }),
    );
    expect(() => assertDeterminationDate('2025-02-28', { today: '2026-01-15', previousDeterminationDate: '2025-03-01' })).toThrow(
      expect.objectContaining({
        field: 'determinationDate',
        message: 'determinationDate 2025-02-28 is before the previous determination 2025-03-01 of this party; enter past assessments in date order (R-MATRIX-6).',
      }),
    );
    expect(() => assertDeterminationDate('2025-02-28', { today: '2026-02-30' })).toThrow(expect.objectContaining({ field: 'today' }));
    expect(() => assertDeterminationDate('2025-02-28', { today: '2026-01-15', previousDeterminationDate: '2025-02-30' })).toThrow(
      expect.objectContaining({ field: 'previousDeterminationDate' }),
    );
    expect(() => assertDeterminationDate('2025-02-30', { today: '2026-01-15' })).toThrow(expect.objectContaining({ field: 'determinationDate' }));
    // A party's first determination has no previous one: the bound is simply absent.
    expect(() => assertDeterminationDate('2025-02-28', { today: '2026-01-15' })).not.toThrow();
  });
});
