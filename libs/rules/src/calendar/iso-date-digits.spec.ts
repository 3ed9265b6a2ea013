import { RuleInputError } from '../errors';
import { parseIsoDate } from './iso-date';
import { noticeStanding } from './late-notification';

// Digits are read by char code (iso-date.ts digitsAt): a character just below '0' must not be
// read as a digit that lowers the number ('1/' would otherwise be 10 - 1 = 9).
describe('ISO calendar dates: only the ten digits are digits', () => {
  it.each(['2021-01-1/', '2021-1/-01', '202/-01-01', '2021-01-1 ', '2021-01-1-'])('refuses %p as not written YYYY-MM-DD', (value) => {
    expect(() => parseIsoDate(value, 'issuedOn')).toThrow(`issuedOn must be a calendar date written YYYY-MM-DD; got ${JSON.stringify(value)}.`);
  });
});

describe('R-SRP-7: a refused practice threshold is named as the field at fault', () => {
  it('R-SRP-7: the error names practiceThresholdWorkingDays as its field', () => {
    expect(() => noticeStanding('2026-03-02', null, '2026-03-02', { practiceThresholdWorkingDays: -1 })).toThrow(
      expect.objectContaining({ name: RuleInputError.name, field: 'practiceThresholdWorkingDays' }),
    );
  });
});
