import { EntitySchema } from 'typeorm';
import type { UserRole } from '@sec-assure/rules';

/** party-registry's parties as this service needs them (kept from events; never read across). */
export interface ProjectedPartyRow {
  id: string;
  name: string;
  userRoles: UserRole[];
  isSharedResourceProvider: boolean;
  /** When party-registry first recorded it ("as known on"); null: projected before this was kept. */
  recordedAt?: Date | null;
}

export const ProjectedPartyEntity = new EntitySchema<ProjectedPartyRow>({
  name: 'ProjectedParty',
  tableName: 'projected_party',
  columns: {
    id: { type: 'text', primary: true },
    name: { type: 'varchar', length: 200 },
    userRoles: { name: 'user_roles', type: 'text', array: true },
    isSharedResourceProvider: { name: 'is_shared_resource_provider', type: 'boolean' },
    recordedAt: { name: 'recorded_at', type: 'timestamptz', nullable: true },
  },
});

export interface ProjectedPremisesRow {
  partyId: string;
  effectiveFrom: string;
  count: number;
  /** When party-registry recorded it (the event's occurredAt); null: projected before this was kept. */
  recordedAt: Date | null;
}

export const ProjectedPremisesEntity = new EntitySchema<ProjectedPremisesRow>({
  name: 'ProjectedPremises',
  tableName: 'projected_premises',
  columns: {
    partyId: { name: 'party_id', type: 'text', primary: true },
    effectiveFrom: { name: 'effective_from', type: 'date', primary: true },
    count: { type: 'integer' },
    recordedAt: { name: 'recorded_at', type: 'timestamptz', nullable: true },
  },
});
