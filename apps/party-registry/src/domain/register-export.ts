import type { UserRole } from '@sec-assure/rules';
import { rolesHeldOn, type RoleChange } from './role-history';

/** What the register export reads of one party, fetched for all parties at once (queries/register-export.ts). */
export interface RegisterFacts {
  id: string;
  name: string;
  /** R-SRP-2: the first day of the designation; null: never designated. */
  providerFrom: string | null;
  registeredAt: Date;
  /** Every role change effective on or before the day, in recorded order. */
  roleChanges: readonly RoleChange[];
  /** R-PREM-2: the count in force on the day, with its effective date; null when none is on record. */
  premises: { count: number; effectiveFrom: string } | null;
  /** Names of the providers whose resources the party uses on the day (R-SRP-7). */
  providerNames: readonly string[];
}

export type RegisterCell = string | number | null;

export const REGISTER_HEADER = [
  'partyId',
  'name',
  'userRoles',
  'domesticPremises',
  'premisesEffectiveFrom',
  'sharedResourceProvider',
  'providerFrom',
  'providersUsed',
  'registeredAt',
] as const;

/**
 * One row per party as the register stands on `asOf`: the roles held that day (R-PARTY-1, in the
 * contract's order, space-separated), the count in force (0 and no date when none, R-PREM-2), the
 * designation as a Shared Resource Provider on that day and, when designated, its first day (R-SRP-2), and the
 * providers used that day, by name, sorted and separated by "; " (listedName: a name that holds ";" or a
 * double quote is written in double quotes, so the list splits back into the names).
 */
export function registerRow(party: RegisterFacts, asOf: string): RegisterCell[] {
  const roles: UserRole[] = rolesHeldOn(party.roleChanges, asOf);
  const designated = party.providerFrom !== null && party.providerFrom <= asOf;
  return [
    party.id,
    party.name,
    roles.join(' '),
    party.premises?.count ?? 0,
    party.premises?.effectiveFrom ?? null,
    designated ? 'yes' : 'no',
    designated ? party.providerFrom : null,
    [...new Set(party.providerNames)].sort((a, b) => a.localeCompare(b, 'en')).map(listedName).join('; '),
    party.registeredAt.toISOString(),
  ];
}

/** The file's name: the register on its day, one party's when only its row is in it. */
export const registerFileName = (asOf: string, partyName: string | null): string =>
  partyName === null ? `party-register-${asOf}` : `party-register-${asOf}-${partyName.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'party'}`;

/** One name of a "; "-separated list: in double quotes (inner quotes doubled) when it holds ";" or a double quote. */
export const listedName = (name: string): string => (/[;"]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name);
