import { EntitySchema } from 'typeorm';
import type { UserRole } from '@sec-assure/rules';

/**
 * R-PARTY-1: one step of a party's role history, from PartyRegistered, UserRoleGained and UserRoleGivenUp
 * (or, for PartyUpdated events published before those existed, the difference of its userRoles). Rows are
 * only ever added; `seq` keeps the order they were recorded, which decides between changes of one day.
 */
export interface ProjectedRoleChangeRow {
  seq?: string;
  partyId: string;
  role: UserRole;
  change: 'GAINED' | 'GIVEN_UP';
  effectiveFrom: string;
  /** When party-registry recorded it ("as known on"); null: projected before this was kept. */
  recordedAt?: Date | null;
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
    recordedAt: { name: 'recorded_at', type: 'timestamptz', nullable: true },
  },
});
