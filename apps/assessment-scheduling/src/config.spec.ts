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
