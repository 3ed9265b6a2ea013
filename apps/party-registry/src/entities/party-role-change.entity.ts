import { EntitySchema } from 'typeorm';
import type { UserRole } from '@sec-assure/rules';
import type { RoleChangeKind } from '../domain/role-history';

/** R-PARTY-1: one dated change of one role; appended, never overwritten, read in `id` order. */
export interface PartyRoleChangeRow {
  /** bigserial: a string in JS; the order the changes were recorded in. */
  id: string;
  partyId: string;
  role: UserRole;
  change: RoleChangeKind;
  effectiveFrom: string;
  recordedAt: Date;
}

export const PartyRoleChangeEntity = new EntitySchema<PartyRoleChangeRow>({
  name: 'PartyRoleChange',
  tableName: 'party_role_change',
  columns: {
    id: { type: 'bigint', primary: true, generated: 'increment' },
    partyId: { name: 'party_id', type: 'uuid' },
    role: { type: 'text' },
    change: { type: 'text' },
    effectiveFrom: { name: 'effective_from', type: 'date' },
    recordedAt: { name: 'recorded_at', type: 'timestamptz' },
  },
});
