import { assertCanGain, assertCanGiveUp, roleChangesOfUpdate, rolePeriods, rolesHeldOn, validateRoleDate, type RoleChange } from './role-history';
import { designationStartAfter, validateSharedResource } from './shared-resource';
import { validateRegistration } from './party-registration';
import { UNDATED_ROLES_FROM } from '@sec-assure/rules';
import { codeOf } from '@sec-assure/testing';


// E1: P holds GAS_SUPPLIER and gains OTHER_USER effective 2025-02-01.
const E1: RoleChange[] = [
  { role: 'GAS_SUPPLIER', change: 'GAINED', effectiveFrom: '2023-01-01' },
  { role: 'OTHER_USER', change: 'GAINED', effectiveFrom: '2025-02-01' },
];

describe('effective-dated User Roles (R-PARTY-1)', () => {
  it('R-PARTY-1: the roles held on a date come from the history (E1)', () => {
    expect(rolesHeldOn(E1, '2025-01-31')).toEqual(['GAS_SUPPLIER']);
    expect(rolesHeldOn(E1, '2025-02-01')).toEqual(['GAS_SUPPLIER', 'OTHER_USER']);
    expect(rolesHeldOn(E1, '2022-12-31')).toEqual([]);
    const givenUp = [...E1, { role: 'GAS_SUPPLIER' as const, change: 'GIVEN_UP' as const, effectiveFrom: '2026-01-01' }];
    expect(rolesHeldOn(givenUp, '2025-12-31')).toEqual(['GAS_SUPPLIER', 'OTHER_USER']);
    expect(rolesHeldOn(givenUp, '2026-01-01')).toEqual(['OTHER_USER']);
  });

  it('R-PARTY-1: the history reads as periods, earliest first; a role held on no day is left out', () => {
    const history: RoleChange[] = [
      ...E1,
      { role: 'GAS_SUPPLIER', change: 'GIVEN_UP', effectiveFrom: '2026-01-01' },
      { role: 'GAS_SUPPLIER', change: 'GAINED', effectiveFrom: '2026-06-01' },
      { role: 'IMPORT_SUPPLIER', change: 'GAINED', effectiveFrom: '2026-07-01' },
      { role: 'IMPORT_SUPPLIER', change: 'GIVEN_UP', effectiveFrom: '2026-07-01' },
    ];
    expect(rolePeriods(history)).toEqual([
      { role: 'GAS_SUPPLIER', heldFrom: '2023-01-01', givenUpOn: '2026-01-01' },
      { role: 'OTHER_USER', heldFrom: '2025-02-01', givenUpOn: null },
      { role: 'GAS_SUPPLIER', heldFrom: '2026-06-01', givenUpOn: null },
    ]);
  });

  it('R-PARTY-1: a role is gained when not held, given up when held, in date order, never in the future', () => {
    expect(codeOf(() => assertCanGain(E1, 'IMPORT_SUPPLIER', '2019-01-01'))).toBeUndefined();
    expect(codeOf(() => assertCanGain(E1, 'GAS_SUPPLIER', '2026-01-01'))).toBe('CONFLICT');
    expect(codeOf(() => assertCanGiveUp(E1, 'IMPORT_SUPPLIER', '2026-01-01'))).toBe('CONFLICT');
    expect(codeOf(() => assertCanGiveUp(E1, 'OTHER_USER', '2025-02-01'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => assertCanGiveUp(E1, 'OTHER_USER', '2025-02-02'))).toBeUndefined();
    const givenUp = [...E1, { role: 'OTHER_USER' as const, change: 'GIVEN_UP' as const, effectiveFrom: '2025-06-01' }];
    expect(codeOf(() => assertCanGain(givenUp, 'OTHER_USER', '2025-05-01'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => assertCanGain(givenUp, 'OTHER_USER', '2025-06-01'))).toBeUndefined();
    expect(codeOf(() => validateRoleDate('effectiveFrom', '2026-12-03', '2026-12-02'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => validateRoleDate('effectiveFrom', '2026-02-30', '2026-12-02'))).toBe('BAD_USER_INPUT');
  });

  it('R-PARTY-1: an update gains the added roles and gives up the removed ones on its day; registration dates the roles (decision: undated, before anything recorded)', () => {
    expect(roleChangesOfUpdate(['GAS_SUPPLIER', 'OTHER_USER'], ['IMPORT_SUPPLIER', 'GAS_SUPPLIER'], '2026-12-02')).toEqual([
      { role: 'IMPORT_SUPPLIER', change: 'GAINED', effectiveFrom: '2026-12-02' },
      { role: 'OTHER_USER', change: 'GIVEN_UP', effectiveFrom: '2026-12-02' },
    ]);
    expect(validateRegistration({ name: 'P', userRoles: ['GAS_SUPPLIER'] }, '2026-12-02').rolesEffectiveFrom).toBe(UNDATED_ROLES_FROM);
    expect(UNDATED_ROLES_FROM).toBe('1900-01-01');
    expect(validateRegistration({ name: 'P', userRoles: ['GAS_SUPPLIER'], rolesEffectiveFrom: '2020-01-01' }, '2026-12-02').rolesEffectiveFrom).toBe('2020-01-01');
    expect(codeOf(() => validateRegistration({ name: 'P', userRoles: [], rolesEffectiveFrom: '2026-12-03' }, '2026-12-02'))).toBe('BAD_USER_INPUT');
  });
});

describe('resource availability and designation (R-SRP-2)', () => {
  it('R-SRP-2: availableFrom defaults to the day of registration and is never in the future', () => {
    const input = { name: 'R', scope: 'WHOLE_USER_SYSTEM' as const, providerPartyId: 'p' };
    expect(validateSharedResource(input, '2026-12-02').availableFrom).toBe('2026-12-02');
    expect(validateSharedResource({ ...input, availableFrom: '2025-01-15' }, '2026-12-02').availableFrom).toBe('2025-01-15');
    expect(codeOf(() => validateSharedResource({ ...input, availableFrom: '2026-12-03' }, '2026-12-02'))).toBe('BAD_USER_INPUT');
  });

  it('R-SRP-2: the designation starts at the earliest availableFrom of a qualifying resource', () => {
    expect(designationStartAfter(null, { optInAsProvider: true, availableFrom: '2025-01-15' })).toBe('2025-01-15');
    expect(designationStartAfter(null, { optInAsProvider: false, availableFrom: '2025-01-15' })).toBeNull();
    expect(designationStartAfter('2025-01-15', { optInAsProvider: true, availableFrom: '2025-03-01' })).toBeNull();
    expect(designationStartAfter('2025-01-15', { optInAsProvider: true, availableFrom: '2024-11-01' })).toBe('2024-11-01');
  });
});
