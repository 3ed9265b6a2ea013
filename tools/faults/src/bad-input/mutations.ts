/** The ids of records that exist, so a bad value in one field is the only thing wrong with an input. */
export interface Fixture {
  partyId: string;
  documentId: string;
  electionId: string;
}

export type Caller = 'SECAS_ADMIN' | 'USER_CIO' | 'PARTY_USER';

export interface MutationUnderTest {
  name: string;
  /** Who may call it, so the probe reaches the input checks rather than stopping at FORBIDDEN. */
  caller?: Caller;
  query: string;
  /** Valid variables: each run corrupts one or two of `fields`. */
  base: (f: Fixture, run: number) => Record<string, unknown>;
  /** Paths into the variables that a run may replace with a bad value. */
  fields: string[][];
}

export const MUTATIONS: MutationUnderTest[] = [
  {
    name: 'registerParty',
    query: 'mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id name } }',
    base: (_f, run) => ({ input: { name: `Bad input probe ${run}`, userRoles: ['OTHER_USER'], domesticPremises: 3, premisesEffectiveFrom: '2024-01-01' } }),
    fields: [['input', 'name'], ['input', 'userRoles'], ['input', 'domesticPremises'], ['input', 'premisesEffectiveFrom'], ['input']],
  },
  {
    name: 'recordDomesticPremises',
    query: 'mutation($partyId: ID!, $count: Int!, $effectiveFrom: Date!) { recordDomesticPremises(partyId: $partyId, count: $count, effectiveFrom: $effectiveFrom) { id } }',
    base: (f) => ({ partyId: f.partyId, count: 250000, effectiveFrom: '2024-03-01' }),
    fields: [['partyId'], ['count'], ['effectiveFrom']],
  },
  {
    name: 'scheduleAssessment',
    query: 'mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id type } }',
    base: (f) => ({ input: { partyId: f.partyId, determinationDate: '2024-06-03', scheduledFor: '2024-09-02' } }),
    fields: [['input', 'partyId'], ['input', 'determinationDate'], ['input', 'scheduledFor']],
  },
  {
    name: 'issueDocument',
    caller: 'USER_CIO',
    query: 'mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id sha256 } }',
    base: (f, run) => ({ input: { subjectPartyId: f.partyId, kind: 'ASSESSMENT_REPORT', title: `Probe report ${run}`, content: 'Findings\n\tnone' } }),
    fields: [['input', 'subjectPartyId'], ['input', 'assessmentId'], ['input', 'kind'], ['input', 'title'], ['input', 'content'], ['input', 'issuedOn']],
  },
  {
    name: 'markCopyIssuedInError',
    query: 'mutation($documentId: ID!, $partyId: ID!, $reason: String!) { markCopyIssuedInError(documentId: $documentId, partyId: $partyId, reason: $reason) { issuedInError } }',
    base: (f) => ({ documentId: f.documentId, partyId: f.partyId, reason: 'Sent to the wrong contact' }),
    fields: [['documentId'], ['partyId'], ['reason']],
  },
  {
    name: 'openElection',
    query: 'mutation($seatKind: SscSeatKind!, $opensOn: Date!, $closesOn: Date!) { openElection(seatKind: $seatKind, opensOn: $opensOn, closesOn: $closesOn) { id } }',
    base: () => ({ seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: '2030-01-06', closesOn: '2030-02-03' }),
    fields: [['seatKind'], ['opensOn'], ['closesOn']],
  },
  {
    name: 'castVote',
    // A party votes for itself; acting for the fixture party, the probe reaches the input checks.
    caller: 'PARTY_USER',
    query: 'mutation($electionId: ID!, $nominationId: ID!, $voterPartyId: ID!) { castVote(electionId: $electionId, nominationId: $nominationId, voterPartyId: $voterPartyId) { id } }',
    base: (f) => ({ electionId: f.electionId, nominationId: '6f1c2a7e-0000-4000-8000-000000000001', voterPartyId: f.partyId }),
    fields: [['electionId'], ['nominationId'], ['voterPartyId']],
  },
];

/** A copy of `value` with `path` replaced by `replacement`. */
export function replaceAt(value: Record<string, unknown>, path: string[], replacement: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const inner = value[head];
  return {
    ...value,
    [head]: rest.length === 0 ? replacement : replaceAt(typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>) : {}, rest, replacement),
  };
}
