import { EntitySchema } from 'typeorm';

import type { SharedResourceScope } from '../domain/shared-resource';

export type { SharedResourceScope };

/** A resource a provider party makes available to users (R-SRP-1). */
export interface SharedResourceRow {
  id: string;
  name: string;
  /** Lower-cased, trimmed name: unique among one provider's resources. */
  nameKey: string;
  scope: SharedResourceScope;
  providerPartyId: string;
  /** R-SRP-4: true for WHOLE_USER_SYSTEM, and for PART_OF_USER_SYSTEM when the provider opted in. */
  optInAsProvider: boolean;
  /** R-SRP-2: the day from which the provider makes it available; no engagement starts before it. */
  availableFrom: string;
  registeredAt: Date;
}

export const SharedResourceEntity = new EntitySchema<SharedResourceRow>({
  name: 'SharedResource',
  tableName: 'shared_resource',
  columns: {
    id: { type: 'uuid', primary: true },
    name: { type: 'varchar', length: 200 },
    nameKey: { name: 'name_key', type: 'text' },
    scope: { type: 'text' },
    providerPartyId: { name: 'provider_party_id', type: 'uuid' },
    optInAsProvider: { name: 'opt_in_as_provider', type: 'boolean' },
    availableFrom: { name: 'available_from', type: 'date' },
    registeredAt: { name: 'registered_at', type: 'timestamptz' },
  },
});
