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

  it('tidies every run of white space in both names to one space, and keeps a name of 1 or 200 characters', () => {
    const tidied = validateNominationInput({ ...input, nomineeName: 'Ada\t\n  King  Lovelace', nominatorName: '  Chief \n Executive  ' });
    expect(tidied).toMatchObject({ nomineeName: 'Ada King Lovelace', nomineeKey: 'ada king lovelace', nominatorName: 'Chief Executive' });
    expect(validateNominationInput({ ...input, nomineeName: 'A', nominatorName: 'B' })).toMatchObject({ nomineeName: 'A', nomineeKey: 'a', nominatorName: 'B' });
    const longest = 'N'.repeat(200);
    expect(validateNominationInput({ ...input, nomineeName: ` ${longest} `, nominatorName: longest })).toMatchObject({ nomineeName: longest, nominatorName: longest });
  });

  it('keeps the other answers of the input as given', () => {
    expect(request).toEqual({ ...input, nomineeName: 'Ada Lovelace', nomineeKey: 'ada lovelace', nominatorName: 'Director' });
  });

  it.each([
    ['nomineeName', { nomineeName: 'x'.repeat(201) }],
    ['nominatorName', { nominatorName: ' \t ' }],
  ])('the refusal of %s says the bounds', (field, change) => {
    expect(refusalOf(() => validateNominationInput({ ...input, ...change })).message).toBe(`${field}: must be 1 to 200 characters after trimming`);
  });

  it('R-SSC-2: NOT_FOUND names the unknown nominating party', () => {
    expect(refusalOf(() => decideNomination({ election: election(), request, nominatingParty: null, existing: [] })).message).toMatch(/Party.*p1/);
  });

  it('R-SSC-2: the provider-only requirement is the SRP seat\'s; the refusal says which party and why', () => {
    const notProvider = srpParty('p1', { isSharedResourceProvider: false });
    expect(() => decideNomination({ election: election({ seatKind: 'OTHER_USER' }), request, nominatingParty: notProvider, existing: [] })).not.toThrow();
    const refusal = refusalOf(() => decideNomination({ election: election(), request, nominatingParty: notProvider, existing: [] }));
    expect(refusal.message).toBe(
      'Nomination refused (R-SSC-2): nominatingPartyId: party p1 is not a Shared Resource Provider; ' +
        'nominations for the SHARED_RESOURCE_PROVIDER seat are made by the providers it represents.',
    );
  });

  it('the same nominee twice: CONFLICT names the nominee, the election and the earlier nomination; another nominee is accepted', () => {
    const existing = [nomination('n1', { nomineeKey: 'ada lovelace' })];
    expect(refusalOf(() => decideNomination({ election: election(), request, nominatingParty: srpParty('p1'), existing })).message).toBe(
      'Ada Lovelace is already nominated in election e1 (nomination n1)',
    );
    const other = [nomination('n2', { nomineeKey: 'grace hopper' })];
    expect(() => decideNomination({ election: election(), request, nominatingParty: srpParty('p1'), existing: other })).not.toThrow();
  });

  it('R-SSC-2: a CLOSED election is refused before the requirements are looked at', () => {
    const refusal = refusalOf(() =>
      decideNomination({ election: election({ state: 'CLOSED' }), request: { ...request, bs7858ScreeningCompleted: false }, nominatingParty: null, existing: [] }),
    );
    expect(refusal).toMatchObject({ code: 'CONFLICT', message: 'Election e1 is CLOSED: nominating is possible only while it is OPEN' });
  });
});
