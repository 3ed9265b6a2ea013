import { EntitySchema } from 'typeorm';
import type { UserRole } from '../enums';

/**
 * R-PARTY-1: one step of a party's role history as a consuming service keeps it from PartyRegistered,
 * UserRoleGained and UserRoleGivenUp (table `projected_role_change`, created by each service's own migration).
 * Rows are only added; `seq` keeps the order they were recorded, which decides between changes of one day.
 */
export interface ProjectedRoleChangeRow {
  seq?: string;
  partyId: string;
  role: UserRole;
  change: 'GAINED' | 'GIVEN_UP';
  effectiveFrom: string;
}

export const ProjectedRoleChangeEntity = new EntitySchema<ProjectedRoleChangeRow>({
  name: 'ProjectedRoleChange',
  tableName: 'projected_role_change',
  columns: {
    seq: { type: 'bigint', primary: true, generated: 'increment' },
    partyId: { name: 'party_id', type: 'text' },
    role: { type: 'text' },
    change: { type: 'text' },
    effectiveFrom: { name: 'effective_from', type: 'date' },
  },
});
