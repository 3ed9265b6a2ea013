import { toDayNumber, type IsoDate } from '../calendar/iso-date';
import { rolesHeldOn, type RoleChange } from '../parties/role-history';
import type { Voter } from './election';

/**
 * R-SRP-2: a party is a Shared Resource Provider on `date` when one of its designations is effective
 * by then (a designation has no end yet: no resource is withdrawn).
 */
export function isProviderOn(designationsEffectiveFrom: readonly IsoDate[], date: IsoDate): boolean {
  const day = toDayNumber(date, 'date');
  return designationsEffectiveFrom.some((from, i) => toDayNumber(from, `designationsEffectiveFrom[${i}]`) <= day);
}

/** R-SSC-3: the voter as the SRP seat's electorate sees it on the election's opening date. */
export function voterOn(
  input: { partyId: string; roleChanges: readonly RoleChange[]; designationsEffectiveFrom: readonly IsoDate[] },
  openingDate: IsoDate,
): Voter {
  return {
    partyId: input.partyId,
    userRoles: rolesHeldOn(input.roleChanges, openingDate),
    isSharedResourceProvider: isProviderOn(input.designationsEffectiveFrom, openingDate),
    onDate: openingDate,
  };
}
