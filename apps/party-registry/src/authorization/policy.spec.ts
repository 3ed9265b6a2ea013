import { policyGaps } from '@sec-assure/auth';
import { typeDefs } from '../schema';
import { policy } from './policy';

// Contract README §2: every field of the schema has a rule (deny by default), so a field added to
// schema.graphql without one fails here, by name, instead of leaking or being refused unseen.
describe('party-registry field policy', () => {
  const gaps = policyGaps(typeDefs, policy);

  it('names a rule for every field and entity reference of schema.graphql', () => {
    expect(gaps.missing).toEqual([]);
  });

  it('names no type or field that schema.graphql does not have', () => {
    expect(gaps.stale).toEqual([]);
  });
});
