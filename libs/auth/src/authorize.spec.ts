import { GraphQLError } from 'graphql';
import { ACTIONS, POLICY, allowedActions, authorize, isAllowed, isOversight, issueDocumentAction, type Action, type Caller, type Role } from './index';

// The expected permissions, written out independently of POLICY so that a change to the table
// has to be made twice on purpose. 'own' = PARTY_USER only for its own party.
const EXPECTED: Record<Role, { any: Action[]; own: Action[] }> = {
  SECAS_ADMIN: {
    any: [
      'registerParty', 'updateParty', 'recordDomesticPremises', 'registerSharedResource', 'engageSharedResource',
      'endEngagement', 'backDateEngagementEnd', 'recordEngagementNotification', 'readParty', 'readPartyDetails', 'listParties', 'readEngagementReport', 'readPartyHistory', 'scheduleAssessment', 'cancelAssessment',
      'readAssessments', 'readSchedulingOversight', 'readAssessmentLoad', 'previewRuleChange', 'requiredAssessment',
      'readDocumentAsOversight', 'markCopyIssuedInError', 'readNonComplianceCases', 'readProviderNonComplianceCases', 'openElection', 'closeElection', 'sscSeats', 'readElection',
    ],
    own: [],
  },
  SSC_MEMBER: {
    any: [
      'readParty', 'readPartyDetails', 'listParties', 'readEngagementReport', 'readPartyHistory', 'setAssuranceStatus', 'requestFollowUp',
      'overrideAssessmentTiming', 'raiseEventOfDefault', 'directFullAssessment', 'readAssessments', 'readSchedulingOversight', 'readAssessmentLoad', 'previewRuleChange', 'requiredAssessment', 'issueSscOutcome',
      'readDocumentAsOversight', 'decideNonComplianceCase', 'readNonComplianceCases', 'readProviderNonComplianceCases', 'approveNomination', 'declineNomination', 'appointMember', 'sscSeats', 'readElection',
    ],
    own: [],
  },
  USER_CIO: {
    any: [
      'readParty', 'listParties', 'completeFieldwork', 'readAssessments', 'readAssessmentLoad', 'requiredAssessment',
      'issueAssessmentReport', 'sscSeats',
    ],
    own: [],
  },
  PARTY_USER: {
    any: ['requiredAssessment', 'sscSeats', 'readElection'],
    own: [
      'readParty', 'readPartyDetails', 'readEngagementReport', 'readAssessments', 'readSchedulingOversight', 'issueManagementResponse', 'issueRemediationDocument',
      'readDocumentAsRecipient', 'acknowledgeDocument', 'readProviderNonComplianceCases', 'nominate', 'castVote',
    ],
  },
};

const OWN = 'party-1';
const OTHER = 'party-2';

function callerWith(role: Role): Caller {
  return { sub: `someone-${role}`, roles: [role], partyId: role === 'PARTY_USER' ? OWN : null };
}

function expectForbidden(run: () => void): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(GraphQLError);
  expect((thrown as GraphQLError).extensions['code']).toBe('FORBIDDEN');
}

describe('authorize: every action x every role', () => {
  const cases = (Object.keys(EXPECTED) as Role[]).flatMap((role) => ACTIONS.map((action) => [role, action] as const));

  it.each(cases)('%s / %s', (role, action) => {
    const caller = callerWith(role);
    const { any, own } = EXPECTED[role];
    if (any.includes(action)) {
      expect(() => authorize(caller, action, { partyId: OTHER })).not.toThrow();
      expect(() => authorize(caller, action)).not.toThrow();
    } else if (own.includes(action)) {
      expect(() => authorize(caller, action, { partyId: OWN })).not.toThrow();
      expectForbidden(() => authorize(caller, action, { partyId: OTHER }));
      // Without a target, ownership cannot be proven: denied.
      expectForbidden(() => authorize(caller, action));
      expectForbidden(() => authorize(caller, action, { partyId: null }));
    } else {
      expectForbidden(() => authorize(caller, action, { partyId: OWN }));
      expectForbidden(() => authorize(caller, action, { partyId: OTHER }));
    }
  });

  it('has a row for every action and no row for anything else', () => {
    expect(Object.keys(POLICY).sort()).toEqual([...ACTIONS].sort());
  });

  it('allowedActions lists what EXPECTED lists', () => {
    for (const role of Object.keys(EXPECTED) as Role[]) {
      expect(new Set(allowedActions(role))).toEqual(new Set([...EXPECTED[role].any, ...EXPECTED[role].own]));
    }
  });
});

describe('authorize: callers and messages', () => {
  it('names the roles that would be allowed', () => {
    expect(() => authorize(callerWith('PARTY_USER'), 'registerParty')).toThrow(
      'registerParty is not allowed: it requires role SECAS_ADMIN',
    );
    expect(() => authorize(callerWith('USER_CIO'), 'readEngagementReport', { partyId: OWN })).toThrow(
      'role SECAS_ADMIN or SSC_MEMBER, or role PARTY_USER acting for its own party',
    );
  });

  it('a caller with no roles may only use the open queries', () => {
    const nobody: Caller = { sub: 'x', roles: [], partyId: null };
    expect(ACTIONS.filter((action) => isAllowed(nobody, action, { partyId: OWN }))).toEqual([
      'requiredAssessment', 'sscSeats',
    ]);
  });

  it('a caller with several roles gets the union', () => {
    const both: Caller = { sub: 'x', roles: ['USER_CIO', 'PARTY_USER'], partyId: OWN };
    expect(isAllowed(both, 'completeFieldwork')).toBe(true);
    expect(isAllowed(both, 'castVote', { partyId: OWN })).toBe(true);
    expect(isAllowed(both, 'castVote', { partyId: OTHER })).toBe(false);
  });

  it('schema.graphql "own party or oversight": USER_CIO looks any party up (id and name) but reads none of its register details', () => {
    const cio = callerWith('USER_CIO');
    expect(isAllowed(cio, 'readParty', { partyId: OTHER })).toBe(true);
    expect(isAllowed(cio, 'listParties')).toBe(true);
    expect(isAllowed(cio, 'readPartyDetails', { partyId: OTHER })).toBe(false);
    expect(isAllowed(callerWith('PARTY_USER'), 'readPartyDetails', { partyId: OWN })).toBe(true);
    expect(isAllowed(callerWith('PARTY_USER'), 'readPartyDetails', { partyId: OTHER })).toBe(false);
    for (const role of ['SECAS_ADMIN', 'SSC_MEMBER'] as const) expect(isAllowed(callerWith(role), 'readPartyDetails', { partyId: OTHER })).toBe(true);
  });

  it('a PARTY_USER without a partyId owns nothing', () => {
    const broken: Caller = { sub: 'x', roles: ['PARTY_USER'], partyId: null };
    expect(isAllowed(broken, 'readParty', { partyId: OWN })).toBe(false);
  });

  it('denies an action that exists only at runtime', () => {
    expectForbidden(() => authorize(callerWith('SECAS_ADMIN'), 'dropDatabase' as Action));
    expectForbidden(() => authorize(callerWith('SECAS_ADMIN'), '__proto__' as Action));
  });

  it('maps document kinds to issue actions', () => {
    expect(issueDocumentAction('ASSESSMENT_REPORT')).toBe('issueAssessmentReport');
    expect(issueDocumentAction('MANAGEMENT_RESPONSE')).toBe('issueManagementResponse');
    expect(issueDocumentAction('SSC_OUTCOME')).toBe('issueSscOutcome');
    expect(issueDocumentAction('REMEDIATION_PROGRESS')).toBe('issueRemediationDocument');
    expect(issueDocumentAction('REMEDIATION_COMPLETION')).toBe('issueRemediationDocument');
    expect(issueDocumentAction('REMEDIATION_FAILURE')).toBe('issueRemediationDocument');
  });

  it('isOversight is true for SECAS_ADMIN and SSC_MEMBER only', () => {
    expect(isOversight(callerWith('SECAS_ADMIN'))).toBe(true);
    expect(isOversight(callerWith('SSC_MEMBER'))).toBe(true);
    expect(isOversight(callerWith('USER_CIO'))).toBe(false);
    expect(isOversight(callerWith('PARTY_USER'))).toBe(false);
  });
});
