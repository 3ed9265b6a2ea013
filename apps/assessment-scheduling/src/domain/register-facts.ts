import {
  aggregateMembers,
  isUserOn,
  premisesAsOf,
  rolesHeldOn,
  sharedResourcesUsed,
  type Engagement,
  type IsoDate,
  type PremisesAsOf,
  type PremisesRecord,
  type RoleChange,
  type UserRole,
} from '@sec-assure/rules';

/** A party as a determination reads it: its name (for explanations), role history and designation date. */
export interface SliceParty {
  readonly name: string;
  readonly roleChanges: readonly RoleChange[];
  /** R-SRP-2: the day its designation as a Shared Resource Provider starts; null when it is none. */
  readonly providerSince: IsoDate | null;
}

/** The part of the register a determination reads: the parties involved, their premises, engagements. */
export interface RegisterSlice {
  readonly parties: ReadonlyMap<string, SliceParty>;
  readonly premises: ReadonlyMap<string, readonly PremisesRecord[]>;
  readonly engagements: readonly Engagement[];
}

export interface PremisesFacts {
  readonly own: PremisesAsOf;
  /** Shared Resource Providers the party uses on the date (itself excluded), sorted: those it relies on (R-SRP-8). */
  readonly providersInUse: readonly string[];
  /** R-SET-2: it uses a shared resource on the date: one of those providers', or its own (a provider holding a User Role). */
  readonly usesSharedResource: boolean;
  /** R-SET-2 (LEGACY): premises of every other user of those resources (its own included), each user once (those with a count). */
  readonly otherUsersSharedPremises: number;
  /** R-PREM-2: those other users with no count on record on the date, as "name (id)". */
  readonly otherUsersWithoutPremises: readonly string[];
  /** R-SRP-5: aggregate premises of the party's users on the date (those with a count); null when it is not a provider. */
  readonly providerAggregatePremises: number | null;
  /** R-PREM-2: the provider's users (itself included where it counts) with no count on record, as "name (id)". */
  readonly providerUsersWithoutPremises: readonly string[];
  /** Users engaged with the party on the date (itself excluded), sorted; empty when it is not a provider. */
  readonly currentUsers: readonly string[];
}

/** Engaged on a day: started on or before it and not ended before it (the end date is the last day of use). */
export const isEngagedOn = (e: Engagement, date: IsoDate): boolean => e.startDate <= date && (e.endDate == null || date <= e.endDate);

/** R-PARTY-1: the roles the party holds on the date. */
export const rolesOnDate = (slice: RegisterSlice, partyId: string, date: IsoDate): UserRole[] => rolesHeldOn(slice.parties.get(partyId)?.roleChanges ?? [], date);

/** R-SRP-2: a party is a provider on a date once its designation has started. */
export function isProviderOn(slice: RegisterSlice, partyId: string, date: IsoDate): boolean {
  const since = slice.parties.get(partyId)?.providerSince ?? null;
  return since !== null && since <= date;
}

/** How an explanation names a party: "name (id)", or the id alone when the name is not known here. */
export const labelOf = (slice: RegisterSlice, partyId: string): string => {
  const name = slice.parties.get(partyId)?.name;
  return name ? `${name} (${partyId})` : partyId;
};

/**
 * Users engaged with `provider` on `date`, without repeats and without the provider itself. A party engaged
 * that holds no User Role on the date (it gave up its last one) is no User (R-PARTY-1), so it is no current
 * User of the provider: not in its aggregate (R-SRP-5), nor another User's LEGACY share (R-SET-2), nor flagged.
 */
export function usersOn(slice: RegisterSlice, provider: string, date: IsoDate): string[] {
  const users = new Set<string>();
  for (const e of slice.engagements) {
    if (e.providerPartyId === provider && e.userPartyId !== provider && isEngagedOn(e, date) && isUserOn(slice.parties.get(e.userPartyId)?.roleChanges ?? [], date)) {
      users.add(e.userPartyId);
    }
  }
  return [...users].sort();
}

/** R-SRP-5, R-SRP-6: the users in a provider's aggregate on the date, as libs/rules decides who they are. */
function membersOn(slice: RegisterSlice, provider: string, date: IsoDate): string[] {
  const party = { isSharedResourceProvider: isProviderOn(slice, provider, date), holdsUserRole: rolesOnDate(slice, provider, date).length > 0 };
  return aggregateMembers(provider, party, usersOn(slice, provider, date));
}

/** Sums the counts on record; names the parties with none (R-PREM-2). */
function sumOn(slice: RegisterSlice, parties: Iterable<string>, date: IsoDate): { total: number; missing: string[] } {
  let total = 0;
  const missing: string[] = [];
  for (const id of parties) {
    const found = premisesAsOf(slice.premises.get(id) ?? [], date);
    if (found.effectiveFrom === null) missing.push(labelOf(slice, id));
    else total += found.count;
  }
  return { total, missing };
}

/**
 * R-PREM-2, R-SET-2, R-SET-3, R-SRP-5: the premises figures a determination of `partyId` on `date` needs. Only
 * engagements with parties that are Shared Resource Providers on the date count (R-SRP-2, R-SRP-4).
 */
export function premisesFactsOn(slice: RegisterSlice, partyId: string, date: IsoDate): PremisesFacts {
  const own = premisesAsOf(slice.premises.get(partyId) ?? [], date);
  const providersInUse = [
    ...new Set(
      slice.engagements
        .filter((e) => e.userPartyId === partyId && e.providerPartyId !== partyId && isProviderOn(slice, e.providerPartyId, date) && isEngagedOn(e, date))
        .map((e) => e.providerPartyId),
    ),
  ].sort();
  const isProvider = isProviderOn(slice, partyId, date);
  // R-SET-2: a provider holding a User Role is a user of its own shared resource, not one it relies on.
  const resources = sharedResourcesUsed(partyId, { isSharedResourceProvider: isProvider, holdsUserRole: rolesOnDate(slice, partyId, date).length > 0 }, providersInUse);
  const others = new Set<string>();
  for (const provider of resources) for (const user of membersOn(slice, provider, date)) if (user !== partyId) others.add(user);
  const otherUsers = sumOn(slice, others, date);
  const aggregate = isProvider ? sumOn(slice, membersOn(slice, partyId, date), date) : null;
  return {
    own,
    providersInUse,
    usesSharedResource: resources.length > 0,
    otherUsersSharedPremises: otherUsers.total,
    otherUsersWithoutPremises: otherUsers.missing,
    providerAggregatePremises: aggregate?.total ?? null,
    providerUsersWithoutPremises: aggregate?.missing ?? [],
    currentUsers: isProvider ? usersOn(slice, partyId, date) : [],
  };
}
