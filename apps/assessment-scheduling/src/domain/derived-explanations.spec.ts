import { createDefaultRuleSetRegistry, DEFAULT_RULE_SET_REGISTRY, determineAssessment, type AssessmentRequirement } from '@sec-assure/rules';
import { directedFullRequirement } from './directed-full';
import { followUpRequirement } from './follow-up';

// R-SET-4: "each explanation names the implementation date it used", also where the explanation is not the
// annual determination's own: a directed FULL and a follow-up write their own.
const deployment = createDefaultRuleSetRegistry({ secmp0044ImplementationDate: '2019-06-03' });
const annual = (date: string, registry = DEFAULT_RULE_SET_REGISTRY): AssessmentRequirement =>
  determineAssessment({ userRoles: ['GAS_SUPPLIER'], domesticPremises: 1_000, annualAssessmentsSinceLastFull: 0, determinationDate: date }, { registry });

describe('R-SET-4: directed FULLs and follow-ups name the implementation date', () => {
  it('R-SET-4, R-STATUS-2: a directed FULL names the implementation date that chose its rule set', () => {
    const directed = directedFullRequirement(annual('2024-03-04'), '2024-03-04', 'repeated breaches');
    expect(directed.explanation).toBe(
      'FULL assessment directed by the SSC on 2024-03-04 (repeated breaches); it restarts the cycle of SUPPLIER at year 1 and is not limited to one a year ' +
        '(R-STATUS-2, R-SRP-5). The annual determination of that day gives VERIFICATION; SECMP0044 applies from its implementation date 2018-08-22.',
    );
  });

  it('R-SET-4: the deployment\'s implementation date', () => {
    expect(directedFullRequirement(annual('2019-01-02', deployment), '2019-01-02', 'r', deployment).explanation).toMatch(
      /; LEGACY applies because the determination date is before SECMP0044's implementation date 2019-06-03\.$/,
    );
  });

  it('R-SET-4, R-TYPE-1: a follow-up names the date that makes its rule set the one in force on its day', () => {
    expect(followUpRequirement(null, '2024-01-01', 'open actions').explanation).toBe(
      'A FOLLOW_UP requested by the SSC (open actions); it is outside the annual cycle and does not move it. SECMP0044 applies from its implementation date 2018-08-22.',
    );
    const later = followUpRequirement(annual('2018-01-02'), '2019-06-02', 'r', deployment);
    expect(later.ruleSet).toBe('LEGACY');
    expect(later.explanation).toMatch(/ LEGACY applies because the determination date is before SECMP0044's implementation date 2019-06-03\.$/);
  });
});
