import { RuleInputError, RuleViolation } from '../errors';
import { engagementSpan, isEngagedOn } from './engagements';
import { assertPremisesCount, LARGE_PREMISES_THRESHOLD, premisesAsOf, premisesBand } from './premises';
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

  it('R-PREM-3, R-SET-5: a what-if threshold moves the boundary the same way', () => {
    expect([premisesBand(10, 10), premisesBand(11, 10)]).toEqual(['SMALL', 'LARGE']);
  });

  it.each<[unknown, boolean]>([
    [0, true],
    [250_001, true],
    [-1, false],
    [1.5, false],
    [Number.MAX_SAFE_INTEGER + 1, false],

    ['12', false],
    [null, false],
  ])('R-PREM-1: a premises count of %p is accepted: %p', (value, ok) => {
    if (ok) expect(assertPremisesCount(value, 'domesticPremises')).toBe(value);
    else expect(() => assertPremisesCount(value, 'domesticPremises')).toThrow(
      expect.objectContaining({ field: 'domesticPremises', message: `domesticPremises must be a whole number of premises, 0 or more; got ${JSON.stringify(value)}.` }),
    );
  });

  it('R-PREM-2: the as-of date is checked and named', () => {
    expect(() => premisesAsOf([], '2020-02-30')).toThrow(expect.objectContaining({ field: 'asOf' }));
  });

  it('R-SRP-7: each part of an engagement is checked and named; no end date means still engaged', () => {
    const e = { userPartyId: 'U', providerPartyId: 'P', startDate: '2021-01-01' };
    const open = engagementSpan(e, 'e');
    expect(open).toEqual({ userPartyId: 'U', providerPartyId: 'P', start: open.start, end: Infinity });
    expect(engagementSpan({ ...e, endDate: null }, 'e').end).toBe(Infinity);
    const oneDay = engagementSpan({ ...e, endDate: '2021-01-01' }, 'e');
    expect(oneDay.end).toBe(oneDay.start);
    const refused = (change: object, field: string, message: string) =>
      expect(() => engagementSpan({ ...e, ...change } as never, 'engagements[3]')).toThrow(expect.objectContaining({ field, message }));
    refused({ userPartyId: '' }, 'engagements[3].userPartyId', 'engagements[3].userPartyId must name a party.');
    refused({ userPartyId: 7 }, 'engagements[3].userPartyId', 'engagements[3].userPartyId must name a party.');
    refused({ providerPartyId: 7 }, 'engagements[3].providerPartyId', 'engagements[3].providerPartyId must name a party.');
    refused({ startDate: '2021-02-29' }, 'engagements[3].startDate', 'engagements[3].startDate is not a real calendar date in the years 1000 to 9999: 2021-02-29.');
    refused({ endDate: '2021-02-29' }, 'engagements[3].endDate', 'engagements[3].endDate is not a real calendar date in the years 1000 to 9999: 2021-02-29.');
    refused({ endDate: '2020-12-31' }, 'engagements[3].endDate', 'engagements[3].endDate is before its startDate.');
  });

  it('R-PARTY-1: roles are a list of known roles; repeats are dropped', () => {
    expect(parseUserRoles(['GAS_SUPPLIER', 'OTHER_USER', 'GAS_SUPPLIER'])).toEqual(['GAS_SUPPLIER', 'OTHER_USER']);
    expect(isUserRole('OTHER_USER')).toBe(true);
    expect(isUserRole(7)).toBe(false);
    // Only text names a role: a list holding the name is not one (a property lookup would take it).
    expect(isUserRole(['OTHER_USER'])).toBe(false);
    expect(() => parseUserRoles([['OTHER_USER']], 'roles')).toThrow(expect.objectContaining({ field: 'roles' }));
    expect(() => parseUserRoles('GAS_SUPPLIER')).toThrow(
      expect.objectContaining({
        field: 'userRoles',
        message: 'userRoles must be a list of User Roles (IMPORT_SUPPLIER, EXPORT_SUPPLIER, GAS_SUPPLIER, ELECTRICITY_DISTRIBUTOR, GAS_TRANSPORTER, OTHER_USER).',
      }),
    );
    expect(() => parseUserRoles([7], 'roles')).toThrow(
      expect.objectContaining({
        field: 'roles',
        message: 'roles holds an unknown User Role 7; known: IMPORT_SUPPLIER, EXPORT_SUPPLIER, GAS_SUPPLIER, ELECTRICITY_DISTRIBUTOR, GAS_TRANSPORTER, OTHER_USER.',
      }),
    );
  });

  it('R-PARTY-2: each role has its category', () => {
    expect(['IMPORT_SUPPLIER', 'EXPORT_SUPPLIER', 'GAS_SUPPLIER', 'ELECTRICITY_DISTRIBUTOR', 'GAS_TRANSPORTER', 'OTHER_USER'].map((r) => categoryOfRole(r as never))).toEqual([
      'SUPPLIER',
      'SUPPLIER',
      'SUPPLIER',
      'NETWORK',
      'NETWORK',
      'OTHER_USER',
    ]);
    expect(categoriesOfRoles([])).toEqual([]);
  });

  it('errors: RuleInputError is a RuleViolation with BAD_USER_INPUT and always names its field', () => {
    const e = new RuleInputError('domesticPremises', 'must be 0 or more');
    expect(e).toBeInstanceOf(RuleViolation);
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: 'domesticPremises', message: 'domesticPremises: must be 0 or more', name: 'RuleInputError' });
  });
});
