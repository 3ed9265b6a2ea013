import type { Engagement, UserRole } from '@sec-assure/rules';
import { isEngagedOn, isProviderOn, premisesFactsOn, rolesOnDate, usersOn, type RegisterSlice } from './register-facts';

function slice(overrides: Partial<RegisterSlice> & { engagements: Engagement[] }): RegisterSlice {
  const roles: Record<string, UserRole[]> = { u1: ['IMPORT_SUPPLIER'], u2: ['GAS_SUPPLIER'], u3: ['OTHER_USER'], srp: [], dual: ['IMPORT_SUPPLIER'], part: [], nocount: ['OTHER_USER'] };
  return {
    parties: new Map(
      Object.entries(roles).map(([id, userRoles]) => [
        id,
        {
          name: id.toUpperCase(),
          roleChanges: userRoles.map((role) => ({ role, change: 'GAINED' as const, effectiveFrom: '2015-01-01' })),
          providerSince: id === 'srp' || id === 'dual' ? '2015-01-01' : null,
        },
      ]),
    ),
    premises: new Map([
      ['u1', [{ count: 100_000, effectiveFrom: '2017-01-01' }, { count: 120_000, effectiveFrom: '2019-01-01' }]],
      ['u2', [{ count: 200_000, effectiveFrom: '2017-01-01' }]],
      ['u3', [{ count: 1_000, effectiveFrom: '2017-01-01' }]],
      ['dual', [{ count: 50_000, effectiveFrom: '2017-01-01' }]],
    ]),
    ...overrides,
  };
}

const engaged = (user: string, provider: string, startDate: string, endDate: string | null = null): Engagement => ({
  userPartyId: user,
  providerPartyId: provider,
  startDate,
  endDate,
});

describe('premises facts on a determination date', () => {
  const register = slice({
    engagements: [engaged('u1', 'srp', '2017-06-01'), engaged('u2', 'srp', '2017-06-01', '2020-12-31'), engaged('u3', 'part', '2017-06-01')],
  });

  it('R-PREM-2: the own count is the latest effective on or before the date', () => {
    expect(premisesFactsOn(register, 'u1', '2018-12-31').own).toEqual({ count: 100_000, effectiveFrom: '2017-01-01' });
    expect(premisesFactsOn(register, 'u1', '2019-01-01').own).toEqual({ count: 120_000, effectiveFrom: '2019-01-01' });
    expect(premisesFactsOn(register, 'u1', '2016-01-01').own).toEqual({ count: 0, effectiveFrom: null });
  });

  it('R-SET-2: the other users of the same providers on the date, each once', () => {
    expect(premisesFactsOn(register, 'u1', '2018-01-01')).toMatchObject({ providersInUse: ['srp'], otherUsersSharedPremises: 200_000 });
    // u2's engagement ended on 2020-12-31 (its last day of use).
    expect(premisesFactsOn(register, 'u1', '2020-12-31').otherUsersSharedPremises).toBe(200_000);
    expect(premisesFactsOn(register, 'u1', '2021-01-01').otherUsersSharedPremises).toBe(0);
    // Before the engagement started there is no shared resource.
    expect(premisesFactsOn(register, 'u1', '2017-05-31')).toMatchObject({ providersInUse: [], otherUsersSharedPremises: 0 });
  });

  it('R-SRP-4: a provider that is not a Shared Resource Provider is not one the user shares premises through', () => {
    expect(premisesFactsOn(register, 'u3', '2018-01-01')).toMatchObject({ providersInUse: [], otherUsersSharedPremises: 0 });
  });

  it('R-SRP-5, R-SET-2, R-PARTY-1: a party engaged that has given up its last User Role is no current User: out of the aggregate, the other Users\' share and the users flagged', () => {
    const base = slice({ engagements: [engaged('u1', 'srp', '2017-06-01'), engaged('u2', 'srp', '2017-06-01')] });
    const u2 = base.parties.get('u2')!;
    const gaveUp = {
      ...base,
      parties: new Map([...base.parties, ['u2', { ...u2, roleChanges: [...u2.roleChanges, { role: 'GAS_SUPPLIER' as const, change: 'GIVEN_UP' as const, effectiveFrom: '2020-01-02' }] }]]),
    };
    expect(premisesFactsOn(gaveUp, 'srp', '2020-01-01')).toMatchObject({ providerAggregatePremises: 320_000, currentUsers: ['u1', 'u2'] });
    expect(premisesFactsOn(gaveUp, 'srp', '2020-01-02')).toMatchObject({ providerAggregatePremises: 120_000, currentUsers: ['u1'] });
    expect(usersOn(gaveUp, 'srp', '2020-01-02')).toEqual(['u1']);
    expect(premisesFactsOn(gaveUp, 'u1', '2020-01-02').otherUsersSharedPremises).toBe(0);
  });

  it("R-SRP-5: a provider's aggregate is its users engaged on the date, and changes when an engagement ends", () => {
    expect(premisesFactsOn(register, 'srp', '2019-06-01')).toMatchObject({ providerAggregatePremises: 320_000, currentUsers: ['u1', 'u2'] });
    expect(premisesFactsOn(register, 'srp', '2021-01-01')).toMatchObject({ providerAggregatePremises: 120_000, currentUsers: ['u1'] });
    expect(premisesFactsOn(register, 'u1', '2019-06-01').providerAggregatePremises).toBeNull();
  });

  it('R-SRP-6: a dual-role provider counts among its own users; its users see its premises as shared', () => {
    const dual = slice({ engagements: [engaged('u1', 'dual', '2017-06-01'), engaged('u1', 'dual', '2018-01-01')] });
    expect(premisesFactsOn(dual, 'dual', '2018-06-01')).toMatchObject({
      own: { count: 50_000 },
      providerAggregatePremises: 150_000,
      currentUsers: ['u1'],
    });
    expect(premisesFactsOn(dual, 'u1', '2018-06-01').otherUsersSharedPremises).toBe(50_000);
  });

  it('R-PREM-2: users with no count on record are named, not counted as 0', () => {
    const register2 = slice({ engagements: [engaged('u1', 'srp', '2017-06-01'), engaged('u3', 'srp', '2017-06-01')] });
    const noU3 = { ...register2, premises: new Map([...register2.premises].filter(([id]) => id !== 'u3')) };
    expect(premisesFactsOn(noU3, 'srp', '2018-01-01')).toMatchObject({ providerAggregatePremises: 100_000, providerUsersWithoutPremises: ['U3 (u3)'] });
    expect(premisesFactsOn(noU3, 'u1', '2018-01-01')).toMatchObject({ otherUsersSharedPremises: 0, otherUsersWithoutPremises: ['U3 (u3)'] });
  });

  it('R-PARTY-1, R-SRP-2: roles and the designation are read on the date', () => {
    const later = slice({
      engagements: [engaged('u1', 'srp', '2017-06-01')],
      parties: new Map([
        ['u1', { name: 'U1', roleChanges: [{ role: 'IMPORT_SUPPLIER', change: 'GAINED', effectiveFrom: '2015-01-01' }, { role: 'OTHER_USER', change: 'GAINED', effectiveFrom: '2025-02-01' }, { role: 'IMPORT_SUPPLIER', change: 'GIVEN_UP', effectiveFrom: '2026-01-01' }], providerSince: null }],
        ['srp', { name: 'SRP', roleChanges: [], providerSince: '2018-01-15' }],
      ]),
    });
    expect(rolesOnDate(later, 'u1', '2025-01-31')).toEqual(['IMPORT_SUPPLIER']);
    expect(rolesOnDate(later, 'u1', '2025-02-01')).toEqual(['IMPORT_SUPPLIER', 'OTHER_USER']);
    expect(rolesOnDate(later, 'u1', '2026-01-01')).toEqual(['OTHER_USER']);
    expect([isProviderOn(later, 'srp', '2018-01-14'), isProviderOn(later, 'srp', '2018-01-15')]).toEqual([false, true]);
    // Before the designation the engagement is not with a Shared Resource Provider.
    expect(premisesFactsOn(later, 'u1', '2018-01-14').providersInUse).toEqual([]);
    expect(premisesFactsOn(later, 'u1', '2018-01-15').providersInUse).toEqual(['srp']);
  });
});

describe('engagements on a date (R-SRP-2, R-SRP-7)', () => {
  it('engaged from the start day through the end day (its last day of use)', () => {
    expect([isEngagedOn(engaged('u1', 'srp', '2017-06-01'), '2017-05-31'), isEngagedOn(engaged('u1', 'srp', '2017-06-01'), '2017-06-01')]).toEqual([false, true]);
    expect([isEngagedOn(engaged('u1', 'srp', '2017-06-01', '2020-12-31'), '2020-12-31'), isEngagedOn(engaged('u1', 'srp', '2017-06-01', '2020-12-31'), '2021-01-01')]).toEqual([true, false]);
  });

  it("a provider's users: its own engagements only, sorted, itself left out", () => {
    const register = slice({ engagements: [engaged('u3', 'srp', '2017-06-01'), engaged('u2', 'dual', '2017-06-01'), engaged('u1', 'srp', '2017-06-01'), engaged('srp', 'srp', '2017-06-01')] });
    expect(usersOn(register, 'srp', '2018-01-01')).toEqual(['u1', 'u3']);
    expect(premisesFactsOn(register, 'srp', '2018-01-01').currentUsers).toEqual(['u1', 'u3']);
  });

  it('R-SRP-6: the providers a party uses are sorted, and a provider engaging itself is not one it uses', () => {
    const register = slice({ engagements: [engaged('u1', 'srp', '2017-06-01'), engaged('u1', 'dual', '2017-06-01'), engaged('dual', 'dual', '2017-06-01')] });
    expect(premisesFactsOn(register, 'u1', '2018-01-01').providersInUse).toEqual(['dual', 'srp']);
    expect(premisesFactsOn(register, 'dual', '2018-01-01').providersInUse).toEqual([]);
  });

  it('R-SRP-5: a party that is no provider has no aggregate, no users and no users without a count', () => {
    const register = slice({ engagements: [engaged('u1', 'srp', '2017-06-01'), engaged('nocount', 'srp', '2017-06-01')] });
    expect(premisesFactsOn(register, 'u1', '2018-01-01')).toMatchObject({ providerAggregatePremises: null, providerUsersWithoutPremises: [], currentUsers: [], otherUsersWithoutPremises: ['NOCOUNT (nocount)'] });
  });
});

describe('R-SET-2, R-SRP-6: a provider that holds a User Role uses its own Shared Resource', () => {
  // S: IMPORT_SUPPLIER with 100,000 premises, provider to U (200,000).
  const register: RegisterSlice = {
    parties: new Map([
      ['s', { name: 'S', roleChanges: [{ role: 'IMPORT_SUPPLIER', change: 'GAINED', effectiveFrom: '2015-01-01' }], providerSince: '2015-01-01' }],
      ['u', { name: 'U', roleChanges: [{ role: 'GAS_SUPPLIER', change: 'GAINED', effectiveFrom: '2015-01-01' }], providerSince: null }],
      ['r', { name: 'R', roleChanges: [], providerSince: '2015-01-01' }],
    ]),
    premises: new Map([
      ['s', [{ count: 100_000, effectiveFrom: '2015-01-01' }]],
      ['u', [{ count: 200_000, effectiveFrom: '2015-01-01' }]],
    ]),
    engagements: [engaged('u', 's', '2016-01-01')],
  };

  it("R-SET-2, R-SRP-6: its users are the other users of its shared resource, as for each of them; it relies on no provider", () => {
    expect(premisesFactsOn(register, 's', '2017-01-01')).toMatchObject({ providersInUse: [], usesSharedResource: true, otherUsersSharedPremises: 200_000 });
    expect(premisesFactsOn(register, 'u', '2017-01-01')).toMatchObject({ providersInUse: ['s'], usesSharedResource: true, otherUsersSharedPremises: 100_000 });
  });

  it('R-SET-2: a party that uses no provider and is none, or a provider with no User Role, uses no shared resource', () => {
    const noUsers = { ...register, engagements: [] };
    expect(premisesFactsOn(noUsers, 'u', '2017-01-01')).toMatchObject({ usesSharedResource: false, otherUsersSharedPremises: 0 });
    expect(premisesFactsOn(register, 'r', '2017-01-01')).toMatchObject({ usesSharedResource: false, otherUsersSharedPremises: 0 });
    // Before the roles are held it is a provider with no User Role.
    expect(premisesFactsOn(register, 's', '2014-12-31').usesSharedResource).toBe(false);
  });
});
