import { assertNoOpenElection, validateElectionWindow } from './open-election';
import { refusalOf } from './test-facts';

describe('openElection input', () => {
  it('accepts the SRP seat with closesOn after opensOn', () => {
    expect(validateElectionWindow('SHARED_RESOURCE_PROVIDER', '2026-12-01', '2026-12-31')).toEqual({
      seatKind: 'SHARED_RESOURCE_PROVIDER',
      opensOn: '2026-12-01',
      closesOn: '2026-12-31',
    });
  });

  it.each([['2026-12-01'], ['2026-11-30']])('refuses closesOn %s not after opensOn 2026-12-01, naming closesOn', (closesOn) => {
    const refusal = refusalOf(() => validateElectionWindow('SHARED_RESOURCE_PROVIDER', '2026-12-01', closesOn));
    expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'closesOn' } });
    expect(refusal.message).toMatch(/closesOn: must be after opensOn \(2026-12-01\)/);
  });

  it.each([
    ['opensOn', '2026-02-30', '2026-03-31'],
    ['closesOn', '2026-02-01', '2026-13-01'],
  ])('refuses an unreal date in %s', (field, opensOn, closesOn) => {
    expect(refusalOf(() => validateElectionWindow('SHARED_RESOURCE_PROVIDER', opensOn, closesOn))).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field } });
  });

  it('R-SSC-1: refuses a close whose 24-month term would end after 9999-12-31 (before any vote, not at appointment)', () => {
    const refusal = refusalOf(() => validateElectionWindow('SHARED_RESOURCE_PROVIDER', '9998-06-01', '9999-06-01'));
    expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'closesOn' } });
    expect(validateElectionWindow('SHARED_RESOURCE_PROVIDER', '9997-06-01', '9997-12-31').closesOn).toBe('9997-12-31');
  });

  it('R-SSC-3: refuses seats whose electorate the rules do not define, saying only the SRP seat is elected here', () => {
    const refusal = refusalOf(() => validateElectionWindow('LARGE_SUPPLIER', '2026-12-01', '2026-12-31'));
    expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'seatKind' } });
    expect(refusal.message).toMatch(/only the SHARED_RESOURCE_PROVIDER seat is elected here/);
  });

  it('one OPEN election per seat kind: CONFLICT names the open one', () => {
    expect(() => assertNoOpenElection(null)).not.toThrow();
    const refusal = refusalOf(() => assertNoOpenElection({ id: 'e9', seatKind: 'SHARED_RESOURCE_PROVIDER' }));
    expect(refusal.code).toBe('CONFLICT');
    expect(refusal.message).toMatch(/e9.*still OPEN/);
  });

  it('a seat kind that does not exist is refused, listing the seat kinds', () => {
    const refusal = refusalOf(() => validateElectionWindow('BOARD', '2026-12-01', '2026-12-31'));
    expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'seatKind' } });
    expect(refusal.message).toBe(
      'seatKind: must be one of CHAIR, LARGE_SUPPLIER, SMALL_SUPPLIER, ELECTRICITY_NETWORK, GAS_NETWORK, OTHER_USER, SHARED_RESOURCE_PROVIDER, TABASC',
    );
  });

  it('the refusals of a date say what is wanted, and the seat it cannot open', () => {
    expect(refusalOf(() => validateElectionWindow('SHARED_RESOURCE_PROVIDER', '2026-02-30', '2026-03-31')).message).toBe(
      'opensOn: must be a real calendar date written YYYY-MM-DD, in the years 1000 to 9999',
    );
    expect(refusalOf(() => validateElectionWindow('SHARED_RESOURCE_PROVIDER', '2026-02-01', '2026-13-01')).message).toBe(
      'closesOn: must be a real calendar date written YYYY-MM-DD, in the years 1000 to 9999',
    );
    expect(refusalOf(() => validateElectionWindow('SHARED_RESOURCE_PROVIDER', '2026-12-01', '2026-11-30')).message).toBe(
      'closesOn: must be after opensOn (2026-12-01); got 2026-11-30',
    );
    expect(refusalOf(() => validateElectionWindow('TABASC', '2026-12-01', '2026-12-31')).message).toMatch(/so TABASC cannot be opened for election$/);
  });

  it('closesOn one day after opensOn is accepted', () => {
    expect(validateElectionWindow('SHARED_RESOURCE_PROVIDER', '2026-12-01', '2026-12-02').closesOn).toBe('2026-12-02');
  });

  it('the CONFLICT names the seat too', () => {
    expect(refusalOf(() => assertNoOpenElection({ id: 'e9', seatKind: 'SHARED_RESOURCE_PROVIDER' })).message).toBe(
      'Election e9 for the SHARED_RESOURCE_PROVIDER seat is still OPEN; close it before opening another for the same seat',
    );
  });
});
