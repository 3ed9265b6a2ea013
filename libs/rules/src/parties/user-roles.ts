import { RuleInputError } from '../errors';

/** R-PARTY-1: the User Roles a SEC Party may hold (names as in the GraphQL enum UserRole). */
export const USER_ROLES = [
  'IMPORT_SUPPLIER',
  'EXPORT_SUPPLIER',
  'GAS_SUPPLIER',
  'ELECTRICITY_DISTRIBUTOR',
  'GAS_TRANSPORTER',
  'OTHER_USER',
] as const;
export type UserRole = (typeof USER_ROLES)[number];

/**
 * R-PARTY-1 (decision): the day from which a Party holds the roles it was registered with when the registration gives
 * them no day of their own (the contract's registerParty has none). Registering a Party enters it in the register; it
 * does not make it a Supplier or a Network Party that day. Such roles are read as held on every earlier day the
 * register is asked about, so that history entered later (premises, resources, engagements, assessments of past years)
 * meets the Party as the User it is, and a Supplier is never read as an Other SEC Party for want of a date (fail
 * closed: R-PREM-2's spirit, R-SSC-3). This day stands for "before anything the register records".
 */
export const UNDATED_ROLES_FROM = '1900-01-01';

/** R-PARTY-2 (names as in the GraphQL enum AssessmentCategory). */
export const ASSESSMENT_CATEGORIES = ['SUPPLIER', 'NETWORK', 'OTHER_USER', 'SHARED_RESOURCE_PROVIDER'] as const;
export type AssessmentCategory = (typeof ASSESSMENT_CATEGORIES)[number];
export type UserCategory = Exclude<AssessmentCategory, 'SHARED_RESOURCE_PROVIDER'>;

const CATEGORY_OF_ROLE: Readonly<Record<UserRole, UserCategory>> = {
  IMPORT_SUPPLIER: 'SUPPLIER',
  EXPORT_SUPPLIER: 'SUPPLIER',
  GAS_SUPPLIER: 'SUPPLIER',
  ELECTRICITY_DISTRIBUTOR: 'NETWORK',
  GAS_TRANSPORTER: 'NETWORK',
  OTHER_USER: 'OTHER_USER',
};

export function categoryOfRole(role: UserRole): UserCategory {
  return CATEGORY_OF_ROLE[role];
}

export function isUserRole(value: unknown): value is UserRole {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CATEGORY_OF_ROLE, value);
}

/** Refuses anything that is not a list of known roles; repeats are harmless and dropped. */
export function parseUserRoles(value: unknown, field = 'userRoles'): readonly UserRole[] {
  if (!Array.isArray(value)) {
    throw new RuleInputError(field, `${field} must be a list of User Roles (${USER_ROLES.join(', ')}).`);
  }
  const roles: UserRole[] = [];
  for (const role of value) {
    if (!isUserRole(role)) {
      throw new RuleInputError(field, `${field} holds an unknown User Role ${JSON.stringify(role)}; known: ${USER_ROLES.join(', ')}.`);
    }
    if (!roles.includes(role)) roles.push(role);
  }
  return roles;
}

/** The categories of the roles, in the order of ASSESSMENT_CATEGORIES so results are stable. */
export function categoriesOfRoles(roles: readonly UserRole[]): UserCategory[] {
  const found = new Set(roles.map(categoryOfRole));
  return (['SUPPLIER', 'NETWORK', 'OTHER_USER'] as const).filter((c) => found.has(c));
}
