import { EntitySchema } from 'typeorm';

export const PARTY_CHANGE_KINDS = [
  'PARTY_REGISTERED',
  'PARTY_UPDATED',
  'DOMESTIC_PREMISES_RECORDED',
  'SHARED_RESOURCE_REGISTERED',
  'SHARED_RESOURCE_PROVIDER_DESIGNATED',
  'ENGAGEMENT_STARTED',
  'ENGAGEMENT_ENDED',
  'ENGAGEMENT_NOTIFICATION_RECORDED',
  'USER_ROLE_GAINED',
  'USER_ROLE_GIVEN_UP',
  'PARTY_CONTACT_CHANGED',
] as const;
export type PartyChangeKind = (typeof PARTY_CHANGE_KINDS)[number];

/** Who changed what, when: written in the transaction of the change, next to its event. */
export interface AuditEntryRow {
  /** bigserial: a string in JS. */
  id: string;
  /** Every party the change concerns (e.g. the user and the provider of an engagement). */
  partyIds: string[];
  kind: PartyChangeKind;
  /** The aggregate changed (party, shared resource or engagement). */
  subjectId: string;
  /** The caller's `sub`. */
  actor: string;
  at: Date;
  summary: string;
  eventId: string;
  correlationId: string | null;
}

export const AuditEntryEntity = new EntitySchema<AuditEntryRow>({
  name: 'AuditEntry',
  tableName: 'audit_entry',
  columns: {
    id: { type: 'bigint', primary: true, generated: 'increment' },
    partyIds: { name: 'party_ids', type: 'uuid', array: true },
    kind: { type: 'text' },
    subjectId: { name: 'subject_id', type: 'uuid' },
    actor: { type: 'text' },
    at: { type: 'timestamptz' },
    summary: { type: 'text' },
    eventId: { name: 'event_id', type: 'uuid' },
    correlationId: { name: 'correlation_id', type: 'text', nullable: true },
  },
});
