import { knownOnDay } from './known-on';

describe('knownOnDay: "as known on" a day that has come (R-PREM-1 recorded history)', () => {
  it('passes today and past days, and absence as "known now"', () => {
    expect(knownOnDay('2026-12-07', '2026-12-07')).toBe('2026-12-07');
    expect(knownOnDay('2019-01-01', '2026-12-07')).toBe('2019-01-01');
    expect(knownOnDay(null, '2026-12-07')).toBeNull();
    expect(knownOnDay(undefined, '2026-12-07')).toBeNull();
  });

  it('refuses a day still to come, naming the field and today', () => {
    expect(() => knownOnDay('2026-12-08', '2026-12-07')).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'asKnownOn', message: expect.stringMatching(/^asKnownOn: 2026-12-08 is after today \(2026-12-07, Europe\/London\)/) }),
    );
  });
});
