import { determineAssessment } from './determine-assessment';

// R-SRP-2 (decision): "A provider with no current User still has its User Entry FULL but is not otherwise due an
// annual assessment while it serves nobody", for a provider that also holds a User Role too: its provider role
// then takes no part, and its assessment as a User goes on.
describe('R-SRP-2: a provider holding a User Role that serves no other User', () => {
  const base = {
    userRoles: ['OTHER_USER'] as const,
    isSharedResourceProvider: true,
    domesticPremises: 300_000,
    // R-SRP-6: itself in its own aggregate.
    providerAggregatePremises: 300_000,
    ruleSet: 'SECMP0044',
  };

  it('R-SRP-2: past its User Entry, the year is decided by its User category alone (SELF, not the provider pattern\'s FULL)', () => {
    const r = determineAssessment({ ...base, providerServesUsers: false, annualAssessmentsSinceLastFullByCategory: { OTHER_USER: 0, SHARED_RESOURCE_PROVIDER: 0 } });
    expect({ type: r.type, category: r.category, covered: r.coveredCategories, position: r.cyclePosition }).toEqual({ type: 'SELF', category: 'OTHER_USER', covered: ['OTHER_USER'], position: 2 });
    expect(r.ruleIds).toContain('R-SRP-2');
    expect(r.explanation).toContain('As a Shared Resource Provider it serves no User on the date and has had its User Entry FULL');
    // The same as the what-if of its User role alone.
    const alone = determineAssessment({ userRoles: ['OTHER_USER'], domesticPremises: 300_000, annualAssessmentsSinceLastFull: 0, ruleSet: 'SECMP0044' });
    expect(r.type).toBe(alone.type);
  });

  it('R-SRP-5: once it serves a User, the provider category decides again (FULL on the large aggregate)', () => {
    const r = determineAssessment({ ...base, providerServesUsers: true, annualAssessmentsSinceLastFullByCategory: { OTHER_USER: 0, SHARED_RESOURCE_PROVIDER: 0 } });
    expect({ type: r.type, category: r.category, covered: r.coveredCategories }).toEqual({ type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER', covered: ['OTHER_USER', 'SHARED_RESOURCE_PROVIDER'] });
    expect(r.ruleIds).not.toContain('R-SRP-2');
  });

  it('R-SRP-2, R-MATRIX-1: serving nobody, its User Entry FULL still covers the provider role', () => {
    const r = determineAssessment({ ...base, providerServesUsers: false, annualAssessmentsSinceLastFullByCategory: { OTHER_USER: 0 } });
    expect({ type: r.type, category: r.category, covered: r.coveredCategories, position: r.cyclePosition }).toEqual({
      type: 'FULL',
      category: 'SHARED_RESOURCE_PROVIDER',
      covered: ['OTHER_USER', 'SHARED_RESOURCE_PROVIDER'],
      position: 1,
    });
  });

  it('refuses a providerServesUsers that is not true or false', () => {
    expect(() => determineAssessment({ ...base, providerServesUsers: 'no' as unknown as boolean })).toThrow('providerServesUsers must be true or false.');
  });
});
