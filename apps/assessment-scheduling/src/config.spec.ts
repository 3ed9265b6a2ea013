import { DEFAULT_TARIFF, loadConfig } from './config';

describe('assessment-scheduling configuration', () => {
  it('R-SRP-9: the charge tariff per type comes from the environment, with defaults', () => {
    expect(loadConfig({}).tariff).toEqual(DEFAULT_TARIFF);
    expect(loadConfig({ ASSESSMENT_CHARGE_SELF_PENCE: '12345' }).tariff).toEqual({ ...DEFAULT_TARIFF, SELF: 12345 });
  });

  it('refuses a charge that is not a whole number of pence, naming the variable', () => {
    expect(() => loadConfig({ ASSESSMENT_CHARGE_FULL_PENCE: '12.50' })).toThrow(/ASSESSMENT_CHARGE_FULL_PENCE/);
    expect(() => loadConfig({ ASSESSMENT_CHARGE_FULL_PENCE: '-1' })).toThrow(/ASSESSMENT_CHARGE_FULL_PENCE/);
  });
});

describe('R-SET-4, R-WD-1: rule settings are deployment settings', () => {
  it('R-SET-4: the implementation date comes from the decision date (or outright), with extra non-working days', () => {
    expect(loadConfig({}).rules.implementationDate).toBe('2018-08-22');
    expect(loadConfig({ SECMP0044_DECISION_DATE: '2018-08-22' }).rules.implementationDate).toBe('2018-09-20');
    expect(loadConfig({ EXTRA_NON_WORKING_DAYS: '2018-08-01, 2018-08-02' }).rules.implementationDate).toBe('2018-08-24');
    expect(loadConfig({ SECMP0044_IMPLEMENTATION_DATE: '2019-04-01' }).rules.registry.inForceOn('2019-03-31').id).toBe('LEGACY');
  });

  it('refuses a date that is not real, naming the variable', () => {
    expect(() => loadConfig({ EXTRA_NON_WORKING_DAYS: '2018-02-30' })).toThrow(/EXTRA_NON_WORKING_DAYS/);
    expect(() => loadConfig({ SECMP0044_DECISION_DATE: 'July' })).toThrow(/SECMP0044_DECISION_DATE/);
    expect(() => loadConfig({ SECMP0044_IMPLEMENTATION_DATE: '2000-01-01' })).toThrow(/SECMP0044_IMPLEMENTATION_DATE/);
  });
});
