import { isCalendarDate, isUuid } from './values';

describe('value checks shared by every service', () => {
  it.each(['2024-02-29', '2021-12-31', '2021-09-30'])('%s is a calendar date', (d) => expect(isCalendarDate(d)).toBe(true));
  it.each(['2021-02-29', '2021-09-31', '2021-13-01', '2021-1-01', '20210101', '', 20210101, null])('%s is not', (d) => expect(isCalendarDate(d)).toBe(false));
  it('knows a uuid from anything else', () => {
    expect(isUuid('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(true);
    expect(isUuid('0F8FAD5B-D9CB-469F-A165-70867728950E')).toBe(true);
    expect(isUuid('0f8fad5b-d9cb-469f-a165-70867728950')).toBe(false);
    expect(isUuid("x' OR 1=1 --")).toBe(false);
  });
});
