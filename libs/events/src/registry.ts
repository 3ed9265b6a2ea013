// All event definitions in one list, and the types derived from it. Adding an event means: a
// file in its topic folder, one line here, then `nx run events:generate`.
import type { z } from 'zod';
import type { Envelope, EventDefinition } from './envelope';
import * as assessmentScheduling from './assessment-scheduling';
import * as partyRegistry from './party-registry';
import * as reportDistribution from './report-distribution';
import * as sscMembership from './ssc-membership';
import type { TopicName } from './topics';

export const EVENT_DEFINITIONS = [
  partyRegistry.PartyRegistered,
  partyRegistry.PartyUpdated,
  partyRegistry.DomesticPremisesRecorded,
  partyRegistry.SharedResourceRegistered,
  partyRegistry.SharedResourceProviderDesignated,
  partyRegistry.EngagementStarted,
  partyRegistry.EngagementEnded,
  partyRegistry.EngagementNotificationRecorded,
  partyRegistry.UserRoleGained,
  partyRegistry.UserRoleGivenUp,
  assessmentScheduling.AssessmentScheduled,
  assessmentScheduling.FieldworkCompleted,
  assessmentScheduling.AssuranceStatusSet,
  assessmentScheduling.FollowUpRequested,
  assessmentScheduling.ProviderNonCompliant,
  assessmentScheduling.AssessmentTimingOverridden,
  assessmentScheduling.EventOfDefaultRaised,
  assessmentScheduling.NonComplianceCaseOpened,
  assessmentScheduling.NonComplianceCaseDecided,
  assessmentScheduling.NonComplianceCaseUserFlagged,
  assessmentScheduling.AssessmentCancelled,
  reportDistribution.DocumentIssued,
  reportDistribution.DocumentAcknowledged,
  reportDistribution.DocumentRecipientAdded,
  reportDistribution.DocumentRecipientWithdrawn,
  reportDistribution.DocumentCopyIssuedInError,
  reportDistribution.DocumentRecipientRestored,
  sscMembership.ElectionOpened,
  sscMembership.NominationAccepted,
  sscMembership.NominationApproved,
  sscMembership.VoteCast,
  sscMembership.ElectionClosed,
  sscMembership.MemberAppointed,
] as const;

type AnyDefinition = (typeof EVENT_DEFINITIONS)[number];

export type EventType = AnyDefinition['type'];
export type DefinitionOf<T extends EventType> = Extract<AnyDefinition, { type: T }>;
export type EventData<T extends EventType> = z.output<DefinitionOf<T>['data']>;
export type TopicOf<T extends EventType> = DefinitionOf<T>['topic'];
export type SourceOf<T extends EventType> = DefinitionOf<T>['source'];
/** The types that may appear on a topic. */
export type EventTypeOn<Tp extends TopicName> = Extract<AnyDefinition, { topic: Tp }>['type'];

/** A typed envelope; for a union of types, the discriminated union of their envelopes. */
export type EventEnvelope<T extends EventType = EventType> = T extends EventType
  ? Envelope<T, EventData<T>, SourceOf<T>>
  : never;
/** Any event that may appear on a topic (switch on `type` to narrow `data`). */
export type EventOnTopic<Tp extends TopicName> = EventEnvelope<EventTypeOn<Tp>>;

const BY_TYPE: ReadonlyMap<string, EventDefinition> = new Map(
  EVENT_DEFINITIONS.map((definition) => [definition.type, definition as unknown as EventDefinition]),
);

export function isEventType(value: string): value is EventType {
  return BY_TYPE.has(value);
}

export function definitionOf<T extends EventType>(type: T): DefinitionOf<T>;
export function definitionOf(type: string): EventDefinition | undefined;
export function definitionOf(type: string): EventDefinition | undefined {
  return BY_TYPE.get(type);
}
