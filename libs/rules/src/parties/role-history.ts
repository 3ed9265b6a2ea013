import { toDayNumber, type IsoDate } from '../calendar/iso-date';
import { USER_ROLES, parseUserRoles, type UserRole } from './user-roles';

/** One dated change of one role (R-PARTY-1). A party's changes are kept in the order they were recorded. */
export interface RoleChange {
  readonly role: UserRole;
  readonly change: 'GAINED' | 'GIVEN_UP';
  /** GAINED: held from this day; GIVEN_UP: no longer held from this day (inclusive). */
  readonly effectiveFrom: IsoDate;
}

/**
 * R-PARTY-1: the roles a party holds on `date`. For each role the change with the latest effectiveFrom on or
 * before the date decides; changes of one day count in the order given (the order they were recorded), so a
 * role given up and gained again that day is held. Roles come back in the order of the UserRole enum.
 */
export function rolesHeldOn(changes: readonly RoleChange[], date: IsoDate): UserRole[] {
  const day = toDayNumber(date, 'date');
  const latest = new Map<UserRole, { day: number; held: boolean }>();
  changes.forEach((c, i) => {
    const [role] = parseUserRoles([c.role], `changes[${i}].role`) as [UserRole];
    const from = toDayNumber(c.effectiveFrom, `changes[${i}].effectiveFrom`);
    if (from > day) return;
    const seen = latest.get(role);
    if (!seen || from >= seen.day) latest.set(role, { day: from, held: c.change === 'GAINED' });
  });
  return USER_ROLES.filter((role) => latest.get(role)?.held === true);
}

/**
 * R-PARTY-1: a party is a User on `date` while it holds at least one User Role; one that gave up its last role is
 * no User from that day, whatever engagements it still has (no provider's current User, no recipient of its
 * provider's documents).
 */
export const isUserOn = (changes: readonly RoleChange[], date: IsoDate): boolean => rolesHeldOn(changes, date).length > 0;

/** The changes that turn the roles held `before` into those held `after`, all on `day` (an update carrying the full list). */
export function roleDifference(before: readonly UserRole[], after: readonly UserRole[], day: IsoDate): RoleChange[] {
  return [
    ...after.filter((r) => !before.includes(r)).map((role): RoleChange => ({ role, change: 'GAINED', effectiveFrom: day })),
    ...before.filter((r) => !after.includes(r)).map((role): RoleChange => ({ role, change: 'GIVEN_UP', effectiveFrom: day })),
  ];
}
