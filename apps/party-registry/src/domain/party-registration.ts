import { CALENDAR_DATE, isPremisesCount, PREMISES_COUNT_RULE, UNDATED_ROLES_FROM, USER_ROLES, type UserRole, badInput, isCalendarDate } from '@sec-assure/rules';

export interface RegistrationRequest {
  name: string;
  userRoles: readonly string[];
  domesticPremises?: number | null;
  premisesEffectiveFrom?: string | null;
  rolesEffectiveFrom?: string | null;
}

export interface ValidRegistration {
  name: string;
  nameKey: string;
  userRoles: UserRole[];
  premises: { count: number; effectiveFrom: string } | null;
  /** R-PARTY-1: the roles are held from this day (default UNDATED_ROLES_FROM: before anything recorded; never in the future). */
  rolesEffectiveFrom: string;
}

/** Format characters that print nothing (soft hyphen, zero-width space and joiners, word joiner, BOM). */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Names compare as they read (one register, no look-alike duplicates): in Unicode's compatibility
 * form NFKC (an "É" typed as E and a combining accent is the "É" of the register; a full-width or
 * ligature letter is the plain one), without invisible characters, trimmed, spaces collapsed, and
 * case-insensitively.
 */
export const nameKeyOf = (name: string): string => name.normalize('NFKC').replace(INVISIBLE, '').trim().replace(/\s+/g, ' ').toLowerCase();

const VISIBLE = /[^\s\p{Z}\p{Cf}]/u;

export function validatePartyName(raw: string): { name: string; nameKey: string } {
  const name = raw.trim().replace(/\s+/g, ' ');
  // Characters are code points (an emoji is one, two UTF-16 units); more than 400 units cannot be 200 of them.
  const characters = name.length > 400 ? name.length : [...name].length;
  if (characters < 1 || characters > 200) throw badInput('name', 'must be 1 to 200 characters after trimming');
  // Spaces of every kind and format characters (U+200B ZERO WIDTH SPACE, U+2060 WORD JOINER, ...)
  // print nothing: a name of only those would show as empty in every list.
  if (!VISIBLE.test(name)) throw badInput('name', 'must have at least one visible character (spaces and zero-width characters alone print nothing)');
  return { name, nameKey: nameKeyOf(name) };
}

export function validateUserRoles(roles: readonly string[]): UserRole[] {
  const unknown = roles.filter((r) => !(USER_ROLES as readonly string[]).includes(r));
  if (unknown.length > 0) throw badInput('userRoles', `unknown role(s) ${unknown.join(', ')}`);
  // Order of the contract's enum, no repeats: the same roles always read the same.
  return USER_ROLES.filter((r) => roles.includes(r));
}

export function validatePremisesCount(field: string, count: number): number {
  if (!isPremisesCount(count)) throw badInput(field, `must be ${PREMISES_COUNT_RULE}`);
  return count;
}

export function validateDate(field: string, value: string): string {
  if (!isCalendarDate(value)) throw badInput(field, `must be ${CALENDAR_DATE}`);
  return value;
}

/** R-PARTY-1, R-PREM-1: what a registration records, or a refusal naming the field. */
export function validateRegistration(request: RegistrationRequest, today: string): ValidRegistration {
  const { name, nameKey } = validatePartyName(request.name);
  const userRoles = validateUserRoles(request.userRoles);
  let premises: ValidRegistration['premises'] = null;
  if (request.domesticPremises !== undefined && request.domesticPremises !== null) {
    premises = {
      count: validatePremisesCount('domesticPremises', request.domesticPremises),
      effectiveFrom: validateDate('premisesEffectiveFrom', request.premisesEffectiveFrom ?? today),
    };
  } else if (request.premisesEffectiveFrom) {
    throw badInput('premisesEffectiveFrom', 'given without domesticPremises');
  }
  // R-PARTY-1 (decision): roles given without a day are held from before anything the register records.
  const rolesEffectiveFrom = request.rolesEffectiveFrom ?? UNDATED_ROLES_FROM;
  validateDate('rolesEffectiveFrom', rolesEffectiveFrom);
  if (rolesEffectiveFrom > today) {
    throw badInput('rolesEffectiveFrom', `${rolesEffectiveFrom} is in the future; roles are recorded from a day on or before today (${today})`);
  }
  return { name, nameKey, userRoles, premises, rolesEffectiveFrom };
}

export interface UpdateRequest {
  name?: string | null;
  userRoles?: readonly string[] | null;
}

export interface ValidUpdate {
  name?: { name: string; nameKey: string };
  userRoles?: UserRole[];
}

/** updateParty: at least one field, each validated like at registration. */
export function validateUpdate(request: UpdateRequest): ValidUpdate {
  const update: ValidUpdate = {};
  if (request.name !== undefined && request.name !== null) update.name = validatePartyName(request.name);
  if (request.userRoles !== undefined && request.userRoles !== null) update.userRoles = validateUserRoles(request.userRoles);
  if (!update.name && !update.userRoles) throw badInput('input', 'give a new name or new userRoles (or both)');
  return update;
}

const sameRoles = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((r, i) => r === b[i]);

/** The party after the update, and whether anything changed at all (no change: no event, no audit). */
export function applyUpdate<P extends { name: string; nameKey: string; userRoles: UserRole[] }>(
  party: P,
  update: ValidUpdate,
): { party: P; changed: boolean } {
  const next = { ...party, ...(update.name ?? {}), ...(update.userRoles ? { userRoles: update.userRoles } : {}) };
  const changed = next.name !== party.name || !sameRoles(next.userRoles, party.userRoles);
  return { party: next, changed };
}
