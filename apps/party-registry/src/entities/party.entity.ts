import { EntitySchema } from 'typeorm';
import type { UserRole } from '@sec-assure/rules';

export interface PartyRow {
  id: string;
  name: string;
  /** Lower-cased, trimmed name: the uniqueness key. */
  nameKey: string;
  userRoles: UserRole[];
  isSharedResourceProvider: boolean;
  /** R-SRP-2: the designation starts on the availableFrom of the earliest-available qualifying resource; null: no designation. */
  providerFrom: string | null;
  registeredAt: Date;
}

export const PartyEntity = new EntitySchema<PartyRow>({
  name: 'Party',
  tableName: 'party',
  columns: {
    id: { type: 'uuid', primary: true },
    name: { type: 'varchar', length: 200 },
    nameKey: { name: 'name_key', type: 'text', unique: true },
    userRoles: { name: 'user_roles', type: 'text', array: true },
    isSharedResourceProvider: { name: 'is_shared_resource_provider', type: 'boolean', default: false },
    providerFrom: { name: 'provider_from', type: 'date', nullable: true },
    registeredAt: { name: 'registered_at', type: 'timestamptz' },
  },
});
