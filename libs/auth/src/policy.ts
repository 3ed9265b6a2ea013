import type { Role } from './roles';

/**
 * Every action a resolver may ask about, named after the contract's operations and reads.
 * Adding an action here without a row in POLICY (or the reverse) does not compile.
 */
export const ACTIONS = [
  // party-registry
  'registerParty',
  'updateParty',
  'recordDomesticPremises',
  'registerSharedResource',
  'engageSharedResource',
  'endEngagement',
  'backDateEngagementEnd',
  'recordEngagementNotification',
  'readParty',
  'readPartyDetails',
  'listParties',
  'readEngagementReport',
  'readPartyHistory',
  // assessment-scheduling
  'scheduleAssessment',
  'completeFieldwork',
  'setAssuranceStatus',
  'requestFollowUp',
  'overrideAssessmentTiming',
  'raiseEventOfDefault',
  'directFullAssessment',
  'cancelAssessment',
  'decideNonComplianceCase',
  'readNonComplianceCases',
  'readProviderNonComplianceCases',
  'readAssessments',
  'readSchedulingOversight',
  'readAssessmentLoad',
  'previewRuleChange',
  'requiredAssessment',
  // report-distribution: issueDocument is split by document kind, see issueDocumentAction()
  'issueAssessmentReport',
  'issueManagementResponse',
  'issueRemediationDocument',
  'issueSscOutcome',
  'readDocumentAsOversight',
  'readDocumentAsRecipient',
  'acknowledgeDocument',
  'markCopyIssuedInError',
  // ssc-membership
  'openElection',
  'closeElection',
  'approveNomination',
  'declineNomination',
  'appointMember',
  'nominate',
  'castVote',
  'sscSeats',
  'readElection',
] as const;

export type Action = (typeof ACTIONS)[number];

/**
 * 'any': the role may act on every party.
 * 'ownParty': only when the target's partyId is the caller's own partyId (PARTY_USER).
 */
export type Scope = 'any' | 'ownParty';

export interface PolicyRule {
  /** One line for people reading the table (docs, `allowedActions` printouts). */
  readonly summary: string;
  /** Open to every authenticated caller, whatever its roles. */
  readonly anyAuthenticated?: true;
  /** Roles not listed are denied. */
  readonly grants: Readonly<Partial<Record<Role, Scope>>>;
}

const ADMIN_ONLY = { SECAS_ADMIN: 'any' } as const;
const OVERSIGHT = { SECAS_ADMIN: 'any', SSC_MEMBER: 'any' } as const;

/**
 * The one authorization table (deny by default). Decisions beyond the contract's wording:
 * - USER_CIO looks every party up (readParty, listParties: its id and name) and reads every party's
 *   assessments and the assessment load (readAssessments, readAssessmentLoad): it assesses every
 *   party and must find the assessments whose fieldwork it completes and reports on (a requirement's
 *   premisesUsed included: the count that decided the band, by which it sizes the fieldwork). Its job
 *   (complete fieldwork, issue ASSESSMENT_REPORT documents) needs nothing else, so it is denied the
 *   rest: a party's register details (readPartyDetails: contact address, User Roles and their
 *   history, Shared Resource Provider designation, premises, resources; schema.graphql "own party or
 *   oversight"), engagements, audit trail and non-compliance cases (R-DEF-1: the SSC's business).
 *   What it learns of who uses whom is what its job needs: the provider a User's assessment relies
 *   on (Assessment.reliesOn, R-SRP-8: it assesses that shared part) and the recipients of an
 *   ASSESSMENT_REPORT it issued (R-DIST-2: it is the originator that provides the copies).
 * - SECAS_ADMIN issues no documents: a document's issuer is evidence of who stated it, so the
 *   administrator must not be able to author a party's response or the SSC's outcome. It reads
 *   every document as oversight.
 * - SECAS_ADMIN does not nominate or vote for a party: the ballot must express the party's own
 *   choice, and an administrator able to vote for any party could decide an election.
 * - Elections are opened and closed (casting vote recorded) by SECAS_ADMIN, who runs them;
 *   nominations are approved and members appointed by SSC_MEMBER.
 */
export const POLICY: Readonly<Record<Action, PolicyRule>> = {
  registerParty: { summary: 'Register a party', grants: ADMIN_ONLY },
  updateParty: { summary: "Change a party's registered details", grants: ADMIN_ONLY },
  recordDomesticPremises: { summary: "Record a party's domestic premises count", grants: ADMIN_ONLY },
  registerSharedResource: { summary: 'Register a shared resource', grants: ADMIN_ONLY },
  engageSharedResource: { summary: 'Record that a user engages a shared resource', grants: ADMIN_ONLY },
  endEngagement: { summary: 'End an engagement', grants: ADMIN_ONLY },
  backDateEngagementEnd: { summary: 'End an engagement on a day before today (R-DIST-7)', grants: ADMIN_ONLY },
  recordEngagementNotification: { summary: "Record when a user or provider notified the SSC of an engagement", grants: ADMIN_ONLY },
  readParty: {
    summary: 'Look a party up by its id: its id and name (every other field is checked on its own)',
    grants: { ...OVERSIGHT, USER_CIO: 'any', PARTY_USER: 'ownParty' },
  },
  readPartyDetails: {
    summary: "Read a party's register details: contact address, User Roles and their history, designation, premises, resources (own party or oversight)",
    grants: { ...OVERSIGHT, PARTY_USER: 'ownParty' },
  },
  listParties: { summary: 'List all parties', grants: { ...OVERSIGHT, USER_CIO: 'any' } },
  readEngagementReport: {
    summary: "Read a party's engagements as user or provider",
    grants: { ...OVERSIGHT, PARTY_USER: 'ownParty' },
  },

  readPartyHistory: { summary: "Read a party's audit trail of changes", grants: OVERSIGHT },

  scheduleAssessment: { summary: 'Schedule an assessment', grants: ADMIN_ONLY },
  completeFieldwork: { summary: 'Record completed fieldwork', grants: { USER_CIO: 'any' } },
  setAssuranceStatus: { summary: 'Set the assurance status of an assessment', grants: { SSC_MEMBER: 'any' } },
  requestFollowUp: { summary: 'Request a follow-up assessment', grants: { SSC_MEMBER: 'any' } },
  // R-SCHED-2: "The SSC may set a different timing": the SSC's decision, as its other directions are.
  overrideAssessmentTiming: { summary: "Override an assessment's timing (R-SCHED-2)", grants: { SSC_MEMBER: 'any' } },
  raiseEventOfDefault: { summary: 'Raise an Event of Default recommendation to the Panel (R-DEF-1)', grants: { SSC_MEMBER: 'any' } },
  directFullAssessment: { summary: 'Direct a FULL assessment of a party, with a reason (R-STATUS-2)', grants: { SSC_MEMBER: 'any' } },
  cancelAssessment: { summary: 'Cancel a scheduled assessment, with a reason (R-STATUS-2)', grants: ADMIN_ONLY },
  decideNonComplianceCase: {
    summary: 'Decide a non-compliance case: recommend an Event of Default or not, with reasons (R-DEF-1)',
    grants: { SSC_MEMBER: 'any' },
  },
  readNonComplianceCases: { summary: 'Read every non-compliance case, with the provider assessment behind it (R-DEF-1)', grants: OVERSIGHT },
  readProviderNonComplianceCases: {
    summary: "Read the non-compliance cases of the providers a party uses: state and decision only, never the provider's assessment (R-DEF-1, R-DIST-4)",
    grants: { ...OVERSIGHT, PARTY_USER: 'ownParty' },
  },
  readAssessments: {
    summary: "Read a party's assessments and next requirement",
    grants: { ...OVERSIGHT, USER_CIO: 'any', PARTY_USER: 'ownParty' },
  },
  // The User CIO books no assessment and sets no timing: deny by default (contract README §2).
  readSchedulingOversight: {
    summary: "Read which parties are due or overdue for scheduling (R-SCHED-1) and the SSC's timing overrides with their reasons (R-SCHED-2)",
    grants: { ...OVERSIGHT, PARTY_USER: 'ownParty' },
  },
  readAssessmentLoad: { summary: 'Read the yearly assessment load', grants: { ...OVERSIGHT, USER_CIO: 'any' } },
  previewRuleChange: { summary: 'Sweep a rule set or a preview over the register: counts and the parties whose type would change (R-SET-5)', grants: OVERSIGHT },
  requiredAssessment: { summary: 'Ask which assessment a what-if party needs', anyAuthenticated: true, grants: {} },

  issueAssessmentReport: { summary: 'Issue an ASSESSMENT_REPORT', grants: { USER_CIO: 'any' } },
  issueManagementResponse: { summary: 'Issue a MANAGEMENT_RESPONSE about its own party', grants: { PARTY_USER: 'ownParty' } },
  issueRemediationDocument: {
    summary: 'Issue a REMEDIATION_PROGRESS/COMPLETION/FAILURE about its own party',
    grants: { PARTY_USER: 'ownParty' },
  },
  issueSscOutcome: { summary: 'Issue an SSC_OUTCOME', grants: { SSC_MEMBER: 'any' } },
  readDocumentAsOversight: { summary: 'Read any document', grants: OVERSIGHT },
  readDocumentAsRecipient: {
    summary: 'Read a document its party is a recipient of',
    grants: { PARTY_USER: 'ownParty' },
  },
  acknowledgeDocument: { summary: "Acknowledge its own party's copy of a document", grants: { PARTY_USER: 'ownParty' } },
  markCopyIssuedInError: { summary: 'Mark a copy of a document issued in error, with a reason (R-DIST-7)', grants: ADMIN_ONLY },

  openElection: { summary: 'Open an SSC election', grants: ADMIN_ONLY },
  closeElection: { summary: 'Close an SSC election (with a casting vote if tied)', grants: ADMIN_ONLY },
  approveNomination: { summary: 'Approve a nomination', grants: { SSC_MEMBER: 'any' } },
  declineNomination: { summary: 'Decline a nominee as not meeting the SEC requirements, with a reason (R-SSC-2)', grants: { SSC_MEMBER: 'any' } },
  appointMember: { summary: "Appoint an election's winner to the SSC", grants: { SSC_MEMBER: 'any' } },
  nominate: { summary: 'Nominate a candidate on behalf of its own party', grants: { PARTY_USER: 'ownParty' } },
  castVote: { summary: 'Vote on behalf of its own party', grants: { PARTY_USER: 'ownParty' } },
  sscSeats: { summary: 'Read SSC seats and members', anyAuthenticated: true, grants: {} },
  // Those who run, oversee or take part in the SSC elections (PARTY_USERs nominate and vote for their
  // parties); the User CIO has no part in them and, deny by default (contract README §2), no read.
  readElection: { summary: 'Read an election', grants: { ...OVERSIGHT, PARTY_USER: 'any' } },
};

/** The contract's DocumentKind values. */
export type DocumentKind =
  | 'ASSESSMENT_REPORT'
  | 'MANAGEMENT_RESPONSE'
  | 'SSC_OUTCOME'
  | 'REMEDIATION_PROGRESS'
  | 'REMEDIATION_COMPLETION'
  | 'REMEDIATION_FAILURE';

const ISSUE_ACTION_BY_KIND: Readonly<Record<DocumentKind, Action>> = {
  ASSESSMENT_REPORT: 'issueAssessmentReport',
  MANAGEMENT_RESPONSE: 'issueManagementResponse',
  SSC_OUTCOME: 'issueSscOutcome',
  REMEDIATION_PROGRESS: 'issueRemediationDocument',
  REMEDIATION_COMPLETION: 'issueRemediationDocument',
  REMEDIATION_FAILURE: 'issueRemediationDocument',
};

/** Which action `issueDocument` must authorize, e.g. authorize(caller, issueDocumentAction(kind), { partyId: subjectPartyId }). */
export function issueDocumentAction(kind: DocumentKind): Action {
  return ISSUE_ACTION_BY_KIND[kind];
}
