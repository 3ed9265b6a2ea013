import fc from 'fast-check';
import { RuleInputError } from '../errors';
import type { AssessmentType } from '../assessment/assessment-types';
import { arbAssessmentType } from '../testing';
import { annualAssessmentsSinceLastFull, cyclePositionOf, parseAssessmentsSinceLastFull } from './cycle';

// A fixed seed: a failure is reproduced on every run, never a flake that passes on retry.
fc.configureGlobal({ seed: 20261202 });

describe('R-MATRIX-3, R-TYPE-1: cycle position from history', () => {
  it.each<[AssessmentType[], number | null]>([
    [[], null],
    [['FOLLOW_UP'], null],
    [['SELF', 'VERIFICATION'], null],
    [['FULL'], 0],
    [['FULL', 'VERIFICATION'], 1],
    [['FULL', 'VERIFICATION', 'SELF'], 2],
    [['FULL', 'VERIFICATION', 'SELF', 'FULL'], 0],
    [['FULL', 'FOLLOW_UP', 'VERIFICATION', 'FOLLOW_UP', 'FOLLOW_UP'], 1],
    [['FULL', 'FULL', 'FULL'], 0],
  ])('R-MATRIX-3: history %j gives %p annual assessments since the last FULL', (history, expected) => {
    expect(annualAssessmentsSinceLastFull(history)).toBe(expected);
  });

  it('R-MATRIX-3: positions 1 -> 2 -> 3 -> 1', () => {
    expect([null, 0, 1, 2, 3].map(cyclePositionOf)).toEqual([1, 2, 3, 1, 1]);
  });

  it('R-TYPE-1: refuses an unknown type in the history, naming its index', () => {
    expect(() => annualAssessmentsSinceLastFull(['FULL', 'AUDIT' as AssessmentType])).toThrow(/history\[1\]/);
  });

  it.each([-1, 1.2, '2', Number.POSITIVE_INFINITY])('R-MATRIX-3: refuses the count %p', (value) => {
    expect(() => parseAssessmentsSinceLastFull(value)).toThrow(RuleInputError);
  });

  it('R-TYPE-1 (property): FOLLOW_UP never moves the cycle', () => {
    fc.assert(
      fc.property(fc.array(arbAssessmentType(), { maxLength: 20 }), fc.nat(25), (history, at) => {
        const withFollowUp = [...history];
        withFollowUp.splice(Math.min(at, history.length), 0, 'FOLLOW_UP');
        expect(annualAssessmentsSinceLastFull(withFollowUp)).toBe(annualAssessmentsSinceLastFull(history));
      }),
    );
  });
});
