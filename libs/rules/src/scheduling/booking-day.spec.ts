import { bookingDay, defaultBookingDay } from './booking-day';

const TODAY = '2026-01-15';

describe('R-SCHED-1, R-MATRIX-6: the day an annual assessment was booked', () => {
  it('R-SCHED-1: without a day given, a booking for today or later is made today', () => {
    expect(defaultBookingDay({ determinationDate: '2025-12-01', scheduledFor: '2026-02-01' }, TODAY)).toBe(TODAY);
    expect(defaultBookingDay({ determinationDate: '2025-12-01', scheduledFor: TODAY }, TODAY)).toBe(TODAY);
  });

  it('R-MATRIX-6 (E7): history, for a day already past, is booked on its determination date', () => {
    expect(defaultBookingDay({ determinationDate: '2024-04-02', scheduledFor: '2024-07-01' }, TODAY)).toBe('2024-04-02');
    expect(bookingDay({ determinationDate: '2024-04-02', scheduledFor: '2024-07-01', scheduledOn: null }, TODAY)).toBe('2024-04-02');
  });

  it('R-SCHED-1: a day given is kept, up to today and the day booked for', () => {
    expect(bookingDay({ determinationDate: '2025-12-01', scheduledFor: '2026-02-01', scheduledOn: '2026-01-10' }, TODAY)).toBe('2026-01-10');
    expect(bookingDay({ determinationDate: '2025-12-01', scheduledFor: '2026-02-01', scheduledOn: TODAY }, TODAY)).toBe(TODAY);
    expect(bookingDay({ determinationDate: '2025-12-01', scheduledFor: '2026-01-12', scheduledOn: '2026-01-12' }, TODAY)).toBe('2026-01-12');
  });

  it('R-SCHED-1: a day after today, or after the day booked for, is refused naming scheduledOn', () => {
    expect(() => bookingDay({ determinationDate: '2025-12-01', scheduledFor: '2026-02-01', scheduledOn: '2026-01-16' }, TODAY)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'scheduledOn', message: expect.stringContaining('after today (2026-01-15)') }),
    );
    expect(() => bookingDay({ determinationDate: '2025-12-01', scheduledFor: '2026-01-12', scheduledOn: '2026-01-13' }, TODAY)).toThrow(/after scheduledFor 2026-01-12/);
  });
});
