import { USER_ROLES, type IsoDate, type UserRole } from '@sec-assure/rules';

/** One step of a party's role history (R-PARTY-1), in the order it was recorded. */
export interface RoleChange {
  readonly role: UserRole;
  readonly change: 'GAINED' | 'GIVEN_UP';
  readonly effectiveFrom: IsoDate;
}

/**
 * R-PARTY-1: the roles a party holds on `date`. For each role the change with the latest effectiveFrom on or
 * before the date decides; between changes of one day the one recorded later wins. Roles come back in the
 * order of the UserRole enum, so answers are stable.
 */
export function rolesOn(changes: readonly RoleChange[], date: IsoDate): UserRole[] {
  const latest = new Map<UserRole, { from: IsoDate; held: boolean }>();
  for (const c of changes) {
    if (c.effectiveFrom > date) continue;
    const seen = latest.get(c.role);
    if (!seen || c.effectiveFrom >= seen.from) latest.set(c.role, { from: c.effectiveFrom, held: c.change === 'GAINED' });
  }
  return USER_ROLES.filter((role) => latest.get(role)?.held === true);
}

/**
 * PartyUpdated from before role events existed carries the full new list: its difference from the roles held
 * before is what changed, on the day of the update.
 */
export function roleDifference(before: readonly UserRole[], after: readonly UserRole[], day: IsoDate): RoleChange[] {
  return [
    ...after.filter((r) => !before.includes(r)).map((role): RoleChange => ({ role, change: 'GAINED', effectiveFrom: day })),
    ...before.filter((r) => !after.includes(r)).map((role): RoleChange => ({ role, change: 'GIVEN_UP', effectiveFrom: day })),
  ];
}
