import { decideNomination, validateNominationInput, type NominationRequest } from './nomination';
import { election, nomination, refusalOf, srpParty } from './test-facts';

const input = {
  electionId: 'e1',
  nomineeName: '  Ada   Lovelace ',
  nominatingPartyId: 'p1',
  nominatorName: 'Director',
  nominatorHoldsSeniorPosition: true,
  securityExpertiseConfirmed: true,
  bs7858ScreeningCompleted: true,
};
const request: NominationRequest = validateNominationInput(input);

describe('nominate', () => {
  it('tidies the names and keys the nominee case-insensitively', () => {
    expect(request).toMatchObject({ nomineeName: 'Ada Lovelace', nomineeKey: 'ada lovelace', nominatorName: 'Director' });
  });

  it.each([
    ['nomineeName', { nomineeName: '   ' }],
    ['nominatorName', { nominatorName: 'x'.repeat(201) }],
  ])('refuses an empty or overlong %s', (field, change) => {
    expect(refusalOf(() => validateNominationInput({ ...input, ...change }))).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field } });
  });

  it('R-SSC-2: accepts a valid nomination by a registered provider for an OPEN election', () => {
    expect(() => decideNomination({ election: election(), request, nominatingParty: srpParty('p1'), existing: [] })).not.toThrow();
  });

  it.each([
    ['nominatorHoldsSeniorPosition', /senior position/],
    ['securityExpertiseConfirmed', /security expertise/],
    ['bs7858ScreeningCompleted', /BS7858/],
  ] as const)('R-SSC-2: NOMINATION_INELIGIBLE names the failed requirement %s', (field, message) => {
    const refusal = refusalOf(() =>
      decideNomination({ election: election(), request: { ...request, [field]: false }, nominatingParty: srpParty('p1'), existing: [] }),
    );
    expect(refusal).toMatchObject({ code: 'NOMINATION_INELIGIBLE', extensions: { field } });
    expect(refusal.message).toContain(field);
    expect(refusal.message).toMatch(message);
  });

  it('refuses an unknown nominating party with NOT_FOUND', () => {
    expect(refusalOf(() => decideNomination({ election: election(), request, nominatingParty: null, existing: [] })).code).toBe('NOT_FOUND');
  });

  it('R-SSC-2: the SRP seat is nominated by providers only (NOMINATION_INELIGIBLE on nominatingPartyId)', () => {
    const refusal = refusalOf(() =>
      decideNomination({ election: election(), request, nominatingParty: srpParty('p1', { isSharedResourceProvider: false }), existing: [] }),
    );
    expect(refusal).toMatchObject({ code: 'NOMINATION_INELIGIBLE', extensions: { field: 'nominatingPartyId' } });
    expect(refusal.message).toMatch(/not a Shared Resource Provider/);
  });

  it('refuses a CLOSED election with CONFLICT', () => {
    const refusal = refusalOf(() => decideNomination({ election: election({ state: 'CLOSED' }), request, nominatingParty: srpParty('p1'), existing: [] }));
    expect(refusal.code).toBe('CONFLICT');
    expect(refusal.message).toMatch(/CLOSED/);
  });

  it('refuses the same nominee twice in one election with CONFLICT', () => {
    const existing = [nomination('n1', { nomineeKey: 'ada lovelace' })];
    expect(refusalOf(() => decideNomination({ election: election(), request, nominatingParty: srpParty('p1'), existing })).code).toBe('CONFLICT');
  });
});
