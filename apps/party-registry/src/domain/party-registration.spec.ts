import { applyUpdate, nameKeyOf, validateDate, validatePartyName, validatePremisesCount, validateRegistration, validateUpdate, validateUserRoles } from './party-registration';

describe('name keys: names compare as they read (R-PARTY-1)', () => {
  it('folds the decomposed, full-width and ligature forms and drops invisible characters', () => {
    expect(nameKeyOf('E\u0301nergie Co')).toBe(nameKeyOf('\u00c9nergie co'));
    expect(nameKeyOf('Ｅｎｅｒｇｙ ﬁrst')).toBe('energy first');
    expect(nameKeyOf('Acme\u200B Ltd\uFEFF')).toBe('acme ltd');
    expect(nameKeyOf('Soft\u00ADhyphen')).toBe('softhyphen');
    expect(nameKeyOf('  Two   Spaces ')).toBe('two spaces');
    expect(nameKeyOf('Acme')).not.toBe(nameKeyOf('Acne'));
  });
});

describe('party registration (R-PARTY-1, R-PREM-1)', () => {
  it('names are trimmed, inner spaces folded, and compared case-insensitively; 1 to 200 characters', () => {
    expect(validatePartyName('  Big   Gas\tLtd ')).toEqual({ name: 'Big Gas Ltd', nameKey: 'big gas ltd' });
    expect(nameKeyOf(' BIG  gas ')).toBe('big gas');
    expect(validatePartyName('x'.repeat(200)).name).toHaveLength(200);
    expect(() => validatePartyName('   ')).toThrow('name: must be 1 to 200 characters after trimming');
    expect(() => validatePartyName('x'.repeat(201))).toThrow(/^name: /);
    // Characters, not UTF-16 units: 200 emoji are 200 characters; 201 are too many.
    expect(validatePartyName('\u{1F600}'.repeat(200)).name).toHaveLength(400);
    expect(() => validatePartyName('\u{1F600}'.repeat(201))).toThrow(/^name: /);
  });

  it('a name of only spaces of any kind and zero-width characters prints nothing: refused; one visible character is a name', () => {
    // (U+3000 and U+FEFF are white space to trim(): that leaves nothing, refused as too short.)
    expect(() => validatePartyName('\u3000\uFEFF')).toThrow('name: must be 1 to 200 characters after trimming');
    for (const invisible of ['\u200B\u200B', '\u00A0\u2060', '\u200D', 'x\u200B'.slice(1)]) {
      expect(() => validatePartyName(invisible)).toThrow('name: must have at least one visible character (spaces and zero-width characters alone print nothing)');
    }
    expect(validatePartyName('\u200BA').name).toBe('\u200BA');
    expect(validatePartyName('\u{1F468}\u200D\u{1F469}').name).toBe('\u{1F468}\u200D\u{1F469}');
  });

  it('R-PARTY-1: roles come back in the contract order without repeats; an unknown role is refused by name', () => {
    expect(validateUserRoles(['OTHER_USER', 'IMPORT_SUPPLIER', 'OTHER_USER'])).toEqual(['IMPORT_SUPPLIER', 'OTHER_USER']);
    expect(validateUserRoles([])).toEqual([]);
    expect(() => validateUserRoles(['GAS_SUPPLIER', 'PIRATE', 'NINJA'])).toThrow('userRoles: unknown role(s) PIRATE, NINJA');
  });

  it('R-PREM-1: a count is a whole number from 0 to 50 million (more homes than Great Britain has); dates are real calendar dates', () => {
    expect(validatePremisesCount('c', 0)).toBe(0);
    expect(validatePremisesCount('c', 12)).toBe(12);
    expect(validatePremisesCount('c', 50_000_000)).toBe(50_000_000);
    expect(() => validatePremisesCount('c', -1)).toThrow('c: must be a whole number of premises from 0 to 50,000,000');
    expect(() => validatePremisesCount('c', 2_147_483_647)).toThrow('c: must be a whole number of premises from 0 to 50,000,000');
    expect(() => validatePremisesCount('c', 1.5)).toThrow(/^c: /);
    expect(validateDate('d', '2024-02-29')).toBe('2024-02-29');
    expect(() => validateDate('d', '2023-02-29')).toThrow('d: must be a real calendar date written YYYY-MM-DD, in the years 1000 to 9999');
  });

  it('R-PARTY-1, R-PREM-1: a registration records its premises (from today by default) and its roles from the day given, or before anything recorded (decision)', () => {
    expect(validateRegistration({ name: ' A ', userRoles: ['GAS_SUPPLIER'] }, '2024-06-01')).toEqual({
      name: 'A',
      nameKey: 'a',
      userRoles: ['GAS_SUPPLIER'],
      premises: null,
      rolesEffectiveFrom: '1900-01-01',
    });
    expect(validateRegistration({ name: 'A', userRoles: [], domesticPremises: 0 }, '2024-06-01').premises).toEqual({ count: 0, effectiveFrom: '2024-06-01' });
    expect(validateRegistration({ name: 'A', userRoles: [], domesticPremises: 5, premisesEffectiveFrom: '2020-01-01', rolesEffectiveFrom: '2019-01-01' }, '2024-06-01')).toMatchObject({
      premises: { count: 5, effectiveFrom: '2020-01-01' },
      rolesEffectiveFrom: '2019-01-01',
    });
    expect(validateRegistration({ name: 'A', userRoles: [], domesticPremises: null, premisesEffectiveFrom: null }, '2024-06-01').premises).toBeNull();
    expect(validateRegistration({ name: 'A', userRoles: [], rolesEffectiveFrom: '2024-06-01' }, '2024-06-01').rolesEffectiveFrom).toBe('2024-06-01');
  });

  it('refuses a premises date without a count, a bad count or date, and roles from a future day', () => {
    const req = { name: 'A', userRoles: [] };
    expect(() => validateRegistration({ ...req, premisesEffectiveFrom: '2020-01-01' }, '2024-06-01')).toThrow('premisesEffectiveFrom: given without domesticPremises');
    expect(() => validateRegistration({ ...req, domesticPremises: -2 }, '2024-06-01')).toThrow(/^domesticPremises: /);
    expect(() => validateRegistration({ ...req, domesticPremises: 2, premisesEffectiveFrom: '2020-13-01' }, '2024-06-01')).toThrow(/^premisesEffectiveFrom: /);
    expect(() => validateRegistration({ ...req, rolesEffectiveFrom: '2020-02-30' }, '2024-06-01')).toThrow(/^rolesEffectiveFrom: must be a real/);
    expect(() => validateRegistration({ ...req, rolesEffectiveFrom: '2024-06-02' }, '2024-06-01')).toThrow(
      'rolesEffectiveFrom: 2024-06-02 is in the future; roles are recorded from a day on or before today (2024-06-01)',
    );
  });

  it('updateParty: at least one field; each validated; an update to the same values changes nothing', () => {
    expect(validateUpdate({ name: ' B ' })).toEqual({ name: { name: 'B', nameKey: 'b' } });
    expect(validateUpdate({ userRoles: ['OTHER_USER'], name: null })).toEqual({ userRoles: ['OTHER_USER'] });
    expect(validateUpdate({ userRoles: [] })).toEqual({ userRoles: [] });
    expect(() => validateUpdate({ name: null, userRoles: null })).toThrow('input: give a new name or new userRoles (or both)');
    expect(() => validateUpdate({})).toThrow(/^input: /);
    const party = { id: 'p', name: 'A', nameKey: 'a', userRoles: ['GAS_SUPPLIER' as const] };
    expect(applyUpdate(party, { name: { name: 'A', nameKey: 'a' }, userRoles: ['GAS_SUPPLIER'] })).toEqual({ party, changed: false });
    expect(applyUpdate(party, { name: { name: 'B', nameKey: 'b' } })).toEqual({ party: { ...party, name: 'B', nameKey: 'b' }, changed: true });
    expect(applyUpdate(party, { userRoles: ['IMPORT_SUPPLIER'] })).toEqual({ party: { ...party, userRoles: ['IMPORT_SUPPLIER'] }, changed: true });
    expect(applyUpdate(party, { userRoles: ['IMPORT_SUPPLIER', 'GAS_SUPPLIER'] }).changed).toBe(true);
    expect(applyUpdate(party, { userRoles: [] }).changed).toBe(true);
    const two = { ...party, userRoles: ['GAS_SUPPLIER' as const, 'OTHER_USER' as const] };
    expect(applyUpdate(two, { userRoles: ['GAS_SUPPLIER', 'ELECTRICITY_DISTRIBUTOR'] }).changed).toBe(true);
  });
});
