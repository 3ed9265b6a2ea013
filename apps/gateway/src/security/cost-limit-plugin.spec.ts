import { parse } from 'graphql';
import { sizedByVariables } from './cost-limit-plugin';

describe('sizedByVariables: when the cost is priced again with the request variables', () => {
  it('a list size taken from a variable, at any depth, needs the variables', () => {
    expect(sizedByVariables(parse('query($n: Int) { parties(first: $n) { id } }'))).toBe(true);
    expect(sizedByVariables(parse('query($n: Int) { party(id: "1") { engagements(last: $n) { id } } }'))).toBe(true);
  });

  it('literal sizes, or variables elsewhere only, were priced exactly by validation', () => {
    expect(sizedByVariables(parse('{ parties(first: 20) { id } }'))).toBe(false);
    expect(sizedByVariables(parse('query($id: ID!) { party(id: $id) { id } }'))).toBe(false);
  });
});
