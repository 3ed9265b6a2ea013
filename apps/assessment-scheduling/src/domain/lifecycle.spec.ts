import type { AssessmentRow } from './assessment-record';
import { completeFieldworkChange, setAssuranceStatusChange } from './lifecycle';
import { refusalOf } from '@sec-assure/testing';

const scheduled: AssessmentRow = {
  id: 'a1',
  partyId: 'p1',
  type: 'FULL',
  requirement: { type: 'FULL', ruleSet: 'SECMP0044', category: 'SUPPLIER', coveredCategories: ['SUPPLIER'], cyclePosition: 1, premisesUsed: 0, premisesKnown: true, ruleIds: [], explanation: '' },
  calendarYear: 2024,
  determinationDate: '2024-01-10',
  scheduledFor: '2024-03-01',
  scheduledOn: '2024-01-10',
  directedBySsc: false,
  directionReason: null,
  state: 'SCHEDULED',
  fieldworkCompletedOn: null,
  assuranceStatus: null,
  assuranceStatusSetOn: null,
  conditions: null,
  nextDueBy: null,
  charge: 100,
  reliesOn: [],
  followUpReason: null,
  followUpOf: null,
  scheduledBy: 'admin',
  cancelledOn: null,
  cancelledBy: null,
  cancellationReason: null,
  stateBeforeCancellation: null,
};

const refusal = (run: () => unknown): { code: unknown; message: string } => {
  const { code, message } = refusalOf(run);
  return { code, message };
};

describe('assessment lifecycle: SCHEDULED -> COMPLETED -> STATUS_SET', () => {
  const completed = { ...scheduled, ...completeFieldworkChange(scheduled, '2024-03-15') };

  it('completes fieldwork once, not before the scheduled date', () => {
    expect(completed).toMatchObject({ state: 'COMPLETED', fieldworkCompletedOn: '2024-03-15' });
    expect(refusal(() => completeFieldworkChange(completed, '2024-03-20'))).toEqual({ code: 'CONFLICT', message: expect.stringContaining('is COMPLETED') });
    expect(refusal(() => completeFieldworkChange(scheduled, '2024-02-29'))).toEqual({ code: 'BAD_USER_INPUT', message: expect.stringContaining('completedOn') });
  });

  it('R-STATUS-1: no status before fieldwork, nor twice, nor dated before the fieldwork', () => {
    expect(refusal(() => setAssuranceStatusChange(scheduled, 'APPROVED', '2024-04-01', null))).toEqual({
      code: 'CONFLICT',
      message: expect.stringContaining('is SCHEDULED'),
    });
    expect(refusal(() => setAssuranceStatusChange(completed, 'APPROVED', '2024-03-14', null))).toEqual({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('setOn'),
    });
    const set = { ...completed, ...setAssuranceStatusChange(completed, 'APPROVED', '2024-04-01', null) };
    expect(refusal(() => setAssuranceStatusChange(set, 'REJECTED', '2024-04-02', null))).toEqual({
      code: 'CONFLICT',
      message: expect.stringContaining('STATUS_SET (APPROVED on 2024-04-01)'),
    });
  });

  it('R-STATUS-1: APPROVED_SUBJECT_TO needs conditions; R-SCHED-1: due 12 months after the status', () => {
    expect(refusal(() => setAssuranceStatusChange(completed, 'APPROVED_SUBJECT_TO', '2024-04-01', '  '))).toEqual({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('conditions'),
    });
    expect(setAssuranceStatusChange(completed, 'APPROVED_SUBJECT_TO', '2024-04-01', ' Patch ')).toEqual({
      state: 'STATUS_SET',
      assuranceStatus: 'APPROVED_SUBJECT_TO',
      assuranceStatusSetOn: '2024-04-01',
      conditions: 'Patch',
      nextDueBy: '2025-04-01',
    });
    const leap = { ...completed, fieldworkCompletedOn: '2020-02-01' };
    expect(setAssuranceStatusChange(leap, 'APPROVED', '2020-02-29', 'ignored').nextDueBy).toBe('2021-02-28');
    expect(setAssuranceStatusChange(leap, 'APPROVED', '2020-02-29', 'ignored').conditions).toBeNull();
  });
});
