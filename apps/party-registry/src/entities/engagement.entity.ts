import { EntitySchema } from 'typeorm';

/** R-SRP-7: a user uses a provider's shared resource from startDate to endDate (its last day). */
export interface EngagementRow {
  id: string;
  userPartyId: string;
  providerPartyId: string;
  sharedResourceId: string;
  startDate: string;
  endDate: string | null;
  userNotifiedSscOn: string | null;
  providerNotifiedSscOn: string | null;
  /** R-SRP-7: when the provider notified the SSC that it lost this user (the engagement's end). */
  providerEndNotifiedSscOn: string | null;
  recordedAt: Date;
}

export const EngagementEntity = new EntitySchema<EngagementRow>({
  name: 'Engagement',
  tableName: 'engagement',
  columns: {
    id: { type: 'uuid', primary: true },
    userPartyId: { name: 'user_party_id', type: 'uuid' },
    providerPartyId: { name: 'provider_party_id', type: 'uuid' },
    sharedResourceId: { name: 'shared_resource_id', type: 'uuid' },
    startDate: { name: 'start_date', type: 'date' },
    endDate: { name: 'end_date', type: 'date', nullable: true },
    userNotifiedSscOn: { name: 'user_notified_ssc_on', type: 'date', nullable: true },
    providerNotifiedSscOn: { name: 'provider_notified_ssc_on', type: 'date', nullable: true },
    providerEndNotifiedSscOn: { name: 'provider_end_notified_ssc_on', type: 'date', nullable: true },
    recordedAt: { name: 'recorded_at', type: 'timestamptz' },
  },
});
