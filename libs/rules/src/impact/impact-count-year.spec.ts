import { RuleInputError } from '../errors';
import { countAssessments } from './impact-count';

// The year is the one input of the count that is not a party: its range ends are exact.
describe('R-IMPACT-1: the year of a count', () => {
  const empty = { parties: [], engagements: [], ruleSet: 'SECMP0044' };

  it.each([1000, 9999])('R-IMPACT-1: accepts the four-digit year %i (the ends of the range)', (year) => {
    expect(countAssessments({ ...empty, year })).toMatchObject({ year, total: 0 });
  });

  it.each([999, 10_000, 2020.5, Number.NaN])('R-IMPACT-1: refuses the year %p, naming the field', (year) => {
    const refusal = (() => {
      try {
        countAssessments({ ...empty, year });
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(refusal).toBeInstanceOf(RuleInputError);
    expect(refusal).toMatchObject({ field: 'year', message: expect.stringContaining('four-digit calendar year') });
  });
});
