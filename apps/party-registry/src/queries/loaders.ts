import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { PartyRow } from '../entities/party.entity';
import type { SharedResourceRow } from '../entities/shared-resource.entity';
import type { EngagementRow } from '../entities/engagement.entity';
import type { DomesticPremisesRow } from '../entities/domestic-premises.entity';
import { partiesByIds } from './parties';
import { premisesHistories, premisesInForce, type PremisesKey } from './premises';
import { engagementsBy, sharedResourcesByIds, sharedResourcesOfProviders } from './engagements';
import { roleChangesOfParties } from './roles';
import type { PartyRoleChangeRow } from '../entities/party-role-change.entity';

/** Per-request batching: a list of N parties costs one query per field, not N. */
export interface Loaders {
  partyById: DataLoader<string, PartyRow | null>;
  sharedResourceById: DataLoader<string, SharedResourceRow | null>;
  sharedResourcesByProvider: DataLoader<string, SharedResourceRow[]>;
  engagementsByUser: DataLoader<string, EngagementRow[]>;
  engagementsByProvider: DataLoader<string, EngagementRow[]>;
  engagementsByResource: DataLoader<string, EngagementRow[]>;
  premisesInForce: DataLoader<PremisesKey, number, string>;
  premisesHistory: DataLoader<string, DomesticPremisesRow[]>;
  roleChangesByParty: DataLoader<string, PartyRoleChangeRow[]>;
}

export function createLoaders(dataSource: DataSource): Loaders {
  return {
    partyById: new DataLoader((ids) => partiesByIds(dataSource, ids)),
    sharedResourceById: new DataLoader((ids) => sharedResourcesByIds(dataSource, ids)),
    sharedResourcesByProvider: new DataLoader((ids) => sharedResourcesOfProviders(dataSource, ids)),
    engagementsByUser: new DataLoader((ids) => engagementsBy(dataSource, 'userPartyId', ids)),
    engagementsByProvider: new DataLoader((ids) => engagementsBy(dataSource, 'providerPartyId', ids)),
    engagementsByResource: new DataLoader((ids) => engagementsBy(dataSource, 'sharedResourceId', ids)),
    premisesInForce: new DataLoader((keys) => premisesInForce(dataSource, keys), { cacheKeyFn: (k) => `${k.partyId}|${k.asOf}|${k.asKnownOn ?? ''}` }),
    premisesHistory: new DataLoader((ids) => premisesHistories(dataSource, ids)),
    roleChangesByParty: new DataLoader((ids) => roleChangesOfParties(dataSource, ids)),
  };
}
