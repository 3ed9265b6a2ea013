import type { EventDefinition } from './envelope';
import { EVENT_DEFINITIONS } from './registry';
import { TOPIC_NAMES, TOPIC_SOURCES } from './topics';

const definitions = EVENT_DEFINITIONS as readonly EventDefinition[];

describe('event registry', () => {
  it('has the topics and types of the contract (README §3)', () => {
    const byTopic = Object.fromEntries(
      TOPIC_NAMES.map((topic) => [topic, definitions.filter((d) => d.topic === topic).map((d) => d.type)]),
    );
    expect(byTopic).toEqual({
      'sec.party-registry.v1': [
        'PartyRegistered',
        'PartyUpdated',
        'DomesticPremisesRecorded',
        'SharedResourceRegistered',
        'SharedResourceProviderDesignated',
        'EngagementStarted',
        'EngagementEnded',
        'EngagementNotificationRecorded',
        'UserRoleGained',
        'UserRoleGivenUp',
      ],
      'sec.assessment-scheduling.v1': [
        'AssessmentScheduled',
        'FieldworkCompleted',
        'AssuranceStatusSet',
        'FollowUpRequested',
        'ProviderNonCompliant',
        'AssessmentTimingOverridden',
        'EventOfDefaultRaised',
        'NonComplianceCaseOpened',
        'NonComplianceCaseDecided',
        'NonComplianceCaseUserFlagged',
        'AssessmentCancelled',
      ],
      'sec.report-distribution.v1': [
        'DocumentIssued',
        'DocumentAcknowledged',
        'DocumentRecipientAdded',
        'DocumentRecipientWithdrawn',
        'DocumentCopyIssuedInError',
        'DocumentRecipientRestored',
      ],
      'sec.ssc-membership.v1': ['ElectionOpened', 'NominationAccepted', 'NominationApproved', 'VoteCast', 'ElectionClosed', 'MemberAppointed'],
    });
  });

  it('has unique types, each published by the owner of its topic', () => {
    expect(new Set(definitions.map((d) => d.type)).size).toBe(definitions.length);
    for (const d of definitions) expect(d.source).toBe(TOPIC_SOURCES[d.topic]);
  });

  it('takes every subject from a required string field of the data', () => {
    for (const d of definitions) {
      expect(Object.keys(d.data.shape)).toContain(d.subjectField);
    }
  });
});
