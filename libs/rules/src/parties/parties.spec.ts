import { RuleInputError, RuleViolation } from '../errors';
import { engagementSpan, isEngagedOn } from './engagements';
import { LARGE_PREMISES_THRESHOLD, premisesAsOf, premisesBand } from './premises';
import { categoriesOfRoles, categoryOfRole, isUserRole, parseUserRoles } from './user-roles';

describe('R-PARTY, R-PREM: parties, roles and premises', () => {
  it('R-PREM-3: 250,000 is small, 250,001 is large', () => {
    expect(LARGE_PREMISES_THRESHOLD).toBe(250_000);
    expect([premisesBand(250_000), premisesBand(250_001), premisesBand(0)]).toEqual(['SMALL', 'LARGE', 'SMALL']);
  });

  it('R-PARTY-2: roles map to categories, in a stable order', () => {
    expect(categoryOfRole('EXPORT_SUPPLIER')).toBe('SUPPLIER');
    expect(categoriesOfRoles(['OTHER_USER', 'GAS_TRANSPORTER', 'IMPORT_SUPPLIER', 'GAS_SUPPLIER'])).toEqual(['SUPPLIER', 'NETWORK', 'OTHER_USER']);
    expect(isUserRole('toString')).toBe(false);
    expect(() => parseUserRoles(['SUPPLIER'], 'roles')).toThrow(/roles holds an unknown User Role "SUPPLIER"/);
  });

  it('R-PREM-2: the latest count effective on or before the date; none on record is 0 and says so', () => {
    const history = [
      { count: 10, effectiveFrom: '2019-01-01' },
      { count: 30, effectiveFrom: '2021-01-01' },
      { count: 20, effectiveFrom: '2020-01-01' },
      { count: 25, effectiveFrom: '2020-01-01' },
    ];
    expect(premisesAsOf(history, '2020-06-30')).toEqual({ count: 25, effectiveFrom: '2020-01-01' });
    expect(premisesAsOf(history, '2021-01-01')).toEqual({ count: 30, effectiveFrom: '2021-01-01' });
    expect(premisesAsOf(history, '2018-12-31')).toEqual({ count: 0, effectiveFrom: null });
    expect(premisesAsOf([], '2018-12-31')).toEqual({ count: 0, effectiveFrom: null });
    expect(() => premisesAsOf([{ count: -1, effectiveFrom: '2019-01-01' }], '2020-01-01')).toThrow(/premisesHistory\[0\]\.count/);
    expect(() => premisesAsOf([{ count: 1, effectiveFrom: '2019-02-29' }], '2020-01-01')).toThrow(/premisesHistory\[0\]\.effectiveFrom/);
  });

  it('R-SRP-7: engagements are effective-dated, the end date being the last day of use', () => {
    const span = engagementSpan({ userPartyId: 'U', providerPartyId: 'P', startDate: '2021-01-01', endDate: '2021-06-30' }, 'e');
    expect([isEngagedOn(span, span.start - 1), isEngagedOn(span, span.start), isEngagedOn(span, span.end), isEngagedOn(span, span.end + 1)]).toEqual([false, true, true, false]);
    expect(() => engagementSpan({ userPartyId: 'U', providerPartyId: '', startDate: '2021-01-01' }, 'e')).toThrow(/e\.providerPartyId/);
    expect(() => engagementSpan(undefined as never, 'e')).toThrow(/e\.userPartyId/);
  });

  it('errors: RuleInputError is a RuleViolation with BAD_USER_INPUT and always names its field', () => {
    const e = new RuleInputError('domesticPremises', 'must be 0 or more');
    expect(e).toBeInstanceOf(RuleViolation);
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: 'domesticPremises', message: 'domesticPremises: must be 0 or more', name: 'RuleInputError' });
  });
});
