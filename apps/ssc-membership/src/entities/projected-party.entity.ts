import { EntitySchema } from 'typeorm';
import type { UserRole } from '@sec-assure/rules';

/**
 * party-registry's parties as elections need them, kept from its events (never read across).
 * Ids are text: they are party-registry's, and a malformed one must read as "unknown", not fail.
 */
export interface ProjectedPartyRow {
  id: string;
  name: string;
  userRoles: UserRole[];
  /** As registered; later designations are rows of ProjectedSrpDesignation. */
  registeredAsSharedResourceProvider: boolean;
  /** The London day of its registration (null: projected before dates were kept). */
  registeredOn: string | null;
}

export const ProjectedPartyEntity = new EntitySchema<ProjectedPartyRow>({
  name: 'ProjectedParty',
  tableName: 'projected_party',
  columns: {
    id: { type: 'text', primary: true },
    name: { type: 'text' },
    userRoles: { name: 'user_roles', type: 'text', array: true },
    registeredAsSharedResourceProvider: { name: 'registered_as_srp', type: 'boolean' },
    registeredOn: { name: 'registered_on', type: 'date', nullable: true },
  },
});

/**
 * One reason a party is a Shared Resource Provider (R-SRP-3/4). Kept apart from the party row
 * because the events come under different Kafka keys and may arrive before its PartyRegistered.
 */
export interface ProjectedSrpDesignationRow {
  partyId: string;
  sharedResourceId: string;
  /** R-SRP-2: the earliest day seen from which it is effective (null: projected before dates were kept). */
  effectiveFrom: string | null;
}

export const ProjectedSrpDesignationEntity = new EntitySchema<ProjectedSrpDesignationRow>({
  name: 'ProjectedSrpDesignation',
  tableName: 'projected_srp_designation',
  columns: {
    partyId: { name: 'party_id', type: 'text', primary: true },
    sharedResourceId: { name: 'shared_resource_id', type: 'text', primary: true },
    effectiveFrom: { name: 'effective_from', type: 'date', nullable: true },
  },
});

/** R-PARTY-1: the role history, in the order recorded (seq). */
export { ProjectedRoleChangeEntity, type ProjectedRoleChangeRow } from '@sec-assure/events';
