import { roleDifference, rolesOn, type RoleChange } from './role-history';

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
    expect(rolesOn(changes, '2019-12-31')).toEqual([]);
    expect(rolesOn(changes, '2020-01-01')).toEqual(['OTHER_USER']);
    expect(rolesOn(changes, '2021-01-01')).toEqual(['IMPORT_SUPPLIER', 'OTHER_USER']);
    expect(rolesOn(changes, '2022-01-01')).toEqual(['IMPORT_SUPPLIER']);
    expect(rolesOn(changes, '2023-01-01')).toEqual(['IMPORT_SUPPLIER']);
  });

  it('an update carrying the full list records its difference on its day', () => {
    expect(roleDifference(['OTHER_USER', 'GAS_SUPPLIER'], ['GAS_SUPPLIER', 'IMPORT_SUPPLIER'], '2024-01-01')).toEqual([
      { role: 'IMPORT_SUPPLIER', change: 'GAINED', effectiveFrom: '2024-01-01' },
      { role: 'OTHER_USER', change: 'GIVEN_UP', effectiveFrom: '2024-01-01' },
    ]);
  });
});
