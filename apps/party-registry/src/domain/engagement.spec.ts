import { assertCanEnd, assertCanRecordNotification, assertEngagementAllowed, overlapsNewEngagement } from './engagement';
import { makesProviderAnSrp } from './shared-resource';
import { applyUpdate, validateUpdate } from './party-registration';
import { codeOf } from '@sec-assure/testing';

const TODAY = '2024-12-02';

describe('engagement rules (R-SRP-7)', () => {
  const base = { userPartyId: 'u', userRolesOnStart: ['GAS_SUPPLIER'], providerPartyId: 'p', startDate: '2024-06-01', availableFrom: '2024-01-15', sameUserAndResource: [] };

  it('an open engagement, or one ending on or after the new start, overlaps', () => {
    expect(overlapsNewEngagement({ startDate: '2020-01-01', endDate: null }, '2024-06-01')).toBe(true);
    expect(overlapsNewEngagement({ startDate: '2020-01-01', endDate: '2024-06-01' }, '2024-06-01')).toBe(true);
    expect(overlapsNewEngagement({ startDate: '2020-01-01', endDate: '2024-05-31' }, '2024-06-01')).toBe(false);
    // A later engagement already on record overlaps a new open-ended one that starts before it.
    expect(overlapsNewEngagement({ startDate: '2025-01-01', endDate: '2025-02-01' }, '2024-06-01')).toBe(true);
  });

  it('refuses a user without a User Role, a provider engaging itself, and overlaps', () => {
    expect(codeOf(() => assertEngagementAllowed(base))).toBeUndefined();
    expect(codeOf(() => assertEngagementAllowed({ ...base, userRolesOnStart: [] }))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => assertEngagementAllowed({ ...base, providerPartyId: 'u' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => assertEngagementAllowed({ ...base, sameUserAndResource: [{ startDate: '2024-01-01', endDate: null }] }))).toBe('CONFLICT');
  });

  it('R-SRP-2: no engagement starts before its resource is available, and the refusal names the date', () => {
    expect(codeOf(() => assertEngagementAllowed({ ...base, startDate: '2024-01-15' }))).toBeUndefined();
    expect(codeOf(() => assertEngagementAllowed({ ...base, startDate: '2024-01-14' }))).toBe('BAD_USER_INPUT');
    expect(() => assertEngagementAllowed({ ...base, startDate: '2024-01-14' })).toThrow(/2024-01-15/);
  });

  it('ends once, on or after the start', () => {
    expect(codeOf(() => assertCanEnd({ startDate: '2024-06-01', endDate: null }, '2024-06-01'))).toBeUndefined();
    expect(codeOf(() => assertCanEnd({ startDate: '2024-06-01', endDate: null }, '2024-05-31'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => assertCanEnd({ startDate: '2024-06-01', endDate: '2024-07-01' }, '2024-08-01'))).toBe('CONFLICT');
    expect(codeOf(() => assertCanEnd({ startDate: '2024-06-01', endDate: null }, '2024-06-31'))).toBe('BAD_USER_INPUT');
  });

  it('records each side\'s notification once', () => {
    const e = { userNotifiedSscOn: '2024-06-02', providerNotifiedSscOn: null, providerEndNotifiedSscOn: null, endDate: null };
    expect(codeOf(() => assertCanRecordNotification(e, 'PROVIDER', '2024-06-03', TODAY))).toBeUndefined();
    expect(codeOf(() => assertCanRecordNotification(e, 'USER', '2024-06-03', TODAY))).toBe('CONFLICT');
  });

  it("R-SRP-7: the provider's notice of losing the user follows a recorded end, once", () => {
    const open = { userNotifiedSscOn: null, providerNotifiedSscOn: null, providerEndNotifiedSscOn: null, endDate: null };
    expect(codeOf(() => assertCanRecordNotification(open, 'PROVIDER_END', '2024-06-03', TODAY))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => assertCanRecordNotification({ ...open, endDate: '2024-06-01' }, 'PROVIDER_END', '2024-06-03', TODAY))).toBeUndefined();
    expect(codeOf(() => assertCanRecordNotification({ ...open, endDate: '2024-06-01', providerEndNotifiedSscOn: '2024-06-02' }, 'PROVIDER_END', '2024-06-03', TODAY))).toBe('CONFLICT');
  });
});

describe('providers (R-SRP-3, R-SRP-4)', () => {
  it('a whole-system resource always makes an SRP; a part-system one only with opt-in', () => {
    expect(makesProviderAnSrp('WHOLE_USER_SYSTEM', false)).toBe(true);
    expect(makesProviderAnSrp('PART_OF_USER_SYSTEM', false)).toBe(false);
    expect(makesProviderAnSrp('PART_OF_USER_SYSTEM', true)).toBe(true);
  });
});

describe('party updates', () => {
  const party = { name: 'Acme', nameKey: 'acme', userRoles: ['GAS_SUPPLIER' as const] };
  it('needs at least one field and reports whether anything changed', () => {
    expect(codeOf(() => validateUpdate({}))).toBe('BAD_USER_INPUT');
    expect(applyUpdate(party, validateUpdate({ userRoles: ['GAS_SUPPLIER'] })).changed).toBe(false);
    expect(applyUpdate(party, validateUpdate({ name: ' ACME  Ltd ' })).party).toMatchObject({ name: 'ACME Ltd', nameKey: 'acme ltd' });
    expect(applyUpdate(party, validateUpdate({ userRoles: [] })).changed).toBe(true);
  });
});
