import { requestTimeOf } from './context';

describe('the platform day of a request (EXAMPLES.md: Europe/London days; R-MATRIX-6, R-SCHED-1 read it)', () => {
  it('is the London day, not the UTC one: 23:30Z on 14 June is already 15 June in summer time', () => {
    expect(requestTimeOf(new Date('2025-06-14T23:30:00Z')).today).toBe('2025-06-15');
  });

  it('is the same day as UTC in winter, up to midnight', () => {
    expect(requestTimeOf(new Date('2025-01-14T23:59:59Z')).today).toBe('2025-01-14');
  });

  it('keeps the instant it was given', () => {
    const now = new Date('2025-06-14T23:30:00Z');
    expect(requestTimeOf(now).now).toBe(now);
  });
});
