import { EntitySchema } from 'typeorm';

// party-registry's and assessment-scheduling's facts as this service needs them, kept from their
// events (never read across). Ids are text: they are other services' opaque ids.

export interface ProjectedPartyRow {
  id: string;
  name: string;
}

export const ProjectedPartyEntity = new EntitySchema<ProjectedPartyRow>({
  name: 'ProjectedParty',
  tableName: 'projected_party',
  columns: {
    id: { type: 'text', primary: true },
    name: { type: 'text' },
  },
});

/** A party known to be a Shared Resource Provider (R-SRP-2..4); kept apart so any event order converges. */
export interface ProjectedProviderRow {
  partyId: string;
}

export const ProjectedProviderEntity = new EntitySchema<ProjectedProviderRow>({
  name: 'ProjectedProvider',
  tableName: 'projected_provider',
  columns: {
    partyId: { name: 'party_id', type: 'text', primary: true },
  },
});

/** R-SRP-7: a user uses a provider from startDate to endDate (null: still engaged). */
export interface ProjectedEngagementRow {
  id: string;
  userPartyId: string;
  providerPartyId: string;
  startDate: string;
  endDate: string | null;
}

export const ProjectedEngagementEntity = new EntitySchema<ProjectedEngagementRow>({
  name: 'ProjectedEngagement',
  tableName: 'projected_engagement',
  columns: {
    id: { type: 'text', primary: true },
    userPartyId: { name: 'user_party_id', type: 'text' },
    providerPartyId: { name: 'provider_party_id', type: 'text' },
    startDate: { name: 'start_date', type: 'date' },
    endDate: { name: 'end_date', type: 'date', nullable: true },
  },
});

export interface ProjectedAssessmentRow {
  id: string;
  partyId: string;
}

export const ProjectedAssessmentEntity = new EntitySchema<ProjectedAssessmentRow>({
  name: 'ProjectedAssessment',
  tableName: 'projected_assessment',
  columns: {
    id: { type: 'text', primary: true },
    partyId: { name: 'party_id', type: 'text' },
  },
});

/** R-PARTY-1, R-DIST-2: the role history, to tell whether an engaged party is a User on an issue date. */
export { ProjectedRoleChangeEntity, type ProjectedRoleChangeRow } from '@sec-assure/events';
