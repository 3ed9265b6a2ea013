import { assertCanGain, assertCanGiveUp, assertEngagementsKeepTheirUser, assertUpdateRoleChanges, roleChangesOfUpdate, rolePeriods, validateRoleDate, type RoleChange } from './role-history';

describe('R-PARTY-1: role history edges and refusals', () => {
  it('R-PARTY-1: a repeated gain or a give-up of a role not held does not open or close a period; periods of one day sort by the enum', () => {
    const history: RoleChange[] = [
      { role: 'OTHER_USER', change: 'GIVEN_UP', effectiveFrom: '2019-01-01' },
      { role: 'OTHER_USER', change: 'GAINED', effectiveFrom: '2020-01-01' },
      { role: 'IMPORT_SUPPLIER', change: 'GAINED', effectiveFrom: '2020-01-01' },
      { role: 'OTHER_USER', change: 'GAINED', effectiveFrom: '2020-06-01' },
      { role: 'GAS_SUPPLIER', change: 'GAINED', effectiveFrom: '2019-06-01' },
      { role: 'OTHER_USER', change: 'GIVEN_UP', effectiveFrom: '2021-01-01' },
      { role: 'OTHER_USER', change: 'GIVEN_UP', effectiveFrom: '2022-01-01' },
    ];
    expect(rolePeriods(history)).toEqual([
      { role: 'GAS_SUPPLIER', heldFrom: '2019-06-01', givenUpOn: null },
      { role: 'IMPORT_SUPPLIER', heldFrom: '2020-01-01', givenUpOn: null },
      { role: 'OTHER_USER', heldFrom: '2020-01-01', givenUpOn: '2021-01-01' },
    ]);
  });

  it('a role change may be dated today, not tomorrow; the refusal names the day', () => {
    expect(validateRoleDate('effectiveFrom', '2024-06-01', '2024-06-01')).toBe('2024-06-01');
    expect(validateRoleDate('effectiveFrom', '2024-05-31', '2024-06-01')).toBe('2024-05-31');
    expect(() => validateRoleDate('effectiveFrom', '2024-06-02', '2024-06-01')).toThrow(
      'effectiveFrom: 2024-06-02 is in the future; record a role change on or after the day it takes effect (today is 2024-06-01)',
    );
  });

  it('the refusals of a gain or a give-up name the role and the date on record', () => {
    const gained: RoleChange[] = [{ role: 'OTHER_USER', change: 'GAINED', effectiveFrom: '2024-01-01' }];
    const givenUp: RoleChange[] = [...gained, { role: 'OTHER_USER', change: 'GIVEN_UP', effectiveFrom: '2024-03-01' }];
    expect(() => assertCanGain(gained, 'OTHER_USER', '2024-06-01')).toThrow('The party already holds OTHER_USER (since 2024-01-01); give it up before gaining it again');
    expect(() => assertCanGain(givenUp, 'OTHER_USER', '2024-02-01')).toThrow(
      'effectiveFrom: 2024-02-01 is before the last recorded change of OTHER_USER (given up on 2024-03-01); a role\'s history is entered in date order',
    );
    expect(() => assertCanGiveUp(givenUp, 'OTHER_USER', '2024-06-01')).toThrow('The party does not hold OTHER_USER (given up on 2024-03-01), so it cannot give it up');
    expect(() => assertCanGiveUp([], 'OTHER_USER', '2024-06-01')).toThrow(/^The party does not hold OTHER_USER, so it cannot give it up$/);
    expect(() => assertCanGiveUp(gained, 'OTHER_USER', '2024-01-01')).toThrow(
      'effectiveFrom: must be after 2024-01-01, the day the party gained OTHER_USER (the first day it no longer holds it)',
    );
  });

  it('R-PARTY-1, R-SRP-7: a give-up may not leave an engagement without a User Role on its start day; engagements already without one are not named', () => {
    const before: RoleChange[] = [{ role: 'GAS_SUPPLIER', change: 'GAINED', effectiveFrom: '2020-01-01' }];
    const engagements = [
      { id: 'e-old', startDate: '2019-06-01' },
      { id: 'e1', startDate: '2023-04-18' },
    ];
    const backDated = [...before, { role: 'GAS_SUPPLIER' as const, change: 'GIVEN_UP' as const, effectiveFrom: '2023-03-28' }];
    expect(() => assertEngagementsKeepTheirUser(before, backDated, engagements)).toThrow(
      "The party would hold no User Role on the day its engagement e1 starts (2023-04-18), and a shared resource's user holds one on that day (R-PARTY-1, R-SRP-7): give the role up from a later day",
    );
    const afterStart = [...before, { role: 'GAS_SUPPLIER' as const, change: 'GIVEN_UP' as const, effectiveFrom: '2023-04-19' }];
    expect(() => assertEngagementsKeepTheirUser(before, afterStart, engagements)).not.toThrow();
  });

  it('R-PARTY-1: updateParty gives up a role only as giveUpUserRole would: not on the day it was gained (the history is kept)', () => {
    const today = '2026-12-06';
    const history: RoleChange[] = [
      { role: 'GAS_SUPPLIER', change: 'GAINED', effectiveFrom: '2020-01-01' },
      { role: 'OTHER_USER', change: 'GAINED', effectiveFrom: today },
    ];
    const dropOther = roleChangesOfUpdate(['GAS_SUPPLIER', 'OTHER_USER'], ['GAS_SUPPLIER'], today);
    expect(() => assertUpdateRoleChanges(history, dropOther)).toThrow(
      `userRoles: OTHER_USER was gained on ${today}, the day of this update; a role is given up only after the day it was gained (R-PARTY-1), so keep OTHER_USER in userRoles today and remove it from tomorrow`,
    );
    // A role held since an earlier day is given up today; one given up today may be gained again the same day.
    expect(() => assertUpdateRoleChanges(history, roleChangesOfUpdate(['GAS_SUPPLIER', 'OTHER_USER'], ['OTHER_USER'], today))).not.toThrow();
    const givenUpToday: RoleChange[] = [...history.slice(0, 1), { role: 'GAS_SUPPLIER', change: 'GIVEN_UP', effectiveFrom: today }];
    expect(() => assertUpdateRoleChanges(givenUpToday, roleChangesOfUpdate([], ['GAS_SUPPLIER'], today))).not.toThrow();
  });
});

