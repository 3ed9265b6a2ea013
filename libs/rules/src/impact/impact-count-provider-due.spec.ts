import { DEFAULT_RULE_SET_REGISTRY } from '../rule-sets/registry';
import type { Engagement } from '../parties/engagements';
import { assessmentLoadWhatIf } from '../what-if/assessment-load-what-if';
import { countAssessments, type PopulationParty } from './impact-count';

// R-SRP-2 (decision) in the count: a provider serving nobody is due no annual assessment once its User Entry FULL
// is behind it, as the determination of the same party says (noAnnualAssessment decides both).
const provider = (since: number | null, more: Partial<PopulationParty> = {}): PopulationParty => ({
  id: 'P',
  userRoles: [],
  isSharedResourceProvider: true,
  annualAssessmentsSinceLastFullByCategory: since === null ? {} : { SHARED_RESOURCE_PROVIDER: since },
  ...more,
});
const user: PopulationParty = { id: 'U', userRoles: ['GAS_SUPPLIER'], isSharedResourceProvider: false, domesticPremises: 10_000, annualAssessmentsSinceLastFull: 0 };
const ended: Engagement = { userPartyId: 'U', providerPartyId: 'P', startDate: '2020-01-01', endDate: '2024-12-31' };
const ownOf = (r: ReturnType<typeof countAssessments>, id: string) => r.byParty.find((p) => p.partyId === id)?.ownAssessment ?? null;

describe('R-SRP-2 (decision), R-IMPACT-1: a provider that serves nobody', () => {
  it('R-SRP-2, R-IMPACT-1: past its User Entry, with no User on 1 January, it is counted for nothing', () => {
    const r = countAssessments({ parties: [provider(0)], engagements: [], year: 2025, ruleSet: 'SECMP0044' });
    expect([r.total, r.providerAssessments, r.byParty]).toEqual([0, 0, []]);
    // Its last User left on 31 December: nobody on 1 January.
    expect(ownOf(countAssessments({ parties: [provider(0), user], engagements: [ended], year: 2025, ruleSet: 'SECMP0044' }), 'P')).toBeNull();
  });

  it('R-SRP-2, R-MATRIX-1: at User Entry it still has its FULL, and with a User its annual assessment', () => {
    expect(ownOf(countAssessments({ parties: [provider(null)], engagements: [], year: 2025, ruleSet: 'SECMP0044' }), 'P')).toBe('FULL');
    expect(ownOf(countAssessments({ parties: [provider(0), user], engagements: [ended], year: 2024, ruleSet: 'SECMP0044' }), 'P')).toBe('VERIFICATION');
  });

  it('R-SRP-2, R-SRP-6: a provider holding a User Role keeps its own assessment while it serves nobody, decided by its User category alone', () => {
    const dual = provider(0, { userRoles: ['OTHER_USER'], domesticPremises: 1_000, annualAssessmentsSinceLastFullByCategory: { OTHER_USER: 0, SHARED_RESOURCE_PROVIDER: 0 } });
    const r = countAssessments({ parties: [dual], engagements: [], year: 2025, ruleSet: 'SECMP0044' });
    // The provider pattern would make year 2 a VERIFICATION; an Other User's year 2 is SELF.
    expect([r.total, ownOf(r, 'P')]).toEqual([1, 'SELF']);
  });

  it('R-SRP-2, R-IMPACT-1: the what-if count leaves it out at every threshold too', () => {
    const r = assessmentLoadWhatIf({ parties: [provider(0), user], engagements: [ended], year: 2025, ruleSet: 'SECMP0044' }, [0, 500_000], DEFAULT_RULE_SET_REGISTRY);
    expect([r.baseline.count.total, ...r.outcomes.map((o) => o.count.total)]).toEqual([1, 1, 1]);
    expect(r.outcomes.flatMap((o) => o.changes.map((c) => c.partyId))).not.toContain('P');
  });
});
