import { RuleInputError } from '../errors';
import { DEFAULT_RULE_SET_REGISTRY } from '../rule-sets/registry';
import { resolveRuleSet } from './determine-assessment';

describe('R-SET-1: choosing the rule set', () => {
  it('R-SET-1: a named rule set needs no date; a null or absent date is not parsed', () => {
    for (const date of [null, undefined]) {
      expect(resolveRuleSet(DEFAULT_RULE_SET_REGISTRY, 'LEGACY', date)).toEqual({ definition: DEFAULT_RULE_SET_REGISTRY.get('LEGACY'), byDate: false });
    }
  });

  it('R-SET-1: with neither, the refusal names the date and the rule', () => {
    const refuse = () => resolveRuleSet(DEFAULT_RULE_SET_REGISTRY, null, null);
    expect(refuse).toThrow(RuleInputError);
    expect(refuse).toThrow(/^determinationDate is needed to choose the rule set when ruleSet is not given \(R-SET-1\)\.$/);
  });
});
