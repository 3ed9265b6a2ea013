/** What the membership rules read of a party on the date. */
export interface SharedResourceParty {
  readonly isSharedResourceProvider: boolean;
  readonly holdsUserRole: boolean;
}

/**
 * R-SRP-6, R-SET-2, R-SRP-5 (decision): a Shared Resource Provider that holds a User Role uses its own User System,
 * which is the shared one, so it is one of its own Users: its premises are in its aggregate, and under LEGACY it is
 * banded on that aggregate like every other User of it. The one place this is decided.
 */
export const usesOwnSharedResource = (party: SharedResourceParty): boolean => party.isSharedResourceProvider && party.holdsUserRole;

/**
 * The Users whose premises make up a provider's aggregate (R-SRP-5, R-SET-2): itself first when it uses its own
 * resource, then the Users engaged with it, each once (two resources of one provider are one relationship).
 */
export function aggregateMembers(providerId: string, provider: SharedResourceParty, engagedUsers: Iterable<string>): string[] {
  const members = new Set<string>(usesOwnSharedResource(provider) ? [providerId] : []);
  for (const user of engagedUsers) if (user !== providerId) members.add(user);
  return [...members];
}

/**
 * R-SET-2: the providers whose aggregates a party's LEGACY band reads: the Shared Resource Providers it is engaged
 * with, and itself when it uses its own resource; each once, sorted.
 */
export function sharedResourcesUsed(partyId: string, party: SharedResourceParty, engagedProviders: Iterable<string>): string[] {
  const used = new Set<string>(usesOwnSharedResource(party) ? [partyId] : []);
  for (const provider of engagedProviders) used.add(provider);
  return [...used].sort();
}
