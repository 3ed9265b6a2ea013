import type { AssessmentRequirement } from '@sec-assure/rules';
import { DEFAULT_RULE_SET_REGISTRY } from '@sec-assure/rules';
import { DEFAULT_TARIFF } from '../config';
import { chargeFor, poundsOf } from './charges';
import { directedFullRequirement } from './directed-full';
import { followedAssessment, followUpRequirement } from './follow-up';
import type { AssessmentRow } from './assessment-record';

const base: AssessmentRequirement = {
  type: 'VERIFICATION',
  ruleSet: 'SECMP0044',
  category: 'SUPPLIER',
  coveredCategories: ['SUPPLIER', 'SHARED_RESOURCE_PROVIDER'],
  cyclePosition: 2,
  premisesUsed: 1234,
  ruleIds: ['R-MATRIX-1', 'R-MATRIX-4', 'R-STATUS-2', 'R-PREM-2'],
  premisesKnown: false,
  explanation: 'annual',
};

describe('charges, directed FULLs and follow-ups', () => {
  it('R-SRP-9: each assessment is charged by its type; the contract gives pounds', () => {
    expect(chargeFor('FULL', DEFAULT_TARIFF)).toBe(2_500_000);
    expect(chargeFor('FOLLOW_UP', { ...DEFAULT_TARIFF, FOLLOW_UP: 7 })).toBe(7);
    expect(poundsOf(123_456)).toBe(1234.56);
  });

  it('R-STATUS-2, R-MATRIX-1: a directed FULL covers the day\'s categories and restarts each cycle at year 1', () => {
    const directed = directedFullRequirement(base, '2024-03-04', 'repeated breaches');
    expect(directed).toEqual({
      ...base,
      type: 'FULL',
      cyclePosition: 1,
      ruleIds: ['R-STATUS-2', 'R-MATRIX-1', 'R-MATRIX-4', 'R-PREM-2'],
      explanation:
        'FULL assessment directed by the SSC on 2024-03-04 (repeated breaches); it restarts the cycle of SUPPLIER, SHARED_RESOURCE_PROVIDER at year 1 ' +
        'and is not limited to one a year (R-STATUS-2, R-SRP-5). The annual determination of that day gives VERIFICATION; ' +
        'SECMP0044 applies from its implementation date 2018-08-22.',
    });
    expect(directed.coveredCategories).not.toBe(base.coveredCategories);
    expect(directedFullRequirement({ ...base, type: 'FULL' }, '2024-03-04', 'r').explanation).toMatch(/\. The annual determination of that day also gives FULL; SECMP0044 applies/);
  });

  it('R-STATUS-2, R-SRP-2: a FULL directed to a provider due no annual one says why in its second sentence, and names R-SRP-2 once', () => {
    const notDue = 'on 2024-03-04 the Shared Resource Provider serves no User and has had its User Entry FULL, so it is not due an annual assessment until it serves one again (R-SRP-2, decision)';
    const directed = directedFullRequirement(base, '2024-03-04', 'r', undefined, notDue);
    expect(directed.explanation).toMatch(/\(R-STATUS-2, R-SRP-5\)\. No annual assessment was due that day: on 2024-03-04 the Shared Resource Provider serves no User .*; SECMP0044 applies from its implementation date 2018-08-22\.$/);
    expect(directed.ruleIds).toEqual(['R-STATUS-2', 'R-MATRIX-1', 'R-MATRIX-4', 'R-PREM-2', 'R-SRP-2']);
    expect(directedFullRequirement({ ...base, ruleIds: [...base.ruleIds, 'R-SRP-2'] }, '2024-03-04', 'r', undefined, notDue).ruleIds.filter((id) => id === 'R-SRP-2')).toHaveLength(1);
  });

  it('contract (AssessmentRequirement.explanation): a directed FULL is explained in two sentences', () => {
    const sentences = (text: string) => text.split(/(?<=\.) (?=[A-Z])/);
    expect(sentences(directedFullRequirement(base, '2024-03-04', 'repeated breaches').explanation)).toHaveLength(2);
  });

  it('R-STATUS-1: a follow-up follows the latest assessment with a status, later records winning ties, else the latest', () => {
    const row = (id: string, setOn: string | null) => ({ id, assuranceStatusSetOn: setOn }) as AssessmentRow;
    expect(followedAssessment([])).toBeNull();
    expect(followedAssessment([row('a', null), row('b', null)])?.id).toBe('b');
    expect(followedAssessment([row('a', '2024-02-01'), row('b', '2024-01-01'), row('c', null)])?.id).toBe('a');
    expect(followedAssessment([row('a', '2024-01-01'), row('b', '2024-01-01'), row('c', null)])?.id).toBe('b');
    expect(followedAssessment([row('a', '2024-01-01'), row('b', '2024-03-01')])?.id).toBe('b');
  });

  it('R-TYPE-1, R-MATRIX-3: a FOLLOW_UP keeps what it follows, with the rule set in force on its date', () => {
    expect(followUpRequirement(base, '2018-08-21', 'open actions')).toEqual({
      type: 'FOLLOW_UP',
      ruleSet: 'LEGACY',
      category: 'SUPPLIER',
      coveredCategories: ['SUPPLIER', 'SHARED_RESOURCE_PROVIDER'],
      cyclePosition: 2,
      premisesUsed: 1234,
      premisesKnown: false,
      ruleIds: ['R-TYPE-1', 'R-STATUS-1', 'R-MATRIX-3'],
      explanation:
        'A FOLLOW_UP requested by the SSC (open actions); it is outside the annual cycle and does not move it. ' +
        "LEGACY applies because the determination date is before SECMP0044's implementation date 2018-08-22.",
    });
    expect(followUpRequirement(null, '2024-01-01', 'r', DEFAULT_RULE_SET_REGISTRY)).toMatchObject({
      ruleSet: 'SECMP0044',
      category: 'OTHER_USER',
      coveredCategories: [],
      cyclePosition: 1,
      premisesUsed: 0,
      premisesKnown: true,
    });
  });
});
