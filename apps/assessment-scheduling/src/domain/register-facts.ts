import { premisesAsOf, type Engagement, type IsoDate, type PremisesAsOf, type PremisesRecord, type UserRole } from '@sec-assure/rules';

/** The part of the register a determination reads: the parties involved, their premises, engagements. */
export interface RegisterSlice {
  readonly parties: ReadonlyMap<string, { readonly userRoles: readonly UserRole[] }>;
  /** Parties that are Shared Resource Providers (flag on registration, or a designation). */
  readonly providers: ReadonlySet<string>;
  readonly premises: ReadonlyMap<string, readonly PremisesRecord[]>;
  readonly engagements: readonly Engagement[];
}

export interface PremisesFacts {
  readonly own: PremisesAsOf;
  /** Shared Resource Providers the party uses on the date (itself excluded), sorted. */
  readonly providersInUse: readonly string[];
  /** R-SET-2 (LEGACY): premises of every other user of those providers, each user once. */
  readonly otherUsersSharedPremises: number;
  /** R-SRP-5: aggregate premises of the party's users on the date; null when it is not a provider. */
  readonly providerAggregatePremises: number | null;
  /** Users engaged with the party on the date (itself excluded), sorted; empty when it is not a provider. */
  readonly currentUsers: readonly string[];
}

/** Engaged on a day: started on or before it and not ended before it (the end date is the last day of use). */
export const isEngagedOn = (e: Engagement, date: IsoDate): boolean => e.startDate <= date && (e.endDate == null || date <= e.endDate);

const premisesOn = (slice: RegisterSlice, partyId: string, date: IsoDate): number => premisesAsOf(slice.premises.get(partyId) ?? [], date).count;

/** Users engaged with `provider` on `date`, without repeats and without the provider itself. */
export function usersOn(slice: RegisterSlice, provider: string, date: IsoDate): string[] {
  const users = new Set<string>();
  for (const e of slice.engagements) {
    if (e.providerPartyId === provider && e.userPartyId !== provider && isEngagedOn(e, date)) users.add(e.userPartyId);
  }
  return [...users].sort();
}

/**
 * The users whose premises make up a provider's aggregate, as libs/rules' countAssessments counts them
 * (R-IMPACT-1 decisions): its engaged users, and itself when it holds a User Role, since its own User
 * System is the shared one (R-SRP-6).
 */
function aggregateMembers(slice: RegisterSlice, provider: string, date: IsoDate): string[] {
  const holdsRole = (slice.parties.get(provider)?.userRoles.length ?? 0) > 0;
  return holdsRole ? [provider, ...usersOn(slice, provider, date)] : usersOn(slice, provider, date);
}

/**
 * R-PREM-2, R-SET-2, R-SET-3, R-SRP-5: the premises figures a determination of `partyId` on `date` needs.
 * Only engagements with Shared Resource Providers count (R-SRP-4).
 */
export function premisesFactsOn(slice: RegisterSlice, partyId: string, date: IsoDate): PremisesFacts {
  const own = premisesAsOf(slice.premises.get(partyId) ?? [], date);
  const providersInUse = [
    ...new Set(
      slice.engagements
        .filter((e) => e.userPartyId === partyId && e.providerPartyId !== partyId && slice.providers.has(e.providerPartyId) && isEngagedOn(e, date))
        .map((e) => e.providerPartyId),
    ),
  ].sort();
  const others = new Set<string>();
  for (const provider of providersInUse) for (const user of aggregateMembers(slice, provider, date)) if (user !== partyId) others.add(user);
  let otherUsersSharedPremises = 0;
  for (const user of others) otherUsersSharedPremises += premisesOn(slice, user, date);

  const isProvider = slice.providers.has(partyId);
  const providerAggregatePremises = isProvider
    ? aggregateMembers(slice, partyId, date).reduce((sum, user) => sum + premisesOn(slice, user, date), 0)
    : null;
  return {
    own,
    providersInUse,
    otherUsersSharedPremises,
    providerAggregatePremises,
    currentUsers: isProvider ? usersOn(slice, partyId, date) : [],
  };
}
