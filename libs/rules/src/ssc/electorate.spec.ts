import { checkVoter } from './election';
import { rolesHeldOn, type RoleChange } from '../parties/role-history';
import { isProviderOn, voterOn } from './electorate';

const gained = (role: RoleChange['role'], effectiveFrom: string): RoleChange => ({ role, change: 'GAINED', effectiveFrom });
const givenUp = (role: RoleChange['role'], effectiveFrom: string): RoleChange => ({ role, change: 'GIVEN_UP', effectiveFrom });
const OPENS = '2026-01-05';

describe('R-PARTY-1: roles held on a date', () => {
  it('R-PARTY-1: a role is held from the day it is gained until the day it is given up (exclusive)', () => {
    const history = [gained('GAS_SUPPLIER', '2020-01-01'), givenUp('GAS_SUPPLIER', '2026-01-05'), gained('OTHER_USER', '2026-01-06')];
    expect(rolesHeldOn(history, '2019-12-31')).toEqual([]);
    expect(rolesHeldOn(history, '2026-01-04')).toEqual(['GAS_SUPPLIER']);
    expect(rolesHeldOn(history, '2026-01-05')).toEqual([]);
    expect(rolesHeldOn(history, '2026-01-06')).toEqual(['OTHER_USER']);
  });

  it('R-PARTY-1: changes of the same day count in the order recorded', () => {
    expect(rolesHeldOn([givenUp('OTHER_USER', '2026-01-01'), gained('OTHER_USER', '2026-01-01')], '2026-01-01')).toEqual(['OTHER_USER']);
    expect(rolesHeldOn([gained('OTHER_USER', '2026-01-01'), givenUp('OTHER_USER', '2026-01-01')], '2026-01-01')).toEqual([]);
  });

  it('R-PARTY-1: the later effective day decides, whatever order the changes were recorded in', () => {
    expect(rolesHeldOn([givenUp('GAS_SUPPLIER', '2026-01-05'), gained('GAS_SUPPLIER', '2020-01-01')], '2026-01-06')).toEqual([]);
    expect(rolesHeldOn([givenUp('GAS_SUPPLIER', '2026-01-05'), gained('GAS_SUPPLIER', '2020-01-01')], '2026-01-04')).toEqual(['GAS_SUPPLIER']);
  });

  it('refuses an unknown role or date naming the field', () => {
    expect(() => rolesHeldOn([gained('X' as 'OTHER_USER', '2026-01-01')], OPENS)).toThrow(/changes\[0\]\.role/);
    expect(() => rolesHeldOn([gained('OTHER_USER', '2026-02-30')], OPENS)).toThrow(/changes\[0\]\.effectiveFrom/);
  });
});

describe('R-SRP-2: designated on a date', () => {
  it('R-SRP-2: the earliest designation effective on or before the date counts', () => {
    expect(isProviderOn(['2026-01-06'], OPENS)).toBe(false);
    expect(isProviderOn(['2026-01-06', '2026-01-05'], OPENS)).toBe(true);
    expect(isProviderOn([], OPENS)).toBe(false);
  });
});

describe('R-SSC-3, R-PARTY-1: the SRP seat electorate on the opening date (E10)', () => {
  const since2020 = ['2020-01-01'];
  const eligible = (roleChanges: RoleChange[], designations: string[]) =>
    checkVoter('SHARED_RESOURCE_PROVIDER', voterOn({ partyId: 'X', roleChanges, designationsEffectiveFrom: designations }, OPENS));

  it('R-SSC-3: A, a provider with no role, votes', () => {
    expect(eligible([], since2020)).toEqual({ eligible: true });
  });

  it('R-SSC-3, R-PARTY-1: B, a provider holding OTHER_USER, votes (an Other SEC Party can be a User)', () => {
    expect(eligible([gained('OTHER_USER', '2020-01-01')], since2020)).toEqual({ eligible: true });
  });

  it('R-SSC-3: C, a provider that is a Supplier Party on the opening date, does not', () => {
    const check = eligible([gained('GAS_SUPPLIER', '2020-01-01')], since2020);
    expect(check).toMatchObject({ eligible: false, reason: expect.stringMatching(/Supplier or Network roles \(GAS_SUPPLIER\) on 2026-01-05/) });
  });

  it('R-SSC-3: a Network Party does not; a supplier role given up before the opening date no longer counts', () => {
    expect(eligible([gained('GAS_TRANSPORTER', '2020-01-01'), gained('OTHER_USER', '2020-01-01')], since2020).eligible).toBe(false);
    expect(eligible([gained('GAS_SUPPLIER', '2020-01-01'), givenUp('GAS_SUPPLIER', '2026-01-05')], since2020)).toEqual({ eligible: true });
    expect(eligible([gained('GAS_SUPPLIER', '2026-01-06')], since2020)).toEqual({ eligible: true });
  });

  it('R-SSC-3: D, whose resource is available only after the opening date, is not yet a provider', () => {
    expect(eligible([], ['2026-01-06'])).toMatchObject({ eligible: false, reason: expect.stringMatching(/not a Shared Resource Provider on 2026-01-05/) });
  });

  it('R-SSC-3: a party that is no provider at all does not vote', () => {
    expect(eligible([gained('OTHER_USER', '2020-01-01')], []).eligible).toBe(false);
  });
});

describe('R-PARTY-1, R-SRP-2: dates are checked and named', () => {
  it('refuses a bad date or designation naming the field', () => {
    expect(() => rolesHeldOn([], '2026-02-30')).toThrow(expect.objectContaining({ field: 'date' }));
    expect(() => isProviderOn([], '2026-02-30')).toThrow(expect.objectContaining({ field: 'date' }));
    expect(() => isProviderOn(['2026-01-06', '2020-02-30'], OPENS)).toThrow(expect.objectContaining({ field: 'designationsEffectiveFrom[1]' }));
  });

  it('R-SSC-3: the voter is the party as it stood on the opening date', () => {
    expect(voterOn({ partyId: 'X', roleChanges: [gained('OTHER_USER', '2020-01-01'), gained('GAS_SUPPLIER', '2026-01-06')], designationsEffectiveFrom: ['2026-01-05'] }, OPENS)).toEqual({
      partyId: 'X',
      userRoles: ['OTHER_USER'],
      isSharedResourceProvider: true,
      onDate: OPENS,
    });
  });
});
