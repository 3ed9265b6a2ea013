import { REGISTER_HEADER, registerFileName, registerRow, type RegisterFacts } from './register-export';

describe('register export (R-PARTY-1, R-PREM-2, R-SRP-2)', () => {
  const party: RegisterFacts = {
    id: 'p1',
    name: 'Gas Co',
    providerFrom: '2024-03-01',
    registeredAt: new Date('2020-01-02T03:04:05.000Z'),
    roleChanges: [
      { role: 'OTHER_USER', change: 'GAINED', effectiveFrom: '2020-01-01' },
      { role: 'GAS_SUPPLIER', change: 'GAINED', effectiveFrom: '2020-01-01' },
      { role: 'OTHER_USER', change: 'GIVEN_UP', effectiveFrom: '2024-01-01' },
    ],
    premises: { count: 1200, effectiveFrom: '2023-01-01' },
    providerNames: ['beta', 'Alpha', 'beta'],
  };

  it('one row per party as the register stands on the day, in the header order', () => {
    expect(REGISTER_HEADER).toHaveLength(9);
    expect(registerRow(party, '2024-03-01')).toEqual(['p1', 'Gas Co', 'GAS_SUPPLIER', 1200, '2023-01-01', 'yes', '2024-03-01', 'Alpha; beta', '2020-01-02T03:04:05.000Z']);
    expect(registerRow(party, '2023-12-31').slice(2, 7)).toEqual(['GAS_SUPPLIER OTHER_USER', 1200, '2023-01-01', 'no', null]);
  });

  it('R-PREM-2: no count on record exports 0 and no date; never designated is "no"', () => {
    expect(registerRow({ ...party, premises: null, providerFrom: null, providerNames: [] }, '2024-06-01').slice(3, 8)).toEqual([0, null, 'no', null, '']);
  });

  it('R-SRP-7: providersUsed splits back into the names: a name holding ";" or a double quote is quoted', () => {
    const row = registerRow({ ...party, providerNames: ['Prov Two', 'Prov; One, 日本', 'The "Hub"'] }, '2024-03-01');
    expect(row[7]).toBe('Prov Two; "Prov; One, 日本"; "The ""Hub"""');
  });

  it('the file is named by the day, and by the one party when only its row is in it', () => {
    expect(registerFileName('2024-06-01', null)).toBe('party-register-2024-06-01');
    expect(registerFileName('2024-06-01', ' -Gas & Co. Ltd- ')).toBe('party-register-2024-06-01-gas-co-ltd');
    expect(registerFileName('2024-06-01', '***')).toBe('party-register-2024-06-01-party');
  });
});
