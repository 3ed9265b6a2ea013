import { EntitySchema } from 'typeorm';

/** party-registry's shared resources (R-SRP-1), from SharedResourceRegistered. */
export interface ProjectedSharedResourceRow {
  id: string;
  name: string;
  scope: 'WHOLE_USER_SYSTEM' | 'PART_OF_USER_SYSTEM';
  providerPartyId: string;
  optInAsProvider: boolean;
}

export const ProjectedSharedResourceEntity = new EntitySchema<ProjectedSharedResourceRow>({
  name: 'ProjectedSharedResource',
  tableName: 'projected_shared_resource',
  columns: {
    id: { type: 'text', primary: true },
    name: { type: 'text' },
    scope: { type: 'text' },
    providerPartyId: { name: 'provider_party_id', type: 'text' },
    optInAsProvider: { name: 'opt_in_as_provider', type: 'boolean' },
  },
});

/**
 * A party designated a Shared Resource Provider through a resource (SharedResourceProviderDesignated, or a
 * qualifying SharedResourceRegistered), from `effectiveFrom` (R-SRP-2: the earliest date seen is kept).
 */
export interface ProjectedProviderDesignationRow {
  partyId: string;
  sharedResourceId: string;
  effectiveFrom: string;
  /** When party-registry first recorded it ("as known on"); null: projected before this was kept. */
  recordedAt?: Date | null;
}

export const ProjectedProviderDesignationEntity = new EntitySchema<ProjectedProviderDesignationRow>({
  name: 'ProjectedProviderDesignation',
  tableName: 'projected_provider_designation',
  columns: {
    partyId: { name: 'party_id', type: 'text', primary: true },
    sharedResourceId: { name: 'shared_resource_id', type: 'text', primary: true },
    effectiveFrom: { name: 'effective_from', type: 'date' },
    recordedAt: { name: 'recorded_at', type: 'timestamptz', nullable: true },
  },
});

/** R-SRP-7: a user's use of a provider's shared resource, effective-dated (endDate is the last day of use). */
export interface ProjectedEngagementRow {
  id: string;
  userPartyId: string;
  providerPartyId: string;
  sharedResourceId: string;
  startDate: string;
  endDate: string | null;
  userNotifiedSscOn: string | null;
  providerNotifiedSscOn: string | null;
  /** When party-registry recorded its start and its end ("as known on"); null: projected before this was kept. */
  startRecordedAt?: Date | null;
  endRecordedAt?: Date | null;
}

export const ProjectedEngagementEntity = new EntitySchema<ProjectedEngagementRow>({
  name: 'ProjectedEngagement',
  tableName: 'projected_engagement',
  columns: {
    id: { type: 'text', primary: true },
    userPartyId: { name: 'user_party_id', type: 'text' },
    providerPartyId: { name: 'provider_party_id', type: 'text' },
    sharedResourceId: { name: 'shared_resource_id', type: 'text' },
    startDate: { name: 'start_date', type: 'date' },
    endDate: { name: 'end_date', type: 'date', nullable: true },
    userNotifiedSscOn: { name: 'user_notified_ssc_on', type: 'date', nullable: true },
    providerNotifiedSscOn: { name: 'provider_notified_ssc_on', type: 'date', nullable: true },
    startRecordedAt: { name: 'start_recorded_at', type: 'timestamptz', nullable: true },
    endRecordedAt: { name: 'end_recorded_at', type: 'timestamptz', nullable: true },
  },
});
