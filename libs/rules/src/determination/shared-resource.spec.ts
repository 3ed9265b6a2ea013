import { aggregateMembers, sharedResourcesUsed, usesOwnSharedResource } from './shared-resource';

const dual = { isSharedResourceProvider: true, holdsUserRole: true };
const roleless = { isSharedResourceProvider: true, holdsUserRole: false };
const user = { isSharedResourceProvider: false, holdsUserRole: true };

describe("who is in a Shared Resource Provider's aggregate (R-SRP-5, R-SRP-6, R-SET-2)", () => {
  it('R-SRP-6: only a provider that holds a User Role uses its own shared resource', () => {
    expect([usesOwnSharedResource(dual), usesOwnSharedResource(roleless), usesOwnSharedResource(user)]).toEqual([true, false, false]);
  });

  it('R-SRP-5, R-SRP-6: its engaged users, each once in the order given, and itself first when it holds a User Role', () => {
    expect(aggregateMembers('S', dual, ['U2', 'U1', 'U2'])).toEqual(['S', 'U2', 'U1']);
    expect(aggregateMembers('P', roleless, ['U1', 'P'])).toEqual(['U1']);
    expect(aggregateMembers('S', dual, ['S'])).toEqual(['S']);
  });

  it("R-SET-2: a party's shared resources are its providers', and its own when it uses it, each once, sorted", () => {
    expect(sharedResourcesUsed('S', dual, ['Q', 'B', 'Q'])).toEqual(['B', 'Q', 'S']);
    expect(sharedResourcesUsed('P', roleless, [])).toEqual([]);
    expect(sharedResourcesUsed('U', user, ['S'])).toEqual(['S']);
  });
});
