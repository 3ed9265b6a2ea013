import { USER_ROLES, type RoleChange, type UserRole, badInput, conflict, isUserOn } from '@sec-assure/rules';
import { validateDate } from './party-registration';

export type { RoleChange } from '@sec-assure/rules';
export { rolesHeldOn } from '@sec-assure/rules';
export type RoleChangeKind = RoleChange['change'];

/** A span during which a role was held: from `heldFrom` up to the day before `givenUpOn`. */
export interface RolePeriod {
  role: UserRole;
  heldFrom: string;
  givenUpOn: string | null;
}

/**
 * The last recorded change of `role`. Changes of one role are entered in date order (see
 * assertCanGain/assertCanGiveUp), so the last recorded is also the latest dated.
 */
function lastChange(changes: readonly RoleChange[], role: UserRole): RoleChange | undefined {
  let last: RoleChange | undefined;
  for (const c of changes) if (c.role === role) last = c;
  return last;
}

/** R-PARTY-1: the kept history as periods, earliest first (a role given up on the day it was gained held no day, and is left out). */
export function rolePeriods(changes: readonly RoleChange[]): RolePeriod[] {
  const periods: RolePeriod[] = [];
  const open = new Map<UserRole, RolePeriod>();
  for (const c of changes) {
    const current = open.get(c.role);
    if (c.change === 'GAINED' && !current) {
      const period = { role: c.role, heldFrom: c.effectiveFrom, givenUpOn: null };
      open.set(c.role, period);
      periods.push(period);
    } else if (c.change === 'GIVEN_UP' && current) {
      current.givenUpOn = c.effectiveFrom;
      open.delete(c.role);
    }
  }
  const order = (r: UserRole): number => USER_ROLES.indexOf(r);
  return periods
    .filter((p) => p.givenUpOn === null || p.givenUpOn > p.heldFrom)
    .sort((a, b) => (a.heldFrom === b.heldFrom ? order(a.role) - order(b.role) : a.heldFrom < b.heldFrom ? -1 : 1));
}

/** A role change date: a real date, not after today (history is entered, the future is not). */
export function validateRoleDate(field: string, value: string, today: string): string {
  validateDate(field, value);
  if (value > today) throw badInput(field, `${value} is in the future; record a role change on or after the day it takes effect (today is ${today})`);
  return value;
}

function assertDateOrder(last: RoleChange | undefined, role: UserRole, effectiveFrom: string): void {
  if (last && effectiveFrom < last.effectiveFrom) {
    throw badInput(
      'effectiveFrom',
      `${effectiveFrom} is before the last recorded change of ${role} (${last.change === 'GAINED' ? 'gained' : 'given up'} on ${last.effectiveFrom}); a role's history is entered in date order`,
    );
  }
}

/** gainUserRole: the party must not hold the role already; dates of one role go forward. */
export function assertCanGain(changes: readonly RoleChange[], role: UserRole, effectiveFrom: string): void {
  const last = lastChange(changes, role);
  if (last?.change === 'GAINED') throw conflict(`The party already holds ${role} (since ${last.effectiveFrom}); give it up before gaining it again`);
  assertDateOrder(last, role, effectiveFrom);
}

/** giveUpUserRole: the party must hold the role, and give it up after the day it gained it. */
export function assertCanGiveUp(changes: readonly RoleChange[], role: UserRole, effectiveFrom: string): void {
  const last = lastChange(changes, role);
  if (last?.change !== 'GAINED') throw conflict(`The party does not hold ${role}${last ? ` (given up on ${last.effectiveFrom})` : ''}, so it cannot give it up`);
  if (effectiveFrom <= last.effectiveFrom) {
    throw badInput('effectiveFrom', `must be after ${last.effectiveFrom}, the day the party gained ${role} (the first day it no longer holds it)`);
  }
}

/** updateParty: each role added is gained, each removed given up, on `day` (the day of the update). */
export function roleChangesOfUpdate(current: readonly UserRole[], next: readonly UserRole[], day: string): RoleChange[] {
  return [
    ...next.filter((r) => !current.includes(r)).map((role): RoleChange => ({ role, change: 'GAINED', effectiveFrom: day })),
    ...current.filter((r) => !next.includes(r)).map((role): RoleChange => ({ role, change: 'GIVEN_UP', effectiveFrom: day })),
  ];
}

/**
 * updateParty's role changes (all dated the day of the update) pass the checks gainUserRole and
 * giveUpUserRole make, each on the history so far: a role gained today is not given up today, which
 * would leave a span of no day and drop the gain from the kept history (R-PARTY-1). Named by
 * `userRoles`, the field the caller set, as an update has no date of its own.
 */
export function assertUpdateRoleChanges(history: readonly RoleChange[], changes: readonly RoleChange[]): void {
  const soFar = [...history];
  for (const change of changes) {
    const last = lastChange(soFar, change.role);
    if (change.change === 'GIVEN_UP' && last?.change === 'GAINED' && change.effectiveFrom <= last.effectiveFrom) {
      throw badInput(
        'userRoles',
        `${change.role} was gained on ${last.effectiveFrom}, the day of this update; a role is given up only after the day it was gained (R-PARTY-1), so keep ${change.role} in userRoles today and remove it from tomorrow`,
      );
    }
    if (change.change === 'GAINED') assertCanGain(soFar, change.role, change.effectiveFrom);
    else assertCanGiveUp(soFar, change.role, change.effectiveFrom);
    soFar.push(change);
  }
}

/**
 * R-PARTY-1, R-SRP-7: a shared resource's user holds a User Role on the day its engagement starts
 * (engageSharedResource checks it), so a role change may not take that away afterwards, as a give-up
 * back-dated to before an engagement's start would. Only engagements the change itself would leave
 * without one are named.
 */
export function assertEngagementsKeepTheirUser(before: readonly RoleChange[], after: readonly RoleChange[], engagements: readonly { id: string; startDate: string }[]): void {
  const left = engagements.filter((e) => isUserOn(before, e.startDate) && !isUserOn(after, e.startDate));
  if (left.length === 0) return;
  throw conflict(
    `The party would hold no User Role on the day its engagement ${left.map((e) => `${e.id} starts (${e.startDate})`).join(', engagement ')}, and a shared resource's user holds one on that day (R-PARTY-1, R-SRP-7): give the role up from a later day`,
  );
}
