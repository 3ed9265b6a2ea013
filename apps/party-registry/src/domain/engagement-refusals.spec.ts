import { assertCanEnd, assertCanRecordNotification, assertEngagementAllowed, validateEngagementRequest } from './engagement';

const TODAY = '2024-12-02';

// The refusals of R-SRP-2 and R-SRP-7 name the field and the dates a person needs to correct the request.
describe('engagement refusals name the field and the dates (R-SRP-2, R-SRP-7)', () => {
  const base = { userPartyId: 'u', userRolesOnStart: ['GAS_SUPPLIER'], providerPartyId: 'p', startDate: '2024-06-01', availableFrom: '2024-01-15', sameUserAndResource: [] };

  it('R-SRP-7: who may engage, and from when', () => {
    expect(() => assertEngagementAllowed({ ...base, userRolesOnStart: [] })).toThrow(
      'userPartyId: the party holds no User Role on 2024-06-01, so it cannot use a shared resource from that day (R-PARTY-1, R-SRP-7)',
    );
    expect(() => assertEngagementAllowed({ ...base, providerPartyId: 'u' })).toThrow('userPartyId: a provider cannot engage its own shared resource');
    expect(() => assertEngagementAllowed({ ...base, startDate: '2024-01-14' })).toThrow(
      'startDate: 2024-01-14 is before 2024-01-15, the day the shared resource became available (R-SRP-2)',
    );
  });

  it('R-SRP-7: an overlapping engagement is named with its dates', () => {
    expect(() => assertEngagementAllowed({ ...base, sameUserAndResource: [{ startDate: '2024-02-01', endDate: null }] })).toThrow(
      'The user already engages this shared resource from 2024-02-01 with no end date; end that engagement before a new one starting on 2024-06-01',
    );
    expect(() => assertEngagementAllowed({ ...base, sameUserAndResource: [{ startDate: '2024-02-01', endDate: '2024-07-01' }] })).toThrow(
      'The user already engages this shared resource from 2024-02-01 to 2024-07-01; end that engagement before a new one starting on 2024-06-01',
    );
  });

  it('ending and notices: the field, the recorded date, the start', () => {
    expect(() => assertCanEnd({ startDate: '2024-06-01', endDate: null }, '2024-02-30')).toThrow(/^endDate: must be a real calendar date/);
    expect(() => assertCanEnd({ startDate: '2024-06-01', endDate: '2024-07-01' }, '2024-08-01')).toThrow('The engagement already ended on 2024-07-01');
    expect(() => assertCanEnd({ startDate: '2024-06-01', endDate: null }, '2024-05-31')).toThrow("endDate: must be on or after the engagement's startDate 2024-06-01");
    const open = { userNotifiedSscOn: '2024-06-02', providerNotifiedSscOn: null, providerEndNotifiedSscOn: null, endDate: null };
    expect(() => assertCanRecordNotification(open, 'PROVIDER', '2024-13-01', TODAY)).toThrow(/^notifiedOn: must be a real calendar date/);
    expect(() => assertCanRecordNotification(open, 'PROVIDER_END', '2024-06-03', TODAY)).toThrow(
      "by: PROVIDER_END is the provider's notice of losing the user: record the engagement's end (endEngagement) first",
    );
    expect(() => assertCanRecordNotification(open, 'USER', '2024-06-03', TODAY)).toThrow("The user's notice of starting to use the provider is already recorded (2024-06-02)");
  });

  it('R-SRP-7: a notice is recorded once it has reached the SSC: a day after today is refused, naming the field; today is accepted', () => {
    const request = { userPartyId: 'u', sharedResourceId: 'r', startDate: '2024-06-01' };
    expect(() => validateEngagementRequest({ ...request, userNotifiedSscOn: '2099-01-01' }, TODAY)).toThrow(
      'userNotifiedSscOn: 2099-01-01 is after today (2024-12-02): record a notice once it has reached the SSC',
    );
    expect(() => validateEngagementRequest({ ...request, providerNotifiedSscOn: '2024-12-03' }, TODAY)).toThrow(/^providerNotifiedSscOn: 2024-12-03 is after today/);
    expect(validateEngagementRequest({ ...request, providerNotifiedSscOn: TODAY }, TODAY).providerNotifiedSscOn).toBe(TODAY);
    const open = { userNotifiedSscOn: null, providerNotifiedSscOn: null, providerEndNotifiedSscOn: null, endDate: null };
    expect(() => assertCanRecordNotification(open, 'USER', '2024-12-03', TODAY)).toThrow(/^notifiedOn: 2024-12-03 is after today \(2024-12-02\)/);
  });

  it('R-SRP-7: a request keeps its dates, the notices absent as null, and a bad date names its field', () => {
    const request = { userPartyId: 'u', sharedResourceId: 'r', startDate: '2024-06-01' };
    expect(validateEngagementRequest({ ...request, userNotifiedSscOn: '2024-06-02', providerNotifiedSscOn: null }, TODAY)).toEqual({ ...request, userNotifiedSscOn: '2024-06-02', providerNotifiedSscOn: null });
    expect(validateEngagementRequest(request, TODAY)).toEqual({ ...request, userNotifiedSscOn: null, providerNotifiedSscOn: null });
    expect(() => validateEngagementRequest({ ...request, startDate: '2024-06-31' }, TODAY)).toThrow(/^startDate: must be a real/);
    expect(() => validateEngagementRequest({ ...request, userNotifiedSscOn: '2024-6-1' }, TODAY)).toThrow(/^userNotifiedSscOn: must be a real/);
    expect(() => validateEngagementRequest({ ...request, providerNotifiedSscOn: 'soon' }, TODAY)).toThrow(/^providerNotifiedSscOn: must be a real/);
  });
});
