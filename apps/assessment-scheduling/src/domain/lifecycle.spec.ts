import { scheduledAssessment } from './test-assessment';
import { cancelChange, completeFieldworkChange, describeState, isNonCompliantStatus, requireText, setAssuranceStatusChange } from './lifecycle';
import { refusalOf } from '@sec-assure/testing';

const scheduled = scheduledAssessment;

const refusal = (run: () => unknown): { code: unknown; message: string } => {
  const { code, message } = refusalOf(run);
  return { code, message };
};

/** The day the platform is on in these cases. */
const TODAY = '2026-12-06';

describe('assessment lifecycle: SCHEDULED -> COMPLETED -> STATUS_SET', () => {
  const completed = { ...scheduled, ...completeFieldworkChange(scheduled, '2024-03-15', TODAY) };

  it('completes fieldwork once, not before the scheduled date', () => {
    expect(completed).toMatchObject({ state: 'COMPLETED', fieldworkCompletedOn: '2024-03-15' });
    expect(refusal(() => completeFieldworkChange(completed, '2024-03-20', TODAY))).toEqual({ code: 'CONFLICT', message: expect.stringContaining('is COMPLETED') });
    expect(refusal(() => completeFieldworkChange(scheduled, '2024-02-29', TODAY))).toEqual({ code: 'BAD_USER_INPUT', message: expect.stringContaining('completedOn') });
  });

  it('R-STATUS-1, R-SCHED-1: fieldwork and a status are recorded on today at the latest, never on a day still to come', () => {
    expect(completeFieldworkChange(scheduled, TODAY, TODAY)).toMatchObject({ state: 'COMPLETED', fieldworkCompletedOn: TODAY });
    expect(refusal(() => completeFieldworkChange(scheduled, '2026-12-07', TODAY))).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'completedOn: 2026-12-07 is after today (2026-12-06, Europe/London); fieldwork is recorded on or after the day it happens',
    });
    expect(refusal(() => completeFieldworkChange(scheduled, '9999-12-31', TODAY)).code).toBe('BAD_USER_INPUT');
    expect(setAssuranceStatusChange(completed, 'APPROVED', TODAY, null, TODAY)).toMatchObject({ assuranceStatusSetOn: TODAY, nextDueBy: '2027-12-06' });
    expect(refusal(() => setAssuranceStatusChange(completed, 'APPROVED', '2028-02-29', null, TODAY))).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'setOn: 2028-02-29 is after today (2026-12-06, Europe/London); an assurance status is recorded on or after the day it happens',
    });
  });

  it('R-STATUS-1: no status before fieldwork, nor twice, nor dated before the fieldwork', () => {
    expect(refusal(() => setAssuranceStatusChange(scheduled, 'APPROVED', '2024-04-01', null, TODAY))).toEqual({
      code: 'CONFLICT',
      message: expect.stringContaining('is SCHEDULED'),
    });
    expect(refusal(() => setAssuranceStatusChange(completed, 'APPROVED', '2024-03-14', null, TODAY))).toEqual({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('setOn'),
    });
    const set = { ...completed, ...setAssuranceStatusChange(completed, 'APPROVED', '2024-04-01', null, TODAY) };
    expect(refusal(() => setAssuranceStatusChange(set, 'REJECTED', '2024-04-02', null, TODAY))).toEqual({
      code: 'CONFLICT',
      message: expect.stringContaining('STATUS_SET (APPROVED on 2024-04-01, after fieldwork completed on 2024-03-15)'),
    });
    // Fieldwork again once the status is set: the refusal says when the fieldwork was done.
    expect(refusal(() => completeFieldworkChange(set, '2024-04-02', TODAY))).toEqual({
      code: 'CONFLICT',
      message: expect.stringMatching(/^Fieldwork cannot be completed twice: .* is STATUS_SET \(APPROVED on 2024-04-01, after fieldwork completed on 2024-03-15\)\.$/),
    });
  });

  it('R-STATUS-1: APPROVED_SUBJECT_TO needs conditions; R-SCHED-1: due 12 months after the status', () => {
    expect(refusal(() => setAssuranceStatusChange(completed, 'APPROVED_SUBJECT_TO', '2024-04-01', '  ', TODAY))).toEqual({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('conditions'),
    });
    expect(setAssuranceStatusChange(completed, 'APPROVED_SUBJECT_TO', '2024-04-01', ' Patch ', TODAY)).toEqual({
      state: 'STATUS_SET',
      assuranceStatus: 'APPROVED_SUBJECT_TO',
      assuranceStatusSetOn: '2024-04-01',
      conditions: 'Patch',
      nextDueBy: '2025-04-01',
    });
    const leap = { ...completed, fieldworkCompletedOn: '2020-02-01' };
    expect(setAssuranceStatusChange(leap, 'APPROVED', '2020-02-29', 'ignored', TODAY).nextDueBy).toBe('2021-02-28');
    expect(setAssuranceStatusChange(leap, 'APPROVED', '2020-02-29', 'ignored', TODAY).conditions).toBeNull();
  });
});

describe('R-STATUS-2: cancellation, and the edges of the lifecycle', () => {
  const completed = { ...scheduled, ...completeFieldworkChange(scheduled, '2024-03-01', TODAY) };
  const cancelled = { ...scheduled, ...cancelChange(scheduled, 'party left', '2024-02-01', 'secas') };

  it('fieldwork may end on the day it was scheduled for; the refusal names both dates', () => {
    expect(completed.fieldworkCompletedOn).toBe('2024-03-01');
    expect(refusal(() => completeFieldworkChange(scheduled, '2024-02-29', TODAY)).message).toContain('2024-02-29 is before the assessment\'s scheduledFor 2024-03-01');
  });

  it('R-STATUS-1: the status may be set on the day of the fieldwork; the refusal names both dates', () => {
    expect(setAssuranceStatusChange(completed, 'APPROVED', '2024-03-01', null, TODAY).assuranceStatusSetOn).toBe('2024-03-01');
    expect(refusal(() => setAssuranceStatusChange(completed, 'APPROVED', '2024-02-29', null, TODAY)).message).toContain('2024-02-29 is before the fieldwork was completed (2024-03-01)');
  });

  it('R-SCHED-1: a status set so late that its due date would pass 9999-12-31 is BAD_USER_INPUT naming setOn (not an event that cannot be written)', () => {
    expect(refusal(() => setAssuranceStatusChange(completed, 'APPROVED', '9999-12-31', null, '9999-12-31'))).toEqual({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('setOn 9999-12-31 is too late'),
    });
  });

  it('conditions are bounded at 10,000 characters', () => {
    expect(setAssuranceStatusChange(completed, 'APPROVED_SUBJECT_TO', '2024-04-01', 'c'.repeat(10_000), TODAY).conditions).toHaveLength(10_000);
    expect(refusal(() => setAssuranceStatusChange(completed, 'APPROVED_SUBJECT_TO', '2024-04-01', 'c'.repeat(10_001), TODAY))).toEqual({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('conditions: must be at most 10000 characters'),
    });
  });

  it('SECAS cancels an assessment without a status, keeping who, when, why and the state it had', () => {
    expect(cancelChange(scheduled, 'party left', '2024-02-01', 'secas')).toEqual({
      state: 'CANCELLED',
      cancelledOn: '2024-02-01',
      cancelledBy: 'secas',
      cancellationReason: 'party left',
      stateBeforeCancellation: 'SCHEDULED',
    });
    expect(cancelChange(completed, 'r', '2024-03-02', 'secas').stateBeforeCancellation).toBe('COMPLETED');
    expect(describeState(cancelled)).toBe('assessment a1 is CANCELLED (on 2024-02-01 by secas: party left)');
  });

  it('a cancelled assessment is not cancelled again and gets no status; one with a status is the SSC\'s record', () => {
    expect(refusal(() => cancelChange(cancelled, 'again', '2024-02-02', 'secas'))).toEqual({
      code: 'CONFLICT',
      message: expect.stringContaining('The assessment is already cancelled: assessment a1 is CANCELLED'),
    });
    expect(refusal(() => setAssuranceStatusChange({ ...cancelled, fieldworkCompletedOn: '2024-01-01' }, 'APPROVED', '2024-04-01', null, TODAY))).toEqual({
      code: 'CONFLICT',
      message: expect.stringContaining('A cancelled assessment gets no assurance status: assessment a1 is CANCELLED'),
    });
    expect(refusal(() => completeFieldworkChange(cancelled, '2024-03-01', TODAY))).toEqual({
      code: 'CONFLICT',
      message: expect.stringContaining('A cancelled assessment has no fieldwork to record: assessment a1 is CANCELLED'),
    });
    const set = { ...completed, ...setAssuranceStatusChange(completed, 'APPROVED', '2024-04-01', null, TODAY) };
    expect(refusal(() => cancelChange(set, 'late', '2024-04-02', 'secas'))).toEqual({
      code: 'CONFLICT',
      message: expect.stringContaining("An assessment with its assurance status set is the SSC's record and cannot be cancelled: assessment a1 is STATUS_SET"),
    });
  });

  it('R-STATUS-1, R-DEF-1: DEFERRED and REJECTED are non-compliant', () => {
    expect(['APPROVED', 'APPROVED_SUBJECT_TO', 'DEFERRED', 'REJECTED'].map((s) => isNonCompliantStatus(s as never))).toEqual([false, false, true, true]);
  });

  it('free text is trimmed, not blank, and bounded', () => {
    expect(requireText('reason', '  why  ', 3)).toBe('why');
    expect(refusal(() => requireText('reason', '   ', 3))).toEqual({ code: 'BAD_USER_INPUT', message: expect.stringContaining('reason: must not be blank') });
    expect(refusal(() => requireText('reason', 'four', 3))).toEqual({ code: 'BAD_USER_INPUT', message: expect.stringContaining('reason: must be at most 3 characters') });
  });
});
