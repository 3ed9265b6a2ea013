import { isUserOn, roleDifference, rolesHeldOn, type RoleChange } from './role-history';

describe('R-PARTY-1: roles held on a date', () => {
  const changes: RoleChange[] = [
    { role: 'OTHER_USER', change: 'GAINED', effectiveFrom: '2020-01-01' },
    { role: 'IMPORT_SUPPLIER', change: 'GAINED', effectiveFrom: '2021-01-01' },
    { role: 'OTHER_USER', change: 'GIVEN_UP', effectiveFrom: '2022-01-01' },
    { role: 'IMPORT_SUPPLIER', change: 'GIVEN_UP', effectiveFrom: '2023-01-01' },
    { role: 'IMPORT_SUPPLIER', change: 'GAINED', effectiveFrom: '2023-01-01' },
    // Recorded late but dated earlier: the latest dated change decides, not the last recorded.
    { role: 'OTHER_USER', change: 'GAINED', effectiveFrom: '2021-06-01' },
  ];

  it('the latest change on or before the date decides; a later record of one day wins; enum order', () => {
    expect(rolesHeldOn(changes, '2019-12-31')).toEqual([]);
    expect(rolesHeldOn(changes, '2020-01-01')).toEqual(['OTHER_USER']);
    expect(rolesHeldOn(changes, '2021-01-01')).toEqual(['IMPORT_SUPPLIER', 'OTHER_USER']);
    expect(rolesHeldOn(changes, '2022-01-01')).toEqual(['IMPORT_SUPPLIER']);
    expect(rolesHeldOn(changes, '2023-01-01')).toEqual(['IMPORT_SUPPLIER']);
  });

  it('a party is a User while it holds a role: not before its first, not from the day it gave up its last', () => {
    const history: RoleChange[] = [
      { role: 'GAS_SUPPLIER', change: 'GAINED', effectiveFrom: '2020-01-01' },
      { role: 'GAS_SUPPLIER', change: 'GIVEN_UP', effectiveFrom: '2022-03-01' },
    ];
    expect([isUserOn(history, '2019-12-31'), isUserOn(history, '2020-01-01'), isUserOn(history, '2022-02-28'), isUserOn(history, '2022-03-01')]).toEqual([false, true, true, false]);
    expect(isUserOn([], '2022-01-01')).toBe(false);
  });

  it('an update carrying the full list records its difference on its day', () => {
    expect(roleDifference(['OTHER_USER', 'GAS_SUPPLIER'], ['GAS_SUPPLIER', 'IMPORT_SUPPLIER'], '2024-01-01')).toEqual([
      { role: 'IMPORT_SUPPLIER', change: 'GAINED', effectiveFrom: '2024-01-01' },
      { role: 'OTHER_USER', change: 'GIVEN_UP', effectiveFrom: '2024-01-01' },
    ]);
  });
});
