import { toDayNumber, type IsoDate } from '../calendar/iso-date';
import { parseUserRoles, type UserRole } from '../parties/user-roles';
import type { Voter } from './election';

/** One step of a party's role history (R-PARTY-1): it holds `role` from `effectiveFrom`, or no longer does. */
export interface RoleChange {
  readonly role: UserRole;
  readonly change: 'GAINED' | 'GIVEN_UP';
  readonly effectiveFrom: IsoDate;
}

/**
 * R-PARTY-1: the roles a party holds on `date`. For each role the change with the latest effectiveFrom
 * on or before the date decides; changes on the same day count in the order given (the order they were
 * recorded), so a role given up and gained again that day is held.
 */
export function rolesHeldOn(changes: readonly RoleChange[], date: IsoDate): UserRole[] {
  const day = toDayNumber(date, 'date');
  const latest = new Map<UserRole, { day: number; held: boolean }>();
  changes.forEach((c, i) => {
    const [role] = parseUserRoles([c.role], `changes[${i}].role`);
    const from = toDayNumber(c.effectiveFrom, `changes[${i}].effectiveFrom`);
    if (from > day) return;
    const seen = latest.get(role!);
    if (!seen || from >= seen.day) latest.set(role!, { day: from, held: c.change === 'GAINED' });
  });
  return [...latest].filter(([, v]) => v.held).map(([role]) => role);
}

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
