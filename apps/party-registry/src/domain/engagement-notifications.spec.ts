import { notificationGap, notificationState } from './engagement-notifications';

// Tuesday 2024-01-02: 10 Working Days later is Tuesday 2024-01-16 (no bank holiday in between).
const START = '2024-01-02';

describe('SSC notifications of an engagement (R-SRP-7)', () => {
  it('is on time up to 10 Working Days after the start, late after', () => {
    expect(notificationState(START, '2023-12-20', '2024-03-01')).toBe('ON_TIME');
    expect(notificationState(START, '2024-01-16', '2024-03-01')).toBe('ON_TIME');
    expect(notificationState(START, '2024-01-17', '2024-03-01')).toBe('LATE');
  });

  it('is pending within the 10 Working Days and missing after them; a later notification does not count yet', () => {
    expect(notificationState(START, null, '2024-01-16')).toBe('PENDING');
    expect(notificationState(START, null, '2024-01-17')).toBe('MISSING');
    expect(notificationState(START, '2024-02-01', '2024-01-20')).toBe('MISSING');
  });

  it('reports only engagements with a missing or late notification, with the gap between the two', () => {
    const fine = { startDate: START, userNotifiedSscOn: '2024-01-03', providerNotifiedSscOn: '2024-01-05' };
    expect(notificationGap(fine, '2024-03-01')).toBeNull();
    const late = { startDate: START, userNotifiedSscOn: '2024-01-03', providerNotifiedSscOn: '2024-01-31' };
    expect(notificationGap(late, '2024-03-01')).toEqual({
      engagement: late,
      notificationDueBy: '2024-01-16',
      userNotification: 'ON_TIME',
      providerNotification: 'LATE',
      workingDaysBetweenNotifications: 20,
    });
    expect(notificationGap({ ...late, startDate: '2024-04-01' }, '2024-03-01')).toBeNull();
  });

  it('leaves out engagements the working-day calendar cannot judge', () => {
    expect(notificationGap({ startDate: '2010-01-04', userNotifiedSscOn: null, providerNotifiedSscOn: null }, '2024-01-01')).toBeNull();
  });
});
