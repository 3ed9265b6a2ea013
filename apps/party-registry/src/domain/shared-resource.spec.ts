import { designationStartAfter, makesProviderAnSrp, validateSharedResource } from './shared-resource';

describe('shared resources (R-SRP-1 to R-SRP-4)', () => {
  const req = { name: ' Hub  One ', scope: 'PART_OF_USER_SYSTEM' as const, providerPartyId: 'p' };

  it('R-SRP-3/4: a whole-system resource always opts in; a part-system one only when asked; available from today by default', () => {
    expect(validateSharedResource(req, '2024-06-01')).toEqual({
      name: 'Hub One',
      nameKey: 'hub one',
      scope: 'PART_OF_USER_SYSTEM',
      providerPartyId: 'p',
      optInAsProvider: false,
      availableFrom: '2024-06-01',
    });
    expect(validateSharedResource({ ...req, optInAsProvider: true, availableFrom: '2024-06-01' }, '2024-06-01').optInAsProvider).toBe(true);
    expect(validateSharedResource({ ...req, scope: 'WHOLE_USER_SYSTEM', optInAsProvider: false }, '2024-06-01').optInAsProvider).toBe(true);
    expect(makesProviderAnSrp('PART_OF_USER_SYSTEM', false)).toBe(false);
    expect(makesProviderAnSrp('PART_OF_USER_SYSTEM', true)).toBe(true);
    expect(makesProviderAnSrp('WHOLE_USER_SYSTEM', false)).toBe(true);
  });

  it('R-SRP-2: refuses a bad name, an unknown scope, a bad date and a resource available only in the future', () => {
    expect(() => validateSharedResource({ ...req, name: '  ' }, '2024-06-01')).toThrow('name: must be 1 to 200 characters after trimming');
    expect(() => validateSharedResource({ ...req, scope: 'ALL' as never }, '2024-06-01')).toThrow('scope: must be one of WHOLE_USER_SYSTEM, PART_OF_USER_SYSTEM');
    expect(() => validateSharedResource({ ...req, availableFrom: '2024-02-30' }, '2024-06-01')).toThrow(/^availableFrom: must be a real/);
    expect(() => validateSharedResource({ ...req, availableFrom: '2024-06-02' }, '2024-06-01')).toThrow(
      'availableFrom: 2024-06-02 is in the future; register the resource on or after the day it becomes available (today is 2024-06-01)',
    );
    expect(validateSharedResource({ ...req, availableFrom: '2020-01-01' }, '2024-06-01').availableFrom).toBe('2020-01-01');
  });

  it('R-SRP-2: the designation starts on the earliest availableFrom of the qualifying resources', () => {
    expect(designationStartAfter(null, { optInAsProvider: true, availableFrom: '2024-01-01' })).toBe('2024-01-01');
    expect(designationStartAfter('2024-02-01', { optInAsProvider: true, availableFrom: '2024-01-01' })).toBe('2024-01-01');
    expect(designationStartAfter('2024-01-01', { optInAsProvider: true, availableFrom: '2024-01-01' })).toBeNull();
    expect(designationStartAfter('2024-01-01', { optInAsProvider: true, availableFrom: '2024-03-01' })).toBeNull();
    expect(designationStartAfter(null, { optInAsProvider: false, availableFrom: '2024-01-01' })).toBeNull();
  });
});
