/* eslint-disable @typescript-eslint/no-explicit-any -- answers and event data are checked field by field against the contract; their shapes are not typed here */
import { requireKafka } from '@sec-assure/events/testing';
import { codeOf } from './contract-client';
import { startSystem, type GraphQLResult, type RunningSystem } from './system';
import { recordTopic, type RecordedMessage, type TopicRecording } from './topic-recorder';
import { seededRandom } from '@sec-assure/rules/testing';
import { addDays } from './calendar';

// RECONCILIATION probe of the contract README §3, as a black-box client with ONLY the contract:
// "Every state change is published, after its database transaction commits, exactly as committed (no event for a
// refused or rolled-back change; no committed change without its event) ... the Kafka key is the id of the aggregate
// ... Consumers are idempotent by id".
//
// A seeded-random workload drives all the mutations of contract.graphql through the gateway with every role that may
// call them, mixed with refused calls (wrong role, bad input, NOT_FOUND, CONFLICT, rule refusals) and concurrent
// duplicates. The four topics are recorded from the start (only events about this run's ids are read: the topics are
// shared). Then:
//   1. every accepted mutation produced exactly one event of each expected type, keyed by its aggregate id, with the
//      envelope fields and data matching what the mutation returned;
//   2. refused mutations produced nothing; concurrent duplicates produced as many events as committed changes;
//   3. a subscriber rebuilding state from the events alone (idempotent by event id) agrees with GraphQL (SECAS_ADMIN);
//   4. per key, events arrive in the order the changes were made.

/** Fixed seed of the workload (RECON_SEED overrides it to explore another workload). */
const SEED = Number(process.env.RECON_SEED ?? 20261206);
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const TODAY = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
const LONG = 600_000;

const PR = 'sec.party-registry.v1';
const AS = 'sec.assessment-scheduling.v1';
const RD = 'sec.report-distribution.v1';
const SM = 'sec.ssc-membership.v1';
const TOPICS = [PR, AS, RD, SM];
const SOURCE: Record<string, string> = { [PR]: 'party-registry', [AS]: 'assessment-scheduling', [RD]: 'report-distribution', [SM]: 'ssc-membership' };
/** The contract's table: each type lives on one topic. */
const CONTRACT_TYPES: Record<string, string[]> = {
  [PR]: ['PartyRegistered', 'DomesticPremisesRecorded', 'SharedResourceRegistered', 'SharedResourceProviderDesignated', 'EngagementStarted', 'EngagementEnded'],
  [AS]: ['AssessmentScheduled', 'FieldworkCompleted', 'AssuranceStatusSet', 'FollowUpRequested', 'ProviderNonCompliant'],
  [RD]: ['DocumentIssued', 'DocumentAcknowledged'],
  [SM]: ['ElectionOpened', 'NominationAccepted', 'VoteCast', 'ElectionClosed', 'MemberAppointed'],
};

// ---------------------------------------------------------------------------------------------------------------------
// Seeded randomness (mulberry32) and calendar helpers
// ---------------------------------------------------------------------------------------------------------------------
const rand = seededRandom(SEED);
const rnd = (n: number): number => Math.floor(rand() * n);
const between = (lo: number, hi: number): number => lo + rnd(hi - lo + 1);
const chance = (p: number): boolean => rand() < p;
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)]!;
const shuffle = <T>(xs: readonly T[]): T[] => {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rnd(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};
const hex = (n: number): string => Array.from({ length: n }, () => rnd(16).toString(16)).join('');
const randomUuid = (): string => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
const dayIn = (from: string, to: string): string => addDays(from, rnd(Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const sorted = (xs: readonly unknown[] | null | undefined): string[] => [...(xs ?? [])].map(String).sort();
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

// ---------------------------------------------------------------------------------------------------------------------
// The mutations (all of contract.graphql's Mutation type), with what each returns
// ---------------------------------------------------------------------------------------------------------------------
const REQUIREMENT = 'type ruleSet category coveredCategories cyclePosition premisesUsed ruleIds premisesKnown explanation';
const ASSESSMENT = `id party { id } type calendarYear scheduledFor scheduledOn directedBySsc state fieldworkCompletedOn assuranceStatus assuranceStatusSetOn nextDueBy charge requirement { ${REQUIREMENT} }`;
const DOCUMENT = 'id kind title subject { id } assessmentId issuedOn sha256 recipients { party { id } acknowledgedAt issuedInError }';
const ELECTION = 'id seatKind state opensOn closesOn candidates { id nomineeName nominatingPartyId approvedBySsc } winner { id nomineeName }';
const M = {
  registerParty: `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id name userRoles isSharedResourceProvider domesticPremises } }`,
  recordDomesticPremises: `mutation($partyId: ID!, $count: Int!, $effectiveFrom: Date!) { recordDomesticPremises(partyId: $partyId, count: $count, effectiveFrom: $effectiveFrom) { id domesticPremises } }`,
  registerSharedResource: `mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id name scope provider { id isSharedResourceProvider } } }`,
  engageSharedResource: `mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id startDate endDate user { id } provider { id } sharedResource { id } } }`,
  endEngagement: `mutation($engagementId: ID!, $endDate: Date!) { endEngagement(engagementId: $engagementId, endDate: $endDate) { id startDate endDate user { id } provider { id } sharedResource { id } } }`,
  scheduleAssessment: `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { ${ASSESSMENT} } }`,
  completeFieldwork: `mutation($assessmentId: ID!, $completedOn: Date!) { completeFieldwork(assessmentId: $assessmentId, completedOn: $completedOn) { ${ASSESSMENT} } }`,
  setAssuranceStatus: `mutation($assessmentId: ID!, $status: AssuranceStatus!, $setOn: Date!, $conditions: String) { setAssuranceStatus(assessmentId: $assessmentId, status: $status, setOn: $setOn, conditions: $conditions) { ${ASSESSMENT} } }`,
  requestFollowUp: `mutation($partyId: ID!, $reason: String!, $scheduledFor: Date!) { requestFollowUp(partyId: $partyId, reason: $reason, scheduledFor: $scheduledFor) { ${ASSESSMENT} } }`,
  directFullAssessment: `mutation($partyId: ID!, $reason: String!, $scheduledFor: Date!) { directFullAssessment(partyId: $partyId, reason: $reason, scheduledFor: $scheduledFor) { ${ASSESSMENT} } }`,
  cancelAssessment: `mutation($assessmentId: ID!, $reason: String!) { cancelAssessment(assessmentId: $assessmentId, reason: $reason) { ${ASSESSMENT} } }`,
  issueDocument: `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { ${DOCUMENT} } }`,
  acknowledgeDocument: `mutation($documentId: ID!) { acknowledgeDocument(documentId: $documentId) { party { id } acknowledgedAt issuedInError } }`,
  markCopyIssuedInError: `mutation($documentId: ID!, $partyId: ID!, $reason: String!) { markCopyIssuedInError(documentId: $documentId, partyId: $partyId, reason: $reason) { party { id } acknowledgedAt issuedInError } }`,
  openElection: `mutation($seatKind: SscSeatKind!, $opensOn: Date!, $closesOn: Date!) { openElection(seatKind: $seatKind, opensOn: $opensOn, closesOn: $closesOn) { ${ELECTION} } }`,
  nominate: `mutation($input: NominationInput!) { nominate(input: $input) { id nomineeName nominatingPartyId approvedBySsc } }`,
  castVote: `mutation($electionId: ID!, $nominationId: ID!, $voterPartyId: ID!) { castVote(electionId: $electionId, nominationId: $nominationId, voterPartyId: $voterPartyId) { id state } }`,
  closeElection: `mutation($electionId: ID!, $castingVoteNominationId: ID) { closeElection(electionId: $electionId, castingVoteNominationId: $castingVoteNominationId) { ${ELECTION} } }`,
  appointMember: `mutation($electionId: ID!, $impartialityDeclared: Boolean!) { appointMember(electionId: $electionId, impartialityDeclared: $impartialityDeclared) { id name seatKind partyId impartialityDeclared termEndsOn } }`,
} as const;
type Op = keyof typeof M;

type Role = 'SECAS_ADMIN' | 'SSC_MEMBER' | 'USER_CIO' | 'PARTY_USER' | 'ANONYMOUS';
interface Who {
  role: Role;
  partyId?: string;
}
/** Who may call each mutation (contract README §2), for the wrong-role refusals. */
const ALLOWED: Record<Op, Role[]> = {
  registerParty: ['SECAS_ADMIN'],
  recordDomesticPremises: ['SECAS_ADMIN'],
  registerSharedResource: ['SECAS_ADMIN'],
  engageSharedResource: ['SECAS_ADMIN'],
  endEngagement: ['SECAS_ADMIN'],
  scheduleAssessment: ['SECAS_ADMIN'],
  completeFieldwork: ['USER_CIO'],
  setAssuranceStatus: ['SSC_MEMBER'],
  requestFollowUp: ['SSC_MEMBER'],
  directFullAssessment: ['SSC_MEMBER'],
  cancelAssessment: ['SECAS_ADMIN'],
  issueDocument: ['USER_CIO', 'SSC_MEMBER', 'PARTY_USER'],
  acknowledgeDocument: ['PARTY_USER'],
  markCopyIssuedInError: ['SECAS_ADMIN'],
  openElection: ['SECAS_ADMIN'],
  nominate: ['PARTY_USER'],
  castVote: ['PARTY_USER'],
  closeElection: ['SECAS_ADMIN'],
  appointMember: ['SSC_MEMBER'],
};

// ---------------------------------------------------------------------------------------------------------------------
// Expected events and a subset matcher for their data
// ---------------------------------------------------------------------------------------------------------------------
/** An unordered list (ids, roles, categories). */
const SET = (xs: readonly unknown[]) => ({ __set: sorted(xs) });
/** Every one of these ids is in the list (the caller saw only part of it). */
const SUPERSET = (xs: readonly unknown[]) => ({ __superset: sorted(xs) });
/** One of these values (which one a race decides). */
const ONE_OF = (xs: readonly unknown[]) => ({ __oneOf: xs });
/** When the field is present it must equal this. */
const OPT = (v: unknown) => ({ __opt: v });

function dataMismatches(exp: any, act: any, path: string): string[] {
  if (exp !== null && typeof exp === 'object' && '__opt' in exp) return act === undefined ? [] : dataMismatches(exp.__opt, act, path);
  if (exp !== null && typeof exp === 'object' && '__oneOf' in exp) {
    return (exp.__oneOf as unknown[]).some((x) => same(x, act)) ? [] : [`${path}: expected one of ${JSON.stringify(exp.__oneOf)}, got ${JSON.stringify(act)}`];
  }
  if (exp !== null && typeof exp === 'object' && '__set' in exp) {
    return Array.isArray(act) && same(sorted(act), exp.__set) ? [] : [`${path}: expected set ${JSON.stringify(exp.__set)}, got ${JSON.stringify(act)}`];
  }
  if (exp !== null && typeof exp === 'object' && '__superset' in exp) {
    return Array.isArray(act) && (exp.__superset as string[]).every((x) => act.map(String).includes(x)) ? [] : [`${path}: expected to contain ${JSON.stringify(exp.__superset)}, got ${JSON.stringify(act)}`];
  }
  if (Array.isArray(exp)) {
    if (!Array.isArray(act) || act.length !== exp.length) return [`${path}: expected ${JSON.stringify(exp)}, got ${JSON.stringify(act)}`];
    return exp.flatMap((e, i) => dataMismatches(e, act[i], `${path}[${i}]`));
  }
  if (exp !== null && typeof exp === 'object') {
    if (act === null || typeof act !== 'object') return [`${path}: expected an object, got ${JSON.stringify(act)}`];
    return Object.entries(exp).flatMap(([k, v]) => dataMismatches(v, act[k], `${path}.${k}`));
  }
  return exp === act ? [] : [`${path}: expected ${JSON.stringify(exp)}, got ${JSON.stringify(act)}`];
}

interface Expected {
  topic: string;
  type: string;
  /** The aggregate id the event must be keyed by; null: the key is the id named by `subjectField` in its data. */
  subject: string | null;
  subjectField?: string;
  data: Record<string, unknown>;
  /** May be absent (an event beyond the contract's table that the system publishes only sometimes). */
  optional?: boolean;
}

interface Call {
  seq: number;
  op: Op;
  who: Who;
  vars: Record<string, unknown>;
  intent: 'valid' | 'refused' | 'duplicate';
  /** For a refusal: the codes the contract or rules name for it. */
  expectCodes?: string[];
  why?: string;
  group?: string;
  t0: number;
  t1: number;
  result: GraphQLResult<Record<string, unknown>>;
  accepted: boolean;
  code?: string;
  data?: any;
  expected: Expected[];
}

interface Event {
  topic: string;
  key: string | null;
  arrival: number;
  message: RecordedMessage;
  e: { id: string; type: string; version: unknown; occurredAt: string; source: string; subject: string; data: any };
}

describe('contract only: events reconcile with the committed state (README §3: after commit, exactly as committed, keyed by aggregate, idempotent by id)', () => {
  let system: RunningSystem;
  const rec: Record<string, TopicRecording> = {};
  const tokens = new Map<string, string>();
  const calls: Call[] = [];
  let seq = 0;
  /** Every id this run created (accepted mutations' results). */
  const mine = new Set<string>();
  /** Markers of refused creations whose event would carry no id of ours. */
  const refusedMarkers: Array<(e: Event) => boolean> = [];
  const progress: string[] = [];

  // What the workload knows (to say which events a change must publish).
  const srp = new Set<string>(); // parties designated Shared Resource Providers
  const assessmentParty = new Map<string, string>();
  const followable = new Map<string, string>(); // party -> its latest DEFERRED / REJECTED assessment
  const dupGroups: Array<{ group: string; op: Op; calls: Call[]; check: () => Promise<string[]> }> = [];

  // Results of the reconciliation, computed once in beforeAll.
  let events: Event[] = [];
  let distinct: Event[] = [];
  const missing: string[] = [];
  const badData: string[] = [];
  const envelope: string[] = [];
  const spurious: string[] = [];
  /** Changes the system makes itself, by a rule, after a race: an end moved to the day of a copy issued meanwhile (R-DIST-7). */
  const endsMovedByRule: Array<{ engagementId: string; endDate: string }> = [];
  const matchOf = new Map<string, Call>(); // event id -> call

  const token = async (who: Who): Promise<string | null> => {
    if (who.role === 'ANONYMOUS') return null;
    const k = `${who.role}:${who.partyId ?? ''}`;
    if (!tokens.has(k)) tokens.set(k, await system.token(who.role, who.partyId));
    return tokens.get(k)!;
  };
  const ADMIN: Who = { role: 'SECAS_ADMIN' };
  const SSC: Who = { role: 'SSC_MEMBER' };
  const CIO: Who = { role: 'USER_CIO' };
  const PARTY = (partyId: string): Who => ({ role: 'PARTY_USER', partyId });

  async function gql(who: Who, query: string, variables: Record<string, unknown>): Promise<GraphQLResult<Record<string, unknown>>> {
    return system.query(await token(who), query, variables);
  }
  async function read(query: string, variables: Record<string, unknown> = {}): Promise<any> {
    const r = await gql(ADMIN, query, variables);
    if (r.errors) throw new Error(`read failed: ${r.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ')}`);
    return r.data;
  }

  /** The events an accepted mutation must publish (contract table; data as the mutation returned it). */
  function expectFor(op: Op, v: any, d: any, who: Who): Expected[] {
    const requirement = (a: any) => ({
      type: a.requirement.type,
      ruleSet: a.requirement.ruleSet,
      category: a.requirement.category,
      coveredCategories: SET(a.requirement.coveredCategories),
      cyclePosition: a.requirement.cyclePosition,
      premisesUsed: a.requirement.premisesUsed,
      premisesKnown: a.requirement.premisesKnown,
      ruleIds: SET(a.requirement.ruleIds),
      explanation: a.requirement.explanation,
    });
    const scheduled = (a: any, extra: Record<string, unknown> = {}): Expected => ({
      topic: AS,
      type: 'AssessmentScheduled',
      subject: a.id,
      data: {
        assessmentId: a.id,
        partyId: a.party.id,
        type: a.type,
        calendarYear: a.calendarYear,
        scheduledFor: a.scheduledFor,
        scheduledOn: a.scheduledOn,
        directedBySsc: a.directedBySsc,
        // Assessment.charge is in pence (contract); the event carries pence as chargePence (its `charge` is in pounds).
        chargePence: a.charge,
        requirement: requirement(a),
        ...extra,
      },
    });
    switch (op) {
      case 'registerParty':
        return [
          {
            topic: PR,
            type: 'PartyRegistered',
            subject: d.id,
            data: {
              partyId: d.id,
              name: d.name,
              userRoles: SET(d.userRoles),
              isSharedResourceProvider: d.isSharedResourceProvider,
              domesticPremises:
                v.input.domesticPremises === undefined ? null : { count: d.domesticPremises, ...(v.input.premisesEffectiveFrom ? { effectiveFrom: v.input.premisesEffectiveFrom } : {}) },
            },
          },
        ];
      case 'recordDomesticPremises':
        return [{ topic: PR, type: 'DomesticPremisesRecorded', subject: d.id, data: { partyId: d.id, count: v.count, effectiveFrom: v.effectiveFrom } }];
      case 'registerSharedResource': {
        const out: Expected[] = [
          {
            topic: PR,
            type: 'SharedResourceRegistered',
            subject: d.id,
            data: { sharedResourceId: d.id, name: d.name, scope: d.scope, providerPartyId: d.provider.id, availableFrom: v.input.availableFrom ?? TODAY },
          },
        ];
        const qualifies = v.input.scope === 'WHOLE_USER_SYSTEM' || v.input.optInAsProvider === true;
        if (qualifies && !srp.has(d.provider.id)) {
          out.push({ topic: PR, type: 'SharedResourceProviderDesignated', subject: d.provider.id, data: { partyId: d.provider.id, sharedResourceId: d.id, effectiveFrom: v.input.availableFrom ?? TODAY } });
        }
        return out;
      }
      case 'engageSharedResource':
        return [
          {
            topic: PR,
            type: 'EngagementStarted',
            subject: d.id,
            data: {
              engagementId: d.id,
              userPartyId: d.user.id,
              providerPartyId: d.provider.id,
              sharedResourceId: d.sharedResource.id,
              startDate: d.startDate,
              userNotifiedSscOn: OPT(v.input.userNotifiedSscOn ?? null),
              providerNotifiedSscOn: OPT(v.input.providerNotifiedSscOn ?? null),
            },
          },
        ];
      case 'endEngagement':
        return [{ topic: PR, type: 'EngagementEnded', subject: d.id, data: { engagementId: d.id, endDate: d.endDate, userPartyId: OPT(d.user.id), providerPartyId: OPT(d.provider.id) } }];
      case 'scheduleAssessment':
        return [scheduled(d, { determinationDate: OPT(v.input.determinationDate) })];
      case 'directFullAssessment':
        return [scheduled(d, { reason: OPT(v.reason) })];
      case 'requestFollowUp':
        return [
          scheduled(d, { reason: OPT(v.reason) }),
          {
            topic: AS,
            type: 'FollowUpRequested',
            subject: followable.get(v.partyId) ?? null,
            subjectField: 'assessmentId',
            data: { partyId: v.partyId, reason: v.reason, scheduledFor: d.scheduledFor, followUpAssessmentId: d.id },
          },
        ];
      case 'completeFieldwork':
        return [{ topic: AS, type: 'FieldworkCompleted', subject: d.id, data: { assessmentId: d.id, partyId: d.party.id, completedOn: d.fieldworkCompletedOn } }];
      case 'setAssuranceStatus': {
        const out: Expected[] = [
          {
            topic: AS,
            type: 'AssuranceStatusSet',
            subject: d.id,
            data: { assessmentId: d.id, partyId: d.party.id, status: d.assuranceStatus, setOn: d.assuranceStatusSetOn, nextDueBy: d.nextDueBy, conditions: OPT(v.conditions ?? null) },
          },
        ];
        if (srp.has(d.party.id) && (d.assuranceStatus === 'DEFERRED' || d.assuranceStatus === 'REJECTED')) {
          out.push({ topic: AS, type: 'ProviderNonCompliant', subject: d.id, data: { assessmentId: d.id, providerPartyId: d.party.id, status: d.assuranceStatus } });
          // Beyond the table (observed): R-DEF-1's case, keyed by the case's own id.
          out.push({ topic: AS, type: 'NonComplianceCaseOpened', subject: null, subjectField: 'caseId', data: { assessmentId: d.id, providerPartyId: d.party.id }, optional: true });
        }
        return out;
      }
      case 'cancelAssessment':
        // Not in the table ("at least"): a cancellation is a state change, so it has its event.
        return [{ topic: AS, type: 'AssessmentCancelled', subject: d.id, data: { assessmentId: d.id, partyId: d.party.id, reason: v.reason } }];
      case 'issueDocument':
        return [
          {
            topic: RD,
            type: 'DocumentIssued',
            subject: d.id,
            data: {
              documentId: d.id,
              kind: d.kind,
              title: d.title,
              sha256: d.sha256,
              issuedOn: d.issuedOn,
              subjectPartyId: d.subject.id,
              assessmentId: d.assessmentId ?? null,
              // A party user sees only its own row of the recipients (contract: "a party user sees only its own row").
              recipientPartyIds: who.role === 'PARTY_USER' ? SUPERSET(d.recipients.map((r: any) => r.party.id)) : SET(d.recipients.map((r: any) => r.party.id)),
            },
          },
        ];
      case 'acknowledgeDocument':
        return [{ topic: RD, type: 'DocumentAcknowledged', subject: v.documentId, data: { documentId: v.documentId, partyId: d.party.id, acknowledgedAt: d.acknowledgedAt } }];
      case 'markCopyIssuedInError':
        // Not in the table ("at least"): R-DIST-7's mark is a state change, so it has its event.
        return [{ topic: RD, type: 'DocumentCopyIssuedInError', subject: v.documentId, data: { documentId: v.documentId, partyId: d.party.id, reason: v.reason } }];
      case 'openElection':
        return [{ topic: SM, type: 'ElectionOpened', subject: d.id, data: { electionId: d.id, seatKind: d.seatKind, opensOn: d.opensOn, closesOn: d.closesOn } }];
      case 'nominate':
        return [{ topic: SM, type: 'NominationAccepted', subject: v.input.electionId, data: { electionId: v.input.electionId, nominationId: d.id, nomineeName: d.nomineeName, nominatingPartyId: d.nominatingPartyId } }];
      case 'castVote':
        return [{ topic: SM, type: 'VoteCast', subject: d.id, data: { electionId: d.id, voterPartyId: v.voterPartyId, nominationId: OPT(v.nominationId) } }];
      case 'closeElection':
        return [{ topic: SM, type: 'ElectionClosed', subject: d.id, data: { electionId: d.id, winnerNominationId: d.winner?.id ?? null } }];
      case 'appointMember':
        return [
          {
            topic: SM,
            type: 'MemberAppointed',
            subject: d.id,
            data: { memberId: d.id, electionId: v.electionId, name: d.name, seatKind: d.seatKind, partyId: d.partyId ?? null, impartialityDeclared: d.impartialityDeclared, termEndsOn: d.termEndsOn },
          },
          // Beyond the table (observed): the SSC's approval of the winner (Nomination.approvedBySsc), keyed by the election.
          { topic: SM, type: 'NominationApproved', subject: v.electionId, data: { electionId: v.electionId } },
        ];
    }
  }

  /** Ids a result makes ours (so that events about them are read). */
  function collectIds(d: any): void {
    if (d === null || d === undefined) return;
    if (Array.isArray(d)) return d.forEach(collectIds);
    if (typeof d === 'object') {
      for (const [k, v] of Object.entries(d)) {
        if ((k === 'id' || k.endsWith('Id')) && typeof v === 'string' && UUID.test(v)) mine.add(v);
        else collectIds(v);
      }
    }
  }

  /** Learns what an accepted change means for the events of later ones. */
  function learn(op: Op, v: any, d: any): void {
    if (op === 'registerSharedResource' && (v.input.scope === 'WHOLE_USER_SYSTEM' || v.input.optInAsProvider === true)) srp.add(d.provider.id);
    if (['scheduleAssessment', 'directFullAssessment', 'requestFollowUp', 'completeFieldwork', 'setAssuranceStatus', 'cancelAssessment'].includes(op)) assessmentParty.set(d.id, d.party.id);
    if (op === 'setAssuranceStatus' && (d.assuranceStatus === 'DEFERRED' || d.assuranceStatus === 'REJECTED')) followable.set(d.party.id, d.id);
  }

  async function send(op: Op, who: Who, vars: Record<string, unknown>, opts: { intent?: Call['intent']; codes?: string[]; why?: string; group?: string; seq?: number } = {}): Promise<Call> {
    const call: Call = {
      seq: opts.seq ?? ++seq,
      op,
      who,
      vars,
      intent: opts.intent ?? (opts.codes ? 'refused' : 'valid'),
      expectCodes: opts.codes,
      why: opts.why,
      group: opts.group,
      t0: Date.now(),
      t1: 0,
      result: { status: 0 },
      accepted: false,
      expected: [],
    };
    call.result = await gql(who, M[op], vars);
    call.t1 = Date.now();
    call.accepted = !call.result.errors && Boolean(call.result.data?.[op]);
    call.code = codeOf(call.result);
    if (call.accepted) {
      call.data = call.result.data![op];
      collectIds(call.data);
      if (call.intent !== 'duplicate') {
        call.expected = expectFor(op, vars, call.data, who);
        learn(op, vars, call.data);
      }
    }
    calls.push(call);
    return call;
  }
  /** A valid step the workload depends on. */
  async function must(op: Op, who: Who, vars: Record<string, unknown>): Promise<any> {
    const c = await send(op, who, vars);
    if (!c.accepted) throw new Error(`workload step ${op} ${JSON.stringify(vars)} as ${who.role} refused: ${JSON.stringify(c.result.errors)}`);
    return c.data;
  }
  /** A step expected to be refused with one of `codes`. */
  const refuse = (op: Op, who: Who, vars: Record<string, unknown>, codes: string[], why: string) => send(op, who, vars, { codes, why });
  /** A wrong-role refusal: a random role that may not call `op`. */
  function wrongRole(op: Op, parties: string[]): Who {
    const roles = (['SECAS_ADMIN', 'SSC_MEMBER', 'USER_CIO', 'PARTY_USER'] as Role[]).filter((r) => !ALLOWED[op].includes(r));
    const role = pick(roles);
    return role === 'PARTY_USER' ? PARTY(pick(parties)) : { role };
  }
  /**
   * The same mutation sent `n` times at once. Accepted answers naming the same committed change (same id and same
   * state) count once; the group's own check says how many changes were committed.
   */
  async function duplicate(op: Op, who: Who, vars: Record<string, unknown>, n: number, loserCodes: string[], identity: (d: any) => string, check: (cs: Call[]) => Promise<string[]>) {
    const group = `${op}#${dupGroups.length + 1}`;
    const s = ++seq;
    const cs = await Promise.all(Array.from({ length: n }, () => send(op, who, vars, { intent: 'duplicate', group, seq: s, codes: loserCodes })));
    const seen = new Set<string>();
    for (const c of cs.filter((x) => x.accepted)) {
      const id = identity(c.data);
      if (seen.has(id)) continue;
      seen.add(id);
      c.expected = expectFor(op, vars, c.data, who);
      learn(op, vars, c.data);
    }
    dupGroups.push({ group, op, calls: cs, check: () => check(cs) });
    return cs;
  }

  /**
   * Different changes of one aggregate sent at once: whichever commit, the events must say exactly what was committed,
   * and a subscriber must end where the reads end (test 3).
   */
  async function race(label: string, items: Array<{ op: Op; who: Who; vars: Record<string, unknown>; codes: string[] }>, check: (cs: Call[]) => Promise<string[]> = async () => []) {
    const group = `race: ${label}`;
    const s = ++seq;
    const cs = await Promise.all(items.map((it) => send(it.op, it.who, it.vars, { intent: 'duplicate', group, seq: s, codes: it.codes })));
    for (const c of cs.filter((x) => x.accepted)) {
      c.expected = expectFor(c.op, c.vars, c.data, c.who);
      learn(c.op, c.vars, c.data);
    }
    dupGroups.push({ group, op: items[0]!.op, calls: cs, check: () => check(cs) });
    return cs;
  }
  const raceFindings: string[] = [];

  // -------------------------------------------------------------------------------------------------------------------
  // The workload
  // -------------------------------------------------------------------------------------------------------------------
  const ROLES = ['IMPORT_SUPPLIER', 'EXPORT_SUPPLIER', 'GAS_SUPPLIER', 'ELECTRICITY_DISTRIBUTOR', 'GAS_TRANSPORTER', 'OTHER_USER'];
  const w = {
    voters: [] as string[], // providers with no role or OTHER_USER only: the SRP electorate
    supplierProvider: '',
    lateProvider: '',
    nobody: '',
    users: [] as string[],
    dual: '',
    fresh: '',
    loner: '',
    roles: new Map<string, string[]>(),
    hubs: new Map<string, { id: string; availableFrom: string }>(), // provider -> its WHOLE (or opted-in) resource
    engagements: [] as Array<{ id: string; user: string; provider: string; startDate: string }>,
    lastDet: new Map<string, string>(),
    assessments: [] as Array<{ id: string; party: string; state: string; scheduledFor: string; completedOn?: string }>,
    documents: [] as Array<{ id: string; subject: string; recipients: string[] }>,
    elections: [] as string[],
  };

  async function workload(): Promise<void> {
    const allParties = () => [...w.voters, w.supplierProvider, w.lateProvider, w.nobody, ...w.users].filter(Boolean);
    const name = (label: string) => `${label} ${run}`;
    const registerParty = async (label: string, roles: string[], premises?: number, from?: string) => {
      const input: Record<string, unknown> = { name: name(label), userRoles: roles };
      if (premises !== undefined) input.domesticPremises = premises;
      if (premises !== undefined && from !== undefined) input.premisesEffectiveFrom = from;
      const d = await must('registerParty', ADMIN, { input });
      w.roles.set(d.id, roles);
      return d.id as string;
    };

    // ---- parties -----------------------------------------------------------------------------------------------
    const nVoters = between(3, 4);
    for (let i = 0; i < nVoters; i++) w.voters.push(await registerParty(`R voter provider ${i}`, chance(0.5) ? [] : ['OTHER_USER'], chance(0.5) ? between(0, 50_000) : undefined, '2019-01-01'));
    w.supplierProvider = await registerParty('R supplier provider', ['GAS_SUPPLIER'], between(1_000, 200_000), '2019-01-01');
    w.lateProvider = await registerParty('R late provider', []);
    w.nobody = await registerParty('R nobody', []);
    const nUsers = nVoters + between(2, 3);
    for (let i = 0; i < nUsers; i++) {
      const roles = shuffle(ROLES).slice(0, between(1, 2));
      const r = rnd(10);
      const premises = r < 7 ? between(0, 400_000) : r < 8 ? between(0, 400_000) : undefined;
      const from = r < 7 ? dayIn('2019-01-01', '2020-06-30') : undefined; // r == 7: a count with no date (registration day)
      w.users.push(await registerParty(`R user ${i}`, roles, premises, from));
    }
    w.dual = w.users[0]!;
    w.fresh = w.users[w.users.length - 1]!;
    w.loner = w.users[w.users.length - 2]!;
    progress.push(`parties: ${allParties().length}`);

    // refusals of registerParty
    await refuse('registerParty', wrongRole('registerParty', allParties()), { input: { name: name('R refused by role'), userRoles: [] } }, ['FORBIDDEN'], 'wrong role');
    await refuse('registerParty', ADMIN, { input: { name: '', userRoles: ['OTHER_USER'] } }, ['BAD_USER_INPUT'], 'empty name');
    await refuse('registerParty', { role: 'ANONYMOUS' }, { input: { name: name('R anonymous'), userRoles: [] } }, ['UNAUTHENTICATED'], 'no token');
    await refuse('registerParty', ADMIN, { input: { name: `${name('R long')} ${'x'.repeat(200)}`, userRoles: [] } }, ['BAD_USER_INPUT'], 'name over 200 characters');
    await refuse('registerParty', ADMIN, { input: { name: name('R negative premises'), userRoles: ['GAS_SUPPLIER'], domesticPremises: -between(1, 100), premisesEffectiveFrom: '2020-01-01' } }, ['BAD_USER_INPUT'], 'negative premises');
    await refuse('registerParty', ADMIN, { input: { name: name('R user 1'), userRoles: ['OTHER_USER'] } }, ['CONFLICT'], 'name taken');
    // concurrent: the same registration 3-5 times at once
    const dupName = name('R concurrent registration');
    await duplicate(
      'registerParty',
      ADMIN,
      { input: { name: dupName, userRoles: ['OTHER_USER'], domesticPremises: 10, premisesEffectiveFrom: '2020-01-01' } },
      between(3, 5),
      ['CONFLICT'],
      (d) => d.id,
      async (cs) => {
        const ok = cs.filter((c) => c.accepted);
        const list = (await read(`query { parties(first: 500) { id name } }`)).parties.filter((p: { name: string }) => p.name === dupName);
        const evs = distinct.filter((e) => e.e.type === 'PartyRegistered' && e.e.data?.name === dupName);
        return [
          ...(ok.length === 1 ? [] : [`${ok.length} of ${cs.length} accepted (want exactly 1; the others CONFLICT)`]),
          ...(list.length === 1 ? [] : [`${list.length} parties named ${dupName} (want 1)`]),
          ...(evs.length === list.length ? [] : [`${evs.length} PartyRegistered events for ${list.length} committed parties`]),
        ];
      },
    );

    // ---- premises history ----------------------------------------------------------------------------------------
    for (const u of shuffle(w.users)) {
      for (let k = between(0, 2); k > 0; k--) {
        await must('recordDomesticPremises', ADMIN, { partyId: u, count: between(0, 400_000), effectiveFrom: dayIn('2019-07-01', '2025-12-31') });
      }
    }
    await refuse('recordDomesticPremises', ADMIN, { partyId: randomUuid(), count: 5, effectiveFrom: '2021-01-01' }, ['NOT_FOUND'], 'unknown party');
    await refuse('recordDomesticPremises', ADMIN, { partyId: pick(w.users), count: -between(1, 9), effectiveFrom: '2021-01-01' }, ['BAD_USER_INPUT'], 'negative count');
    await refuse('recordDomesticPremises', wrongRole('recordDomesticPremises', allParties()), { partyId: pick(w.users), count: 7, effectiveFrom: '2021-01-01' }, ['FORBIDDEN'], 'wrong role');

    // ---- shared resources ----------------------------------------------------------------------------------------
    const resource = async (provider: string, label: string, scope: string, availableFrom: string, optInAsProvider?: boolean) => {
      const input: Record<string, unknown> = { name: name(label), scope, providerPartyId: provider, availableFrom };
      if (optInAsProvider !== undefined) input.optInAsProvider = optInAsProvider;
      const d = await must('registerSharedResource', ADMIN, { input });
      return d.id as string;
    };
    for (const [i, p] of w.voters.entries()) {
      const from = dayIn('2019-06-01', '2020-06-01');
      w.hubs.set(p, { id: await resource(p, `R hub ${i}`, 'WHOLE_USER_SYSTEM', from), availableFrom: from });
    }
    w.hubs.set(w.supplierProvider, { id: await resource(w.supplierProvider, 'R supplier hub', 'WHOLE_USER_SYSTEM', '2020-01-01'), availableFrom: '2020-01-01' });
    w.hubs.set(w.lateProvider, { id: await resource(w.lateProvider, 'R late hub', 'WHOLE_USER_SYSTEM', '2026-03-02'), availableFrom: '2026-03-02' });
    w.hubs.set(w.dual, { id: await resource(w.dual, 'R dual UTRN service', 'PART_OF_USER_SYSTEM', '2020-03-01', true), availableFrom: '2020-03-01' });
    const notOpted = w.users[1]!;
    const notOptedRes = await resource(notOpted, 'R part not opted in', 'PART_OF_USER_SYSTEM', '2020-03-01', false);
    await refuse('registerSharedResource', ADMIN, { input: { name: name('R orphan hub'), scope: 'WHOLE_USER_SYSTEM', providerPartyId: randomUuid() } }, ['NOT_FOUND'], 'unknown provider (R-SRP-3)');
    await refuse('registerSharedResource', wrongRole('registerSharedResource', allParties()), { input: { name: name('R hub by role'), scope: 'WHOLE_USER_SYSTEM', providerPartyId: w.nobody } }, ['FORBIDDEN'], 'wrong role');
    await refuse('registerSharedResource', ADMIN, { input: { name: '', scope: 'WHOLE_USER_SYSTEM', providerPartyId: w.nobody } }, ['BAD_USER_INPUT'], 'empty name');

    // ---- engagements ---------------------------------------------------------------------------------------------
    const engage = async (user: string, provider: string, resourceId: string, startDate: string, notices = true) => {
      const input: Record<string, unknown> = { userPartyId: user, sharedResourceId: resourceId, startDate };
      if (notices && chance(0.5)) input.userNotifiedSscOn = addDays(startDate, between(0, 20));
      if (notices && chance(0.3)) input.providerNotifiedSscOn = addDays(startDate, between(0, 30));
      const d = await must('engageSharedResource', ADMIN, { input });
      w.engagements.push({ id: d.id, user, provider, startDate });
      // Each copy an engagement delivers (R-DIST-2 / R-DIST-5: GraphQL shows the user as a new recipient) is a change
      // of report-distribution: one DocumentRecipientAdded (observed; beyond the table) per copy, keyed by the document.
      const engCall = calls[calls.length - 1]!;
      for (const doc of w.documents.filter((x) => x.subject === provider)) {
        const now = (await read(`query($id: ID!) { document(id: $id) { recipients { party { id } } } }`, { id: doc.id })).document;
        if (now.recipients.some((r: any) => r.party.id === user) && !doc.recipients.includes(user)) {
          doc.recipients.push(user);
          engCall.expected.push({ topic: RD, type: 'DocumentRecipientAdded', subject: doc.id, data: { documentId: doc.id, partyId: user, engagementId: OPT(d.id) } });
        }
      }
      if (engCall.expected.length > 1) progress.push(`copies delivered by engagement ${d.id}: ${engCall.expected.length - 1}`);
      return d.id as string;
    };
    const regularUsers = w.users.filter((u) => u !== w.fresh && u !== w.loner);
    // every voter provider serves at least one user (R-SRP-2: a provider serving nobody is not due an annual one)
    const served = shuffle(regularUsers.filter((u) => u !== w.dual));
    for (const [i, p] of w.voters.entries()) await engage(served[i % served.length]!, p, w.hubs.get(p)!.id, dayIn('2020-07-01', '2021-06-30'));
    for (const u of regularUsers) {
      for (const p of shuffle([...w.voters, w.dual].filter((x) => x !== u)).slice(0, between(0, 1))) {
        if (w.engagements.some((e) => e.user === u && e.provider === p)) continue;
        await engage(u, p, w.hubs.get(p)!.id, dayIn('2020-07-01', '2021-06-30'));
      }
    }
    if (!w.engagements.some((e) => e.provider === w.dual)) await engage(w.users[2]!, w.dual, w.hubs.get(w.dual)!.id, '2020-09-01');
    await engage(w.users[2]!, notOpted, notOptedRes, '2020-10-01');
    await engage(w.loner, w.supplierProvider, w.hubs.get(w.supplierProvider)!.id, '2021-02-01');
    await engage(w.users[3]!, w.lateProvider, w.hubs.get(w.lateProvider)!.id, '2026-04-01');
    progress.push(`engagements: ${w.engagements.length}`);
    const someHub = w.hubs.get(w.voters[0]!)!;
    await refuse('engageSharedResource', ADMIN, { input: { userPartyId: w.fresh, sharedResourceId: someHub.id, startDate: addDays(someHub.availableFrom, -between(1, 60)) } }, ['BAD_USER_INPUT'], 'starts before the resource is available (R-SRP-2)');
    await refuse('engageSharedResource', ADMIN, { input: { userPartyId: w.nobody, sharedResourceId: someHub.id, startDate: '2021-01-01' } }, ['BAD_USER_INPUT'], 'the user has no User Role');
    await refuse('engageSharedResource', ADMIN, { input: { userPartyId: w.supplierProvider, sharedResourceId: w.hubs.get(w.supplierProvider)!.id, startDate: '2021-01-01' } }, ['BAD_USER_INPUT'], 'a provider engaging its own resource (R-SRP-1)');
    await refuse('engageSharedResource', ADMIN, { input: { userPartyId: w.fresh, sharedResourceId: randomUuid(), startDate: '2021-01-01' } }, ['NOT_FOUND'], 'unknown resource');
    await refuse('engageSharedResource', wrongRole('engageSharedResource', allParties()), { input: { userPartyId: w.fresh, sharedResourceId: someHub.id, startDate: '2021-01-01' } }, ['FORBIDDEN'], 'wrong role');

    // ---- assessments ---------------------------------------------------------------------------------------------
    const track = (a: any) => {
      const t = w.assessments.find((x) => x.id === a.id);
      if (t) Object.assign(t, { state: a.state, completedOn: a.fieldworkCompletedOn ?? undefined });
      else w.assessments.push({ id: a.id, party: a.party.id, state: a.state, scheduledFor: a.scheduledFor, completedOn: a.fieldworkCompletedOn ?? undefined });
    };
    const schedule = async (party: string, det: string, scheduledFor: string) => {
      const a = await must('scheduleAssessment', ADMIN, { input: { partyId: party, determinationDate: det, scheduledFor } });
      w.lastDet.set(party, det);
      track(a);
      return a;
    };
    const complete = async (id: string, on: string) => track(await must('completeFieldwork', CIO, { assessmentId: id, completedOn: on }));
    const setStatus = async (id: string, status: string, on: string) =>
      track(await must('setAssuranceStatus', SSC, { assessmentId: id, status, setOn: on, conditions: status === 'APPROVED_SUBJECT_TO' ? `Close finding ${rnd(9) + 1}` : null }));
    const assessed = [...w.voters, w.supplierProvider, w.dual, ...shuffle(w.users.filter((u) => u !== w.dual && u !== w.fresh)).slice(0, 3)];
    const concurrentTarget = pick(w.voters);
    const refusedOnce = { future: false, earlier: false, srp: false, twice: false, early: false, conditions: false };
    for (const party of assessed) {
      const isProvider = srp.has(party);
      const y0 = between(2021, 2022);
      const years = between(2, 3);
      for (let y = y0; y < y0 + years && y <= 2024; y++) {
        const det = `${y}-02-${String(between(1, 20)).padStart(2, '0')}`;
        const a = await schedule(party, det, addDays(det, 10));
        if (!refusedOnce.twice && chance(0.5)) {
          refusedOnce.twice = true;
          await refuse('completeFieldwork', wrongRole('completeFieldwork', [party]), { assessmentId: a.id, completedOn: addDays(det, 20) }, ['FORBIDDEN'], 'wrong role');
        }
        if (!refusedOnce.early && chance(0.4)) {
          refusedOnce.early = true;
          await refuse('setAssuranceStatus', SSC, { assessmentId: a.id, status: 'APPROVED', setOn: addDays(det, 30) }, ['CONFLICT', 'BAD_USER_INPUT'], 'status before fieldwork (R-STATUS-1)');
        }
        await complete(a.id, addDays(det, 20));
        if (chance(0.3)) await refuse('completeFieldwork', CIO, { assessmentId: a.id, completedOn: addDays(det, 21) }, ['CONFLICT'], 'fieldwork completed twice');
        if (!refusedOnce.conditions && chance(0.5)) {
          refusedOnce.conditions = true;
          await refuse('setAssuranceStatus', SSC, { assessmentId: a.id, status: 'APPROVED_SUBJECT_TO', setOn: addDays(det, 35), conditions: pick([null, '', '   ']) }, ['BAD_USER_INPUT'], 'APPROVED_SUBJECT_TO without conditions');
        }
        if (chance(0.25)) await refuse('setAssuranceStatus', SSC, { assessmentId: a.id, status: 'APPROVED', setOn: addDays(det, 19) }, ['BAD_USER_INPUT'], 'status set before the fieldwork day');
        if (chance(0.25)) await refuse('setAssuranceStatus', wrongRole('setAssuranceStatus', [party]), { assessmentId: a.id, status: 'APPROVED', setOn: addDays(det, 35) }, ['FORBIDDEN'], 'wrong role');
        const status = pick(['APPROVED', 'APPROVED', 'APPROVED', 'APPROVED_SUBJECT_TO', 'APPROVED_SUBJECT_TO', 'DEFERRED', 'REJECTED']);
        await setStatus(a.id, status, addDays(det, 35));
        if (chance(0.2)) await refuse('cancelAssessment', ADMIN, { assessmentId: a.id, reason: 'booked in error' }, ['CONFLICT'], 'cancelling an assessment whose status is set');
        if (isProvider && !refusedOnce.srp) {
          refusedOnce.srp = true;
          await refuse('scheduleAssessment', ADMIN, { input: { partyId: party, determinationDate: `${y}-11-02`, scheduledFor: `${y}-11-20` } }, ['SRP_ALREADY_ASSESSED_THIS_YEAR'], 'second annual assessment of a provider in one year (R-SRP-5)');
        }
        if (status === 'DEFERRED' || status === 'REJECTED') {
          if (chance(0.3)) await refuse('requestFollowUp', wrongRole('requestFollowUp', [party]), { partyId: party, reason: 'retest', scheduledFor: addDays(det, 60) }, ['FORBIDDEN'], 'wrong role');
          if (chance(0.75)) {
            const fu = await must('requestFollowUp', SSC, { partyId: party, reason: `Retest after ${status} ${rnd(100)}`, scheduledFor: addDays(det, 60) });
            track(fu);
            w.lastDet.set(party, addDays(det, 60));
            if (chance(0.6)) {
              await complete(fu.id, addDays(det, 70));
              if (chance(0.7)) await setStatus(fu.id, pick(['APPROVED', 'APPROVED_SUBJECT_TO', 'DEFERRED']), addDays(det, 80));
            }
          }
          if (status === 'REJECTED' && chance(0.6)) {
            if (chance(0.5)) await refuse('directFullAssessment', wrongRole('directFullAssessment', [party]), { partyId: party, reason: 'restart', scheduledFor: addDays(det, 100) }, ['FORBIDDEN'], 'wrong role');
            const full = await must('directFullAssessment', SSC, { partyId: party, reason: `Restart after REJECTED ${rnd(100)}`, scheduledFor: addDays(det, 100) });
            track(full);
            w.lastDet.set(party, addDays(det, 100));
            if (chance(0.5)) await complete(full.id, addDays(det, 110));
          }
        }
      }
      if (!refusedOnce.future) {
        refusedOnce.future = true;
        await refuse('scheduleAssessment', ADMIN, { input: { partyId: party, determinationDate: addDays(TODAY, between(1, 30)), scheduledFor: addDays(TODAY, 40) } }, ['BAD_USER_INPUT'], 'determination date in the future (R-MATRIX-6)');
      }
      if (!refusedOnce.earlier && w.lastDet.has(party)) {
        refusedOnce.earlier = true;
        const before = addDays(w.lastDet.get(party)!, -between(5, 200));
        await refuse('scheduleAssessment', ADMIN, { input: { partyId: party, determinationDate: before, scheduledFor: before } }, ['BAD_USER_INPUT'], 'determination before the previous one (R-MATRIX-6)');
      }
      // 2025: the concurrent provider booking, a cancellation, or a booking left open
      if (party === concurrentTarget) continue;
      const det = `2025-03-${String(between(1, 25)).padStart(2, '0')}`;
      if (w.lastDet.get(party)! >= det) continue;
      const a = await schedule(party, det, addDays(det, 14));
      if (chance(0.4)) {
        if (chance(0.5)) await refuse('cancelAssessment', wrongRole('cancelAssessment', [party]), { assessmentId: a.id, reason: 'wrong role' }, ['FORBIDDEN'], 'wrong role');
        if (chance(0.5)) await refuse('cancelAssessment', ADMIN, { assessmentId: a.id, reason: '  ' }, ['BAD_USER_INPUT'], 'blank reason');
        track(await must('cancelAssessment', ADMIN, { assessmentId: a.id, reason: `Booked twice ${rnd(100)}` }));
        await refuse('completeFieldwork', CIO, { assessmentId: a.id, completedOn: addDays(det, 20) }, ['CONFLICT'], 'fieldwork on a cancelled assessment');
        if (chance(0.5)) await refuse('cancelAssessment', ADMIN, { assessmentId: a.id, reason: 'again' }, ['CONFLICT'], 'cancelled twice');
        const again = addDays(det, 3);
        await schedule(party, again, addDays(again, 14));
      } else if (chance(0.5)) {
        await complete(a.id, addDays(det, 20));
      }
    }
    // concurrent: the same provider's 2025 annual booking 3-5 times at once (R-SRP-5 lets one through)
    {
      const det = '2025-04-01';
      await duplicate(
        'scheduleAssessment',
        ADMIN,
        { input: { partyId: concurrentTarget, determinationDate: det, scheduledFor: '2025-04-20' } },
        between(3, 5),
        ['SRP_ALREADY_ASSESSED_THIS_YEAR', 'CONFLICT'],
        (d) => d.id,
        async (cs) => {
          const ok = cs.filter((c) => c.accepted);
          const list = (await read(`query($id: ID!) { party(id: $id) { assessments { id calendarYear state directedBySsc type } } }`, { id: concurrentTarget })).party.assessments.filter(
            (a: any) => a.calendarYear === 2025 && a.state !== 'CANCELLED' && !a.directedBySsc && a.type !== 'FOLLOW_UP',
          );
          const evs = distinct.filter((e) => e.e.type === 'AssessmentScheduled' && e.e.data?.partyId === concurrentTarget && e.e.data?.calendarYear === 2025);
          return [
            ...(ok.length === 1 ? [] : [`${ok.length} of ${cs.length} accepted (want exactly 1; the others SRP_ALREADY_ASSESSED_THIS_YEAR)`]),
            ...(list.length === 1 ? [] : [`${list.length} annual 2025 assessments of the provider (want 1)`]),
            ...(evs.length === list.length ? [] : [`${evs.length} AssessmentScheduled events for ${list.length} committed assessments`]),
          ];
        },
      );
      for (const c of calls.filter((x) => x.op === 'scheduleAssessment' && x.accepted && x.vars.input && (x.vars.input as any).partyId === concurrentTarget && x.data.calendarYear === 2025)) track(c.data);
      w.lastDet.set(concurrentTarget, det);
    }
    await refuse('scheduleAssessment', ADMIN, { input: { partyId: concurrentTarget, determinationDate: '2025-10-01', scheduledFor: '2025-10-15' } }, ['SRP_ALREADY_ASSESSED_THIS_YEAR'], 'second annual assessment of a provider in 2025 (R-SRP-5)');
    await refuse('scheduleAssessment', ADMIN, { input: { partyId: randomUuid(), determinationDate: '2025-01-10', scheduledFor: '2025-01-20' } }, ['NOT_FOUND'], 'unknown party');
    await refuse('scheduleAssessment', wrongRole('scheduleAssessment', allParties()), { input: { partyId: pick(w.users), determinationDate: '2026-01-10', scheduledFor: '2026-01-20' } }, ['FORBIDDEN'], 'wrong role');
    await refuse('completeFieldwork', CIO, { assessmentId: randomUuid(), completedOn: '2025-01-20' }, ['NOT_FOUND'], 'unknown assessment');
    await refuse('setAssuranceStatus', SSC, { assessmentId: randomUuid(), status: 'APPROVED', setOn: '2025-01-20' }, ['NOT_FOUND'], 'unknown assessment');
    await refuse('requestFollowUp', SSC, { partyId: randomUuid(), reason: 'retest', scheduledFor: '2025-05-01' }, ['NOT_FOUND'], 'unknown party');
    await refuse('requestFollowUp', SSC, { partyId: pick(assessed), reason: '   ', scheduledFor: '2025-05-01' }, ['BAD_USER_INPUT'], 'blank reason');
    await refuse('directFullAssessment', SSC, { partyId: randomUuid(), reason: 'restart', scheduledFor: '2025-05-01' }, ['NOT_FOUND'], 'unknown party');
    await refuse('directFullAssessment', wrongRole('directFullAssessment', allParties()), { partyId: pick(assessed), reason: 'restart', scheduledFor: '2025-05-01' }, ['FORBIDDEN'], 'wrong role');
    await refuse('cancelAssessment', ADMIN, { assessmentId: randomUuid(), reason: 'gone' }, ['NOT_FOUND'], 'unknown assessment');
    await refuse('scheduleAssessment', ADMIN, { input: { partyId: w.nobody, determinationDate: '2025-06-01', scheduledFor: '2025-06-15' } }, ['BAD_USER_INPUT', 'CONFLICT'], 'a party that needs no assessment (R-PARTY-1, E13)');
    progress.push(`assessments: ${w.assessments.length}`);

    // ---- documents (issued today) --------------------------------------------------------------------------------
    const issue = async (who: Who, subject: string, kind: string, label: string, assessmentId?: string) => {
      const input: Record<string, unknown> = { subjectPartyId: subject, kind, title: name(label), content: `${kind} about ${label}: ${hex(16)}` };
      if (assessmentId) input.assessmentId = assessmentId;
      if (chance(0.3)) input.issuedOn = TODAY;
      const d = await must('issueDocument', who, { input });
      const full = (await read(`query($id: ID!) { document(id: $id) { recipients { party { id } } } }`, { id: d.id })).document;
      w.documents.push({ id: d.id, subject, recipients: full.recipients.map((r: any) => r.party.id) });
      return d.id as string;
    };
    const latestOf = (party: string) => [...w.assessments].reverse().find((a) => a.party === party && a.state !== 'CANCELLED')?.id;
    const docProviders = shuffle(w.voters).slice(0, Math.max(2, w.voters.length - 1));
    for (const p of docProviders) {
      const a = latestOf(p);
      await issue(CIO, p, 'ASSESSMENT_REPORT', `report on provider ${w.voters.indexOf(p)}`, a);
      if (chance(0.7)) await issue(SSC, p, 'SSC_OUTCOME', `outcome for provider ${w.voters.indexOf(p)}`, a);
      if (chance(0.7)) await issue(PARTY(p), p, 'MANAGEMENT_RESPONSE', `response of provider ${w.voters.indexOf(p)}`, a);
      if (chance(0.5)) await issue(PARTY(p), p, pick(['REMEDIATION_PROGRESS', 'REMEDIATION_COMPLETION', 'REMEDIATION_FAILURE']), `remediation of provider ${w.voters.indexOf(p)}`, a);
    }
    await issue(CIO, w.dual, 'ASSESSMENT_REPORT', 'report on the dual party', latestOf(w.dual));
    const ownUser = pick(assessed.filter((x) => !srp.has(x)).concat(w.users[2]!));
    await issue(CIO, ownUser, 'ASSESSMENT_REPORT', 'report on a user', latestOf(ownUser));
    if (chance(0.6)) await issue(PARTY(ownUser), ownUser, 'MANAGEMENT_RESPONSE', 'response of a user', latestOf(ownUser));
    const p0 = docProviders[0]!;
    await refuse('issueDocument', ADMIN, { input: { subjectPartyId: p0, kind: 'ASSESSMENT_REPORT', title: name('D by admin'), content: 'x' } }, ['FORBIDDEN'], 'SECAS is not the report originator (R-DIST-1)');
    await refuse('issueDocument', CIO, { input: { subjectPartyId: p0, kind: 'MANAGEMENT_RESPONSE', title: name('D response by CIO'), content: 'x' } }, ['FORBIDDEN'], 'the CIO is not the response originator (R-DIST-1)');
    await refuse('issueDocument', PARTY(p0), { input: { subjectPartyId: docProviders[1]!, kind: 'MANAGEMENT_RESPONSE', title: name('D about another party'), content: 'x' } }, ['FORBIDDEN'], 'a party issuing about another party');
    await refuse('issueDocument', PARTY(p0), { input: { subjectPartyId: p0, kind: 'ASSESSMENT_REPORT', title: name('D report by party'), content: 'x' } }, ['FORBIDDEN'], 'a party issuing a report (R-DIST-1)');
    await refuse('issueDocument', CIO, { input: { subjectPartyId: p0, kind: 'ASSESSMENT_REPORT', title: name('D backdated'), content: 'x', issuedOn: addDays(TODAY, -between(1, 30)) } }, ['BAD_USER_INPUT'], 'issuedOn other than the server day (R-DIST-2)');
    await refuse('issueDocument', CIO, { input: { subjectPartyId: randomUuid(), kind: 'ASSESSMENT_REPORT', title: name('D unknown subject'), content: 'x' } }, ['NOT_FOUND'], 'unknown subject party');
    await refuse('issueDocument', CIO, { input: { subjectPartyId: p0, kind: 'ASSESSMENT_REPORT', title: '', content: 'x' } }, ['BAD_USER_INPUT'], 'empty title');

    // acknowledgements
    const copies = w.documents.flatMap((d) => d.recipients.map((r) => ({ doc: d.id, party: r })));
    const dupCopy = pick(copies);
    for (const c of shuffle(copies)) {
      if (c === dupCopy || !chance(0.5)) continue;
      await must('acknowledgeDocument', PARTY(c.party), { documentId: c.doc });
    }
    await duplicate(
      'acknowledgeDocument',
      PARTY(dupCopy.party),
      { documentId: dupCopy.doc },
      between(3, 5),
      ['CONFLICT'],
      (d) => `${d.party.id}:${d.acknowledgedAt}`,
      async (cs) => {
        const ok = cs.filter((c) => c.accepted);
        const stamps = new Set(ok.map((c) => c.data.acknowledgedAt));
        const doc = (await read(`query($id: ID!) { document(id: $id) { recipients { party { id } acknowledgedAt } } }`, { id: dupCopy.doc })).document;
        const row = doc.recipients.find((r: any) => r.party.id === dupCopy.party);
        const evs = distinct.filter((e) => e.e.type === 'DocumentAcknowledged' && e.e.subject === dupCopy.doc && e.e.data?.partyId === dupCopy.party);
        return [
          ...(ok.length >= 1 ? [] : ['no acknowledgement accepted']),
          ...(stamps.size <= 1 ? [] : [`accepted answers disagree on acknowledgedAt: ${[...stamps].join(', ')} (more than one change committed)`]),
          ...(row?.acknowledgedAt && stamps.has(row.acknowledgedAt) ? [] : [`stored acknowledgedAt ${row?.acknowledgedAt} is none of the answers ${[...stamps].join(', ')}`]),
          ...(evs.length === 1 ? [] : [`${evs.length} DocumentAcknowledged events for one acknowledgement`]),
        ];
      },
    );
    const outsider = allParties().find((p) => !w.documents[0]!.recipients.includes(p))!;
    await refuse('acknowledgeDocument', PARTY(outsider), { documentId: w.documents[0]!.id }, ['NOT_FOUND'], 'not a recipient: the document does not exist for it (R-DIST-4)');
    await refuse('acknowledgeDocument', wrongRole('acknowledgeDocument', []), { documentId: w.documents[0]!.id }, ['FORBIDDEN'], 'wrong role');
    await refuse('acknowledgeDocument', PARTY(pick(w.voters)), { documentId: randomUuid() }, ['NOT_FOUND'], 'unknown document');

    // copies issued in error (R-DIST-7)
    const userCopies = copies.filter((c) => {
      const d = w.documents.find((x) => x.id === c.doc)!;
      return c.party !== d.subject && !(c.doc === dupCopy.doc && c.party === dupCopy.party);
    });
    const inError = shuffle(userCopies).slice(0, Math.min(2, userCopies.length));
    for (const c of inError) await must('markCopyIssuedInError', ADMIN, { documentId: c.doc, partyId: c.party, reason: `Sent to the wrong user ${rnd(100)}` });
    const anyDoc = pick(w.documents);
    await refuse('markCopyIssuedInError', wrongRole('markCopyIssuedInError', anyDoc.recipients), { documentId: anyDoc.id, partyId: anyDoc.recipients[0]!, reason: 'oops' }, ['FORBIDDEN'], 'wrong role');
    await refuse('markCopyIssuedInError', ADMIN, { documentId: anyDoc.id, partyId: allParties().find((p) => !anyDoc.recipients.includes(p))!, reason: 'oops' }, ['NOT_FOUND', 'BAD_USER_INPUT'], 'no such copy');
    await refuse('markCopyIssuedInError', ADMIN, { documentId: anyDoc.id, partyId: anyDoc.recipients[0]!, reason: '  ' }, ['BAD_USER_INPUT'], 'blank reason');
    progress.push(`documents: ${w.documents.length}, copies: ${copies.length}`);

    // ---- engagement ends (after the documents: R-DIST-2, R-DIST-7) -------------------------------------------------
    const received = (u: string) => w.documents.some((d) => d.recipients.includes(u));
    const withDocs = w.engagements.filter((e) => received(e.user) && w.documents.some((d) => d.subject === e.provider && d.recipients.includes(e.user)));
    if (withDocs.length) {
      const e = pick(withDocs);
      await refuse('endEngagement', ADMIN, { engagementId: e.id, endDate: addDays(TODAY, -between(2, 200)) }, ['BAD_USER_INPUT', 'CONFLICT'], 'back-dated before a document issued to that user (R-DIST-7)');
      await must('endEngagement', ADMIN, { engagementId: e.id, endDate: TODAY });
    }
    const lonerEng = w.engagements.find((e) => e.user === w.loner)!;
    await refuse('endEngagement', ADMIN, { engagementId: lonerEng.id, endDate: addDays(lonerEng.startDate, -between(1, 30)) }, ['BAD_USER_INPUT'], 'ends before it starts');
    await refuse('endEngagement', wrongRole('endEngagement', [w.loner]), { engagementId: lonerEng.id, endDate: '2025-06-30' }, ['FORBIDDEN'], 'wrong role');
    await refuse('endEngagement', ADMIN, { engagementId: randomUuid(), endDate: '2025-06-30' }, ['NOT_FOUND'], 'unknown engagement');
    if (!received(w.loner)) await must('endEngagement', ADMIN, { engagementId: lonerEng.id, endDate: dayIn('2024-01-01', '2025-12-31') });
    // concurrent: the same future end 3-5 times at once
    const futureEng = pick(w.engagements.filter((e) => e.user !== w.loner && !calls.some((c) => c.op === 'endEngagement' && c.accepted && c.vars.engagementId === e.id)));
    const futureEnd = dayIn(addDays(TODAY, 30), addDays(TODAY, 300));
    await duplicate(
      'endEngagement',
      ADMIN,
      { engagementId: futureEng.id, endDate: futureEnd },
      between(3, 5),
      ['CONFLICT'],
      (d) => `${d.id}:${d.endDate}`,
      async (cs) => {
        const ok = cs.filter((c) => c.accepted);
        const evs = distinct.filter((e) => e.e.type === 'EngagementEnded' && e.e.subject === futureEng.id);
        return [...(ok.length >= 1 ? [] : ['no end accepted']), ...(evs.length === 1 ? [] : [`${evs.length} EngagementEnded events for one end`])];
      },
    );

    // R-DIST-5: a user that begins to use a provider with documents receives the provider's current ones
    const docProvider = docProviders[0]!;
    await engage(w.fresh, docProvider, w.hubs.get(docProvider)!.id, addDays(TODAY, -between(1, 20)), false);

    // ---- SSC seat elections (R-SSC-1..4) ---------------------------------------------------------------------------
    const srpElectorate = (p: string) => w.voters.includes(p) || (p === w.dual && (w.roles.get(w.dual) ?? []).every((r) => r === 'OTHER_USER'));
    await refuse('openElection', wrongRole('openElection', allParties()), { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: '2026-01-05', closesOn: '2027-06-30' }, ['FORBIDDEN'], 'wrong role');
    const badOpen = `2031-0${between(1, 9)}-1${between(0, 9)}`;
    const badClose = addDays(badOpen, -between(1, 60));
    refusedMarkers.push((e) => e.e.type === 'ElectionOpened' && e.e.data?.opensOn === badOpen && e.e.data?.closesOn === badClose);
    await refuse('openElection', ADMIN, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: badOpen, closesOn: badClose }, ['BAD_USER_INPUT'], 'closes before it opens');
    const e1 = (await must('openElection', ADMIN, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: '2026-01-05', closesOn: '2027-06-30' })).id as string;
    w.elections.push(e1);
    const nomination = (electionId: string, by: string, nominee: string, over: Record<string, unknown> = {}) => ({
      input: {
        electionId,
        nomineeName: `${nominee} ${run}`,
        nominatingPartyId: by,
        nominatorName: 'Chief Information Security Officer',
        nominatorHoldsSeniorPosition: true,
        securityExpertiseConfirmed: true,
        bs7858ScreeningCompleted: true,
        ...over,
      },
    });
    const nominators = shuffle(w.voters).slice(0, between(2, 3));
    const candidates: string[] = [];
    for (const [i, by] of nominators.entries()) candidates.push((await must('nominate', PARTY(by), nomination(e1, by, `Nominee ${i}`))).id);
    const failed = pick(['nominatorHoldsSeniorPosition', 'securityExpertiseConfirmed', 'bs7858ScreeningCompleted']);
    await refuse('nominate', PARTY(nominators[0]!), nomination(e1, nominators[0]!, 'Ineligible nominee', { [failed]: false }), ['NOMINATION_INELIGIBLE'], `${failed} false (R-SSC-2)`);
    await refuse('nominate', PARTY(nominators[0]!), nomination(e1, nominators[1]!, 'On behalf of another'), ['FORBIDDEN'], 'nominating on behalf of another party');
    await refuse('nominate', wrongRole('nominate', []), nomination(e1, nominators[0]!, 'By a non-party'), ['FORBIDDEN'], 'wrong role');
    await refuse('nominate', PARTY(nominators[0]!), nomination(randomUuid(), nominators[0]!, 'Unknown election'), ['NOT_FOUND'], 'unknown election');
    // votes
    const electorate = shuffle([...w.voters, ...(srpElectorate(w.dual) ? [w.dual] : [])]);
    const dupVoter = electorate[0]!;
    const tally = new Map<string, number>(candidates.map((c) => [c, 0]));
    for (const v of electorate.slice(1)) {
      const n = pick(candidates);
      const c = await must('castVote', PARTY(v), { electionId: e1, nominationId: n, voterPartyId: v });
      if (c) tally.set(n, tally.get(n)! + 1);
    }
    const dupChoice = pick(candidates);
    await duplicate(
      'castVote',
      PARTY(dupVoter),
      { electionId: e1, nominationId: dupChoice, voterPartyId: dupVoter },
      between(3, 5),
      ['ALREADY_VOTED'],
      () => 'vote', // one voter, one vote: every accepted answer would be another committed vote
      async (cs) => {
        const ok = cs.filter((c) => c.accepted);
        const evs = distinct.filter((e) => e.e.type === 'VoteCast' && e.e.subject === e1 && e.e.data?.voterPartyId === dupVoter);
        const closed = distinct.find((e) => e.e.type === 'ElectionClosed' && e.e.subject === e1);
        const counted = closed && Array.isArray(closed.e.data?.votes) ? closed.e.data.votes.reduce((n: number, r: any) => n + (r.count ?? 0), 0) : undefined;
        const castByAll = distinct.filter((e) => e.e.type === 'VoteCast' && e.e.subject === e1).length;
        return [
          ...(ok.length === 1 ? [] : [`${ok.length} of ${cs.length} accepted (want exactly 1; the others ALREADY_VOTED)`]),
          ...(evs.length === 1 ? [] : [`${evs.length} VoteCast events for the voter`]),
          ...(counted === undefined || counted === castByAll ? [] : [`ElectionClosed counts ${counted} votes but ${castByAll} VoteCast events were published`]),
        ];
      },
    );
    for (let n = calls.filter((x) => x.group && x.op === 'castVote' && x.accepted).length; n > 0; n--) tally.set(dupChoice, tally.get(dupChoice)! + 1);
    await refuse('castVote', PARTY(electorate[1] ?? dupVoter), { electionId: e1, nominationId: pick(candidates), voterPartyId: electorate[1] ?? dupVoter }, ['ALREADY_VOTED'], 'a second vote (R-SSC-3: one vote each)');
    await refuse('castVote', PARTY(w.supplierProvider), { electionId: e1, nominationId: pick(candidates), voterPartyId: w.supplierProvider }, ['VOTER_NOT_ELIGIBLE'], 'a provider that is a Supplier Party (R-SSC-3)');
    await refuse('castVote', PARTY(w.lateProvider), { electionId: e1, nominationId: pick(candidates), voterPartyId: w.lateProvider }, ['VOTER_NOT_ELIGIBLE'], 'a provider designated after the opening date (R-SSC-3)');
    await refuse('castVote', PARTY(w.nobody), { electionId: e1, nominationId: pick(candidates), voterPartyId: w.nobody }, ['VOTER_NOT_ELIGIBLE'], 'not a provider (R-SSC-3)');
    await refuse('castVote', PARTY(w.nobody), { electionId: e1, nominationId: pick(candidates), voterPartyId: electorate[0]! }, ['FORBIDDEN'], 'voting on behalf of another party');
    await refuse('castVote', { role: 'ANONYMOUS' }, { electionId: e1, nominationId: pick(candidates), voterPartyId: electorate[0]! }, ['UNAUTHENTICATED'], 'no token');
    await refuse('castVote', PARTY(electorate[0]!), { electionId: e1, nominationId: randomUuid(), voterPartyId: electorate[0]! }, ['NOT_FOUND', 'ALREADY_VOTED'], 'unknown nomination');
    await refuse('closeElection', wrongRole('closeElection', allParties()), { electionId: e1 }, ['FORBIDDEN'], 'wrong role');
    await refuse('appointMember', SSC, { electionId: e1, impartialityDeclared: true }, ['CONFLICT'], 'appointing from an open election');
    // close: the Chair's casting vote only on a tie
    const top = Math.max(...tally.values());
    const tied = [...tally.entries()].filter(([, n]) => n === top).map(([c]) => c);
    const closeVars: Record<string, unknown> = { electionId: e1, ...(tied.length > 1 ? { castingVoteNominationId: pick(tied) } : {}) };
    await duplicate('closeElection', ADMIN, closeVars, between(3, 5), ['CONFLICT'], (d) => `${d.id}:${d.state}:${d.winner?.id}`, async (cs) => {
      const ok = cs.filter((c) => c.accepted);
      const winners = new Set(ok.map((c) => c.data.winner?.id ?? null));
      const evs = distinct.filter((e) => e.e.type === 'ElectionClosed' && e.e.subject === e1);
      return [...(ok.length >= 1 ? [] : ['no close accepted']), ...(winners.size <= 1 ? [] : ['accepted closes name different winners']), ...(evs.length === 1 ? [] : [`${evs.length} ElectionClosed events for one close`])];
    });
    await refuse('closeElection', ADMIN, { electionId: e1 }, ['CONFLICT'], 'closing a closed election');
    await refuse('nominate', PARTY(nominators[0]!), nomination(e1, nominators[0]!, 'Too late'), ['CONFLICT'], 'nominating in a closed election');
    await refuse('castVote', PARTY(electorate[electorate.length - 1]!), { electionId: e1, nominationId: candidates[0]!, voterPartyId: electorate[electorate.length - 1]! }, ['CONFLICT', 'ALREADY_VOTED'], 'voting in a closed election');
    await refuse('appointMember', SSC, { electionId: e1, impartialityDeclared: false }, ['IMPARTIALITY_NOT_DECLARED'], 'no impartiality declaration (R-SSC-4)');
    await refuse('appointMember', wrongRole('appointMember', allParties()), { electionId: e1, impartialityDeclared: true }, ['FORBIDDEN'], 'wrong role');
    await duplicate('appointMember', SSC, { electionId: e1, impartialityDeclared: true }, between(3, 5), ['CONFLICT'], (d) => d.id, async (cs) => {
      const ok = cs.filter((c) => c.accepted);
      const evs = distinct.filter((e) => e.e.type === 'MemberAppointed' && e.e.data?.electionId === e1);
      const seat = (await read(`query { sscSeats { kind members { id } } }`)).sscSeats.flatMap((s: any) => s.members.map((m: any) => m.id));
      const appointed = new Set(ok.map((c) => c.data.id));
      return [
        ...(ok.length === 1 ? [] : [`${ok.length} of ${cs.length} accepted (want exactly 1; the others CONFLICT)`]),
        ...(appointed.size <= 1 ? [] : [`${appointed.size} different members appointed from one election`]),
        ...(evs.length === 1 ? [] : [`${evs.length} MemberAppointed events for one election`]),
        ...([...appointed].filter((m) => seat.includes(m)).length <= 1 ? [] : ['more than one of them sits']),
      ];
    });
    await refuse('appointMember', SSC, { electionId: e1, impartialityDeclared: true }, ['CONFLICT'], 'appointing twice');
    // a second SRP election: one candidate, unopposed; its member supersedes the first
    const e2 = (await must('openElection', ADMIN, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: addDays(TODAY, -between(1, 20)), closesOn: addDays(TODAY, between(30, 90)) })).id as string;
    w.elections.push(e2);
    const by2 = pick(w.voters);
    const n2 = (await must('nominate', PARTY(by2), nomination(e2, by2, 'Second seat nominee'))).id as string;
    if (chance(0.7)) await must('castVote', PARTY(by2), { electionId: e2, nominationId: n2, voterPartyId: by2 });
    await must('closeElection', ADMIN, { electionId: e2 });
    await must('appointMember', SSC, { electionId: e2, impartialityDeclared: true });
    progress.push(`elections: ${w.elections.length}`);

    // ---- races: different changes of one aggregate at once -------------------------------------------------------
    {
      const raceUser = await registerParty('R race user', ['OTHER_USER'], 10, '2020-01-01');
      // (a) premises of one party, same effective day, different counts, at once: history keeps each (R-PREM-1)
      await race(
        'premises recorded at once for one day',
        Array.from({ length: between(3, 4) }, (_, i) => ({ op: 'recordDomesticPremises' as Op, who: ADMIN, vars: { partyId: raceUser, count: 1_000 * (i + 1) + rnd(999), effectiveFrom: '2023-01-01' }, codes: ['CONFLICT'] })),
      );
      // (b) one assessment's status, three different ones at once: a status is set once (a later one is CONFLICT)
      const a1 = await schedule(raceUser, '2024-05-01', '2024-05-10');
      await complete(a1.id, '2024-05-20');
      const statuses = await race(
        'three statuses of one assessment at once',
        (['APPROVED', 'DEFERRED', 'APPROVED_SUBJECT_TO'] as const).map((st) => ({ op: 'setAssuranceStatus' as Op, who: SSC, vars: { assessmentId: a1.id, status: st, setOn: '2024-06-01', conditions: st === 'APPROVED_SUBJECT_TO' ? 'Rotate keys' : null }, codes: ['CONFLICT'] })),
        async (cs) => {
          const again = calls.find((c) => c.why === 'status set twice (after the race)');
          const ok = cs.filter((c) => c.accepted).length;
          return again && !again.accepted && ok > 1 ? [`${ok} different statuses accepted for one assessment, though setting one again is refused (${again.code})`] : [];
        },
      );
      for (const c of statuses.filter((x) => x.accepted)) track(c.data);
      await refuse('setAssuranceStatus', SSC, { assessmentId: a1.id, status: 'APPROVED', setOn: '2024-06-02' }, ['CONFLICT'], 'status set twice (after the race)');
      // (c) fieldwork and cancellation of one scheduled assessment at once
      const a2 = await schedule(raceUser, '2025-05-01', '2025-05-10');
      const fc = await race(
        'fieldwork and cancellation of one assessment at once',
        [
          { op: 'completeFieldwork', who: CIO, vars: { assessmentId: a2.id, completedOn: '2025-05-20' }, codes: ['CONFLICT'] },
          { op: 'cancelAssessment', who: ADMIN, vars: { assessmentId: a2.id, reason: `Raced ${rnd(100)}` }, codes: ['CONFLICT'] },
        ],
        async (cs) => {
          // Both accepted is consistent only if cancelling a COMPLETED assessment is allowed (fieldwork on a cancelled
          // one is CONFLICT): the same two steps one after the other say whether it is.
          const seqCancel = calls.find((c) => c.why === 'cancelling a completed assessment (sequential twin of the race)');
          const both = cs.every((c) => c.accepted);
          const state = (await read(`query($id: ID!) { assessment(id: $id) { state fieldworkCompletedOn } }`, { id: a2.id })).assessment;
          return both && seqCancel && !seqCancel.accepted
            ? [`both accepted (now ${state.state}, fieldwork ${state.fieldworkCompletedOn}), yet cancelling a completed assessment one after the other is refused (${seqCancel.code}): one of the two should have been refused`]
            : [];
        },
      );
      for (const c of fc.filter((x) => x.accepted)) track(c.data);
      {
        const a3 = await schedule(raceUser, '2025-07-01', '2025-07-10');
        await complete(a3.id, '2025-07-20');
        const c = await send('cancelAssessment', ADMIN, { assessmentId: a3.id, reason: 'after fieldwork' }, { intent: 'duplicate', why: 'cancelling a completed assessment (sequential twin of the race)', codes: ['CONFLICT'] });
        if (c.accepted) {
          c.expected = expectFor('cancelAssessment', c.vars, c.data, ADMIN);
          track(c.data);
        }
      }
      // (d) one engagement ended on three different (future) days at once
      const raceEng = await engage(raceUser, w.supplierProvider, w.hubs.get(w.supplierProvider)!.id, '2021-03-01', false);
      await race(
        'one engagement ended on three days at once',
        [40, 80, 120].map((n) => ({ op: 'endEngagement' as Op, who: ADMIN, vars: { engagementId: raceEng, endDate: addDays(TODAY, n + rnd(20)) }, codes: ['CONFLICT', 'BAD_USER_INPUT'] })),
      );
      // (e) a new provider's two qualifying resources at once: it is designated once (R-SRP-2)
      const raceProv = await registerParty('R race provider', []);
      const hubs = await race(
        'two qualifying resources of a new provider at once',
        [1, 2].map((i) => ({ op: 'registerSharedResource' as Op, who: ADMIN, vars: { input: { name: name(`R race hub ${i}`), scope: 'WHOLE_USER_SYSTEM', providerPartyId: raceProv, availableFrom: '2021-01-01' } }, codes: [] })),
        async () => {
          const designated = distinct.filter((e) => e.e.type === 'SharedResourceProviderDesignated' && e.e.subject === raceProv);
          return designated.length === 1 ? [] : [`${designated.length} SharedResourceProviderDesignated events for one designation`];
        },
      );
      // whichever resource committed first designates the provider
      const raced = hubs.filter((c) => c.accepted).map((c) => c.data.id);
      for (const c of hubs) for (const x of c.expected) if (x.type === 'SharedResourceProviderDesignated') x.data.sharedResourceId = ONE_OF(raced);
      // (f) R-DIST-7 under a race: a report to a provider's users and a back-dated end of one user's engagement at once.
      // Two services decide these (report-distribution the recipients, party-registry the end): when both commit, the
      // register must not keep the end before the copy (README "Decisions at the edge": it moves to the copy's day).
      const raceHub = hubs.find((c) => c.accepted)?.data.id as string | undefined;
      if (raceHub) {
        const raceUser2 = await registerParty('R race user two', ['GAS_TRANSPORTER'], 20, '2020-01-01');
        const eng2 = await engage(raceUser2, raceProv, raceHub, '2021-06-01', false);
        const raceA = await schedule(raceProv, '2025-06-01', '2025-06-10');
        const backTo = addDays(TODAY, -between(5, 40));
        const [issued, ended] = await race('a report and a back-dated end of a recipient\'s engagement at once', [
          { op: 'issueDocument', who: CIO, vars: { input: { subjectPartyId: raceProv, assessmentId: raceA.id, kind: 'ASSESSMENT_REPORT', title: name('R raced report'), content: `raced ${hex(8)}` } }, codes: [] },
          { op: 'endEngagement', who: ADMIN, vars: { engagementId: eng2, endDate: backTo }, codes: ['BAD_USER_INPUT', 'CONFLICT'] },
        ]);
        if (issued!.accepted) {
          const doc = (await read(`query($id: ID!) { document(id: $id) { issuedOn recipients { party { id } } } }`, { id: issued!.data.id })).document;
          w.documents.push({ id: issued!.data.id, subject: raceProv, recipients: doc.recipients.map((r: any) => r.party.id) });
          const toUser = doc.recipients.some((r: any) => r.party.id === raceUser2);
          if (ended!.accepted && toUser) {
            endsMovedByRule.push({ engagementId: eng2, endDate: doc.issuedOn });
            const endNow = async () =>
              ((await read(`query($id: ID!) { party(id: $id) { engagementsAsUser { id endDate } } }`, { id: raceUser2 })).party.engagementsAsUser as Array<{ id: string; endDate: string | null }>).find((x) => x.id === eng2)?.endDate;
            const deadline = Date.now() + 20_000;
            let end = await endNow();
            while (end !== null && end !== undefined && end < doc.issuedOn && Date.now() < deadline) {
              await new Promise((r) => setTimeout(r, 200));
              end = await endNow();
            }
            if (end !== null && end !== undefined && end < doc.issuedOn) raceFindings.push(`race: report ${issued!.data.id} issued ${doc.issuedOn} to ${raceUser2}, and its engagement still ends ${end}, before it`);
          }
        }
        // The same two steps one after the other, each sent as soon as the other answered (a client's read-your-writes):
        // (i) a back-dated end, then a report: the user no longer receives it (R-DIST-4);
        // (a provider of its own, with no document yet: an engagement covering today would otherwise receive today's)
        const seqProv = await registerParty('R seq provider', []);
        const seqHub = (await must('registerSharedResource', ADMIN, { input: { name: name('R seq hub'), scope: 'WHOLE_USER_SYSTEM', providerPartyId: seqProv, availableFrom: '2021-01-01' } })).id as string;
        const u3 = await registerParty('R seq user three', ['GAS_TRANSPORTER'], 30, '2020-01-01');
        const eng3 = await engage(u3, seqProv, seqHub, '2021-06-01', false);
        const u4 = await registerParty('R seq user four', ['OTHER_USER'], 40, '2020-01-01');
        const eng4 = await engage(u4, seqProv, seqHub, '2021-06-01', false);
        const seqA = await schedule(seqProv, '2025-06-01', '2025-06-10');
        await new Promise((r) => setTimeout(r, 1_500)); // the engagement is long known everywhere
        const end3 = addDays(TODAY, -between(5, 40));
        await must('endEngagement', ADMIN, { engagementId: eng3, endDate: end3 });
        const d3 = await must('issueDocument', SSC, { input: { subjectPartyId: seqProv, assessmentId: seqA.id, kind: 'SSC_OUTCOME', title: name('R outcome after an end'), content: `after end ${hex(8)}` } });
        const r3 = (await read(`query($id: ID!) { document(id: $id) { recipients { party { id } } } }`, { id: d3.id })).document.recipients.map((r: any) => r.party.id);
        w.documents.push({ id: d3.id, subject: seqProv, recipients: r3 });
        if (r3.includes(u3)) raceFindings.push(`sequential: engagement ${eng3} ended ${end3} (accepted), then SSC_OUTCOME ${d3.id} issued today still went to that user ${u3}`);
        // (ii) a report, then a back-dated end of a recipient: refused (R-DIST-7).
        const d4 = await must('issueDocument', PARTY(seqProv), { input: { subjectPartyId: seqProv, assessmentId: seqA.id, kind: 'MANAGEMENT_RESPONSE', title: name('R response before an end'), content: `before end ${hex(8)}` } });
        const r4 = (await read(`query($id: ID!) { document(id: $id) { recipients { party { id } } } }`, { id: d4.id })).document.recipients.map((r: any) => r.party.id);
        w.documents.push({ id: d4.id, subject: seqProv, recipients: r4 });
        const end4 = addDays(TODAY, -between(5, 40));
        const e4 = await send('endEngagement', ADMIN, { engagementId: eng4, endDate: end4 }, { intent: 'duplicate', why: 'back-dated end right after a document to that user (R-DIST-7)', codes: ['BAD_USER_INPUT', 'CONFLICT'] });
        if (r4.includes(u4) && e4.accepted) raceFindings.push(`sequential: MANAGEMENT_RESPONSE ${d4.id} issued today to ${u4}, then its engagement's end back-dated to ${end4} was accepted`);
        if (e4.accepted) e4.expected = expectFor('endEngagement', e4.vars, e4.data, ADMIN);
      }
      // (g) votes of every eligible voter and the close of the election, all at once (one candidate: unopposed)
      const e3 = (await must('openElection', ADMIN, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: addDays(TODAY, -between(1, 10)), closesOn: addDays(TODAY, between(30, 60)) })).id as string;
      w.elections.push(e3);
      const by3 = pick(w.voters);
      const n3 = (await must('nominate', PARTY(by3), nomination(e3, by3, 'Raced nominee'))).id as string;
      const voters3 = [...w.voters, ...(srpElectorate(w.dual) ? [w.dual] : [])];
      const closeAt = rnd(voters3.length + 1);
      const items = voters3.map((v) => ({ op: 'castVote' as Op, who: PARTY(v), vars: { electionId: e3, nominationId: n3, voterPartyId: v }, codes: ['CONFLICT'] }));
      items.splice(closeAt, 0, { op: 'closeElection' as Op, who: ADMIN, vars: { electionId: e3 }, codes: [] } as never);
      await race('votes and the close of one election at once', items, async (cs) => {
        const votes = cs.filter((c) => c.op === 'castVote' && c.accepted).length;
        const cast = distinct.filter((e) => e.e.type === 'VoteCast' && e.e.subject === e3).length;
        const closed = distinct.find((e) => e.e.type === 'ElectionClosed' && e.e.subject === e3);
        const counted = closed && Array.isArray(closed.e.data?.votes) ? closed.e.data.votes.reduce((n: number, r: any) => n + (r.count ?? 0), 0) : undefined;
        return [
          ...(cast === votes ? [] : [`${votes} votes accepted, ${cast} VoteCast events`]),
          ...(counted === undefined || counted === votes ? [] : [`ElectionClosed counts ${counted} votes, ${votes} were accepted`]),
        ];
      });
    }

    // ---- late premises records, after everything -----------------------------------------------------------------
    for (const u of shuffle(w.users).slice(0, 2)) await must('recordDomesticPremises', ADMIN, { partyId: u, count: between(0, 400_000), effectiveFrom: dayIn('2026-01-01', TODAY) });
    progress.push(`calls: ${calls.length} (${calls.filter((c) => c.accepted).length} accepted)`);
  }

  // -------------------------------------------------------------------------------------------------------------------
  // Reading the topics and accounting for every event
  // -------------------------------------------------------------------------------------------------------------------
  const mentionsMine = (x: any): boolean => {
    if (typeof x === 'string') return mine.has(x) || x.includes(run);
    if (Array.isArray(x)) return x.some(mentionsMine);
    if (x && typeof x === 'object') return Object.values(x).some(mentionsMine);
    return false;
  };
  function readTopics(): Event[] {
    const out: Event[] = [];
    for (const topic of TOPICS) {
      rec[topic]!.messages.forEach((m, i) => {
        const e = m.event as unknown as Event['e'];
        const ev: Event = { topic, key: m.key, arrival: i, message: m, e };
        if (mine.has(e.subject) || mentionsMine(e.data) || refusedMarkers.some((f) => f(ev))) out.push(ev);
      });
    }
    return out;
  }
  /** Matches every expectation of every accepted call with one distinct event; returns what is missing. */
  function account(): { missing: string[]; badData: string[]; spurious: string[] } {
    events = readTopics();
    const byId = new Map<string, Event>();
    for (const ev of events) if (!byId.has(ev.e.id)) byId.set(ev.e.id, ev);
    distinct = [...byId.values()];
    matchOf.clear();
    const miss: string[] = [];
    const bad: string[] = [];
    const used = new Set<string>();
    const ordered = calls.filter((c) => c.accepted).sort((a, b) => a.seq - b.seq || a.t0 - b.t0);
    for (const c of ordered) {
      for (const x of c.expected) {
        const candidates = distinct.filter((ev) => !used.has(ev.e.id) && ev.topic === x.topic && ev.e.type === x.type && (x.subject !== null ? ev.e.subject === x.subject : ev.e.subject === ev.e.data?.[x.subjectField!]));
        const fit = candidates.find((ev) => dataMismatches(x.data, ev.e.data, 'data').length === 0);
        if (fit) {
          used.add(fit.e.id);
          matchOf.set(fit.e.id, c);
          continue;
        }
        if (x.optional) continue;
        const label = `#${c.seq} ${c.op}(${JSON.stringify(c.vars)}) as ${c.who.role}: ${x.type} keyed ${x.subject ?? `by data.${x.subjectField}`} on ${x.topic}`;
        if (candidates.length) {
          bad.push(`${label}: data differs from what the mutation returned: ${dataMismatches(x.data, candidates[0]!.e.data, 'data').join('; ')}`);
          used.add(candidates[0]!.e.id);
          matchOf.set(candidates[0]!.e.id, c);
        } else {
          const elsewhere = distinct.filter((ev) => ev.e.type === x.type && dataMismatches(x.data, ev.e.data, 'data').length === 0);
          miss.push(`${label}: no such event${elsewhere.length ? ` (found with key/subject ${elsewhere.map((e) => `${e.key}/${e.e.subject} on ${e.topic}`).join(', ')})` : ''}`);
        }
      }
    }
    const movedByRule = (ev: Event): boolean =>
      ev.e.type === 'EngagementEnded' && endsMovedByRule.some((m) => m.engagementId === ev.e.subject && m.endDate === ev.e.data?.['endDate']);
    const spur = distinct
      .filter((ev) => !used.has(ev.e.id) && !movedByRule(ev))
      .map((ev) => {
        const refusedAbout = calls.filter((c) => !c.accepted && JSON.stringify(c.vars).includes(ev.e.subject)).slice(-3);
        return `${ev.e.type} key=${ev.key} subject=${ev.e.subject} on ${ev.topic} data=${JSON.stringify(ev.e.data).slice(0, 600)}${refusedAbout.length ? ` -- refused calls about its subject (latest): ${refusedAbout.map((c) => `#${c.seq} ${c.op} ${c.code} (${c.why})`).join(', ')}` : ''}`;
      });
    return { missing: miss, badData: bad, spurious: spur };
  }

  beforeAll(async () => {
    await requireKafka();
    system = await startSystem();
    // Record from the start of each topic, before the first mutation.
    for (const t of TOPICS) rec[t] = await recordTopic(t, `recon-${run}`);
    console.log(`contract-only-events-reconciliation: SEED=${SEED} (RECON_SEED=<n> to change it), run=${run}, today=${TODAY}`);
    await workload();
    // Wait until every required event has arrived (or 60 s), then a little longer for anything extra.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && account().missing.length) await new Promise((r) => setTimeout(r, 500));
    await new Promise((r) => setTimeout(r, 3_000));
    const result = account();
    missing.push(...result.missing);
    badData.push(...result.badData);
    spurious.push(...result.spurious);
    // Envelope (README §3) of every event of ours.
    const ids = new Map<string, string>();
    for (const ev of events) {
      const e = ev.e;
      const where = `${e.type ?? '?'} ${e.id} on ${ev.topic}`;
      const body = JSON.stringify(e);
      if (ids.has(e.id) && ids.get(e.id) !== body) envelope.push(`${where}: two different events share the id ${e.id}`);
      ids.set(e.id, body);
      if (typeof e.id !== 'string' || !UUID.test(e.id)) envelope.push(`${where}: id is not a uuid`);
      if (e.version !== 1) envelope.push(`${where}: version ${JSON.stringify(e.version)}`);
      if (typeof e.occurredAt !== 'string' || !ISO_INSTANT.test(e.occurredAt) || Number.isNaN(Date.parse(e.occurredAt))) envelope.push(`${where}: occurredAt ${JSON.stringify(e.occurredAt)} is not an ISO instant`);
      if (e.source !== SOURCE[ev.topic]) envelope.push(`${where}: source ${JSON.stringify(e.source)} on ${ev.topic}`);
      if (typeof e.subject !== 'string' || !e.subject) envelope.push(`${where}: no subject`);
      if (ev.key !== e.subject) envelope.push(`${where}: Kafka key ${ev.key} is not the subject ${e.subject}`);
      if (e.data === null || typeof e.data !== 'object') envelope.push(`${where}: data is not an object`);
      const typeTopic = Object.entries(CONTRACT_TYPES).find(([, types]) => types.includes(e.type))?.[0];
      if (typeTopic && typeTopic !== ev.topic) envelope.push(`${where}: a ${e.type} belongs on ${typeTopic}`);
      const c = matchOf.get(e.id);
      if (c && !Number.isNaN(Date.parse(e.occurredAt)) && (Date.parse(e.occurredAt) < c.t0 - 2_000 || Date.parse(e.occurredAt) > c.t1 + 2_000)) {
        envelope.push(`${where}: occurredAt ${e.occurredAt} lies outside its mutation (#${c.seq} ${c.op}, ${new Date(c.t0).toISOString()}..${new Date(c.t1).toISOString()})`);
      }
    }
    console.log(
      [
        `workload: ${progress.join('; ')}`,
        `ops: ${Object.entries(calls.reduce<Record<string, string>>((acc, c) => ({ ...acc, [c.op]: `${(Number((acc[c.op] ?? '0/0').split('/')[0]) + (c.accepted ? 1 : 0))}/${Number((acc[c.op] ?? '0/0').split('/')[1]) + 1}` }), {})).map(([k, v]) => `${k} ${v}`).join(', ')}`,
        `concurrent groups: ${dupGroups.map((g) => `${g.group} [${g.calls.map((c) => (c.accepted ? 'ok' : c.code)).join(',')}]`).join('; ')}`,
        `events of this run: ${events.length} (${distinct.length} distinct ids); missing ${missing.length}, data mismatches ${badData.length}, unaccounted ${spurious.length}, envelope ${envelope.length}`,
      ].join('\n'),
    );
  }, LONG);

  afterAll(async () => {
    for (const r of Object.values(rec)) await r.stop().catch(() => undefined);
    await system?.stop();
  });

  // -------------------------------------------------------------------------------------------------------------------
  it('the workload covers all the mutations of contract.graphql, each with an accepted and a refused call, and every role that may call it', () => {
    const coverage: Record<string, string> = {};
    const wanted: Record<string, string> = {};
    for (const op of Object.keys(M) as Op[]) {
      const mineOp = calls.filter((c) => c.op === op);
      const rolesAccepted = [...new Set(mineOp.filter((c) => c.accepted).map((c) => c.who.role))].sort();
      coverage[op] = `accepted by ${rolesAccepted.join('+')}; refused ${mineOp.some((c) => !c.accepted) ? 'yes' : 'no'}`;
      wanted[op] = `accepted by ${[...ALLOWED[op]].sort().join('+')}; refused yes`;
    }
    expect(coverage).toEqual(wanted);
  });

  it('the workload behaved as the contract says: valid calls accepted, refusals refused with the code named for them (so the event checks below are about what was meant)', () => {
    const off = calls
      .filter((c) => (c.intent === 'valid' && !c.accepted) || (c.intent === 'refused' && (c.accepted || !c.expectCodes!.includes(c.code ?? ''))))
      .map((c) => `#${c.seq} ${c.op} as ${c.who.role}${c.why ? ` (${c.why})` : ''}: wanted ${c.intent === 'valid' ? 'accepted' : c.expectCodes!.join('|')}, got ${c.accepted ? 'accepted' : `${c.code}: ${c.result.errors?.[0]?.message}`} vars=${JSON.stringify(c.vars).slice(0, 200)}`);
    expect(off).toEqual([]);
  });

  it('1. every accepted mutation published exactly one event of each expected type, keyed by its aggregate id, with data as the mutation returned it', () => {
    expect({ missing, badData }).toEqual({ missing: [], badData: [] });
  });

  it('1. every event of this run has the contract envelope (uuid id unique per event, type, version 1, ISO occurredAt within its mutation, source, subject = Kafka key) on the topic of its type', () => {
    expect(envelope).toEqual([]);
  });

  it('2. refused and rolled-back mutations published nothing: every event of this run is accounted for by one accepted change', () => {
    expect(spurious).toEqual([]);
  });

  it('2. concurrent duplicates (same registration, vote, acknowledgement, SRP booking, close, appointment, end) published exactly as many events as changes were committed', async () => {
    const found: Record<string, string[]> = {};
    for (const g of dupGroups) {
      const codes = g.calls.map((c) => (c.accepted ? 'ok' : c.code)).join(',');
      const problems = await g.check();
      const badLosers = g.calls.filter((c) => !c.accepted && !c.expectCodes!.includes(c.code ?? '')).map((c) => `a loser answered ${c.code}: ${c.result.errors?.[0]?.message}`);
      found[`${g.group} x${g.calls.length} [${codes}]`] = [...problems, ...badLosers];
    }
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
  });

  // -------------------------------------------------------------------------------------------------------------------
  it('3. a subscriber that rebuilds state from the events alone (idempotent by event id) agrees with what GraphQL answers for the same ids, field by field', async () => {
    // --- the subscriber: only the events, in arrival order per topic, each id applied once ---------------------------
    interface RParty { name: string; userRoles: string[]; srpFrom: string[]; premises: Array<{ count: number; effectiveFrom: string }> }
    const parties = new Map<string, RParty>();
    const resources = new Map<string, { name: string; scope: string; provider: string }>();
    const engagements = new Map<string, { user: string; provider: string; resource: string; startDate: string; endDate: string | null }>();
    const assessments = new Map<string, any>();
    const documents = new Map<string, { kind: string; title: string; subject: string; assessmentId: string | null; issuedOn: string; sha256: string; recipients: Map<string, { acknowledgedAt: string | null; issuedInError: boolean }> }>();
    const elections = new Map<string, { seatKind: string; opensOn: string; closesOn: string; state: string; winner: string | null; candidates: Map<string, { nomineeName: string; nominatingPartyId: string; approvedBySsc: boolean }> }>();
    const members = new Map<string, { name: string; seatKind: string; partyId: string | null; impartialityDeclared: boolean; termEndsOn: string; electionId: string }>();
    const superseded = new Set<string>();
    const uninterpreted = new Set<string>();
    const applied = new Set<string>();
    for (const topic of TOPICS) {
      for (const ev of events.filter((x) => x.topic === topic).sort((a, b) => a.arrival - b.arrival)) {
        if (applied.has(ev.e.id)) continue; // idempotent by id: a redelivery changes nothing
        applied.add(ev.e.id);
        const d = ev.e.data ?? {};
        switch (ev.e.type) {
          case 'PartyRegistered':
            parties.set(d.partyId, {
              name: d.name,
              userRoles: d.userRoles ?? [],
              srpFrom: d.isSharedResourceProvider ? ['0000-01-01'] : [],
              premises: d.domesticPremises ? [{ count: d.domesticPremises.count, effectiveFrom: d.domesticPremises.effectiveFrom }] : [],
            });
            break;
          case 'DomesticPremisesRecorded':
            parties.get(d.partyId)?.premises.push({ count: d.count, effectiveFrom: d.effectiveFrom });
            break;
          case 'SharedResourceRegistered':
            resources.set(d.sharedResourceId, { name: d.name, scope: d.scope, provider: d.providerPartyId });
            break;
          case 'SharedResourceProviderDesignated':
            parties.get(d.partyId)?.srpFrom.push(d.effectiveFrom);
            break;
          case 'EngagementStarted':
            engagements.set(d.engagementId, { user: d.userPartyId, provider: d.providerPartyId, resource: d.sharedResourceId, startDate: d.startDate, endDate: d.endDate ?? null });
            break;
          case 'EngagementEnded': {
            const g = engagements.get(d.engagementId);
            if (g) g.endDate = d.endDate;
            break;
          }
          case 'AssessmentScheduled':
            assessments.set(d.assessmentId, {
              party: d.partyId,
              type: d.type,
              calendarYear: d.calendarYear,
              scheduledFor: d.scheduledFor,
              scheduledOn: d.scheduledOn,
              directedBySsc: d.directedBySsc,
              state: 'SCHEDULED',
              fieldworkCompletedOn: null,
              assuranceStatus: null,
              assuranceStatusSetOn: null,
              nextDueBy: null,
              charge: d.chargePence ?? null,
              requirement: d.requirement,
            });
            break;
          case 'FieldworkCompleted':
            Object.assign(assessments.get(d.assessmentId) ?? {}, { state: 'COMPLETED', fieldworkCompletedOn: d.completedOn });
            break;
          case 'AssuranceStatusSet':
            Object.assign(assessments.get(d.assessmentId) ?? {}, { state: 'STATUS_SET', assuranceStatus: d.status, assuranceStatusSetOn: d.setOn, nextDueBy: d.nextDueBy });
            break;
          case 'AssessmentCancelled':
            Object.assign(assessments.get(d.assessmentId) ?? {}, { state: 'CANCELLED' });
            break;
          case 'FollowUpRequested':
          case 'ProviderNonCompliant':
          case 'NonComplianceCaseOpened':
            break; // no field of the contract's reads
          case 'DocumentIssued':
            documents.set(d.documentId, {
              kind: d.kind,
              title: d.title,
              subject: d.subjectPartyId,
              assessmentId: d.assessmentId ?? null,
              issuedOn: d.issuedOn,
              sha256: d.sha256,
              recipients: new Map((d.recipientPartyIds ?? []).map((p: string) => [p, { acknowledgedAt: null, issuedInError: false }])),
            });
            break;
          case 'DocumentRecipientAdded': {
            const doc = documents.get(d.documentId);
            if (doc) doc.recipients.set(d.partyId, { acknowledgedAt: null, issuedInError: false });
            else uninterpreted.add(`${ev.e.type} for a document the events never issued (${d.documentId})`);
            break;
          }
          case 'DocumentAcknowledged': {
            const r = documents.get(d.documentId)?.recipients.get(d.partyId);
            if (r) r.acknowledgedAt = d.acknowledgedAt;
            else uninterpreted.add(`${ev.e.type} for a copy the events never issued (${d.documentId} to ${d.partyId})`);
            break;
          }
          case 'DocumentCopyIssuedInError': {
            const r = documents.get(d.documentId)?.recipients.get(d.partyId);
            if (r) r.issuedInError = true;
            else uninterpreted.add(`${ev.e.type} for a copy the events never issued (${d.documentId} to ${d.partyId})`);
            break;
          }
          case 'ElectionOpened':
            elections.set(d.electionId, { seatKind: d.seatKind, opensOn: d.opensOn, closesOn: d.closesOn, state: 'OPEN', winner: null, candidates: new Map() });
            break;
          case 'NominationAccepted':
            elections.get(d.electionId)?.candidates.set(d.nominationId, { nomineeName: d.nomineeName, nominatingPartyId: d.nominatingPartyId, approvedBySsc: false });
            break;
          case 'VoteCast':
            break; // the contract's reads show no votes; the tally is checked with ElectionClosed (duplicates test)
          case 'ElectionClosed': {
            const e = elections.get(d.electionId);
            if (e) Object.assign(e, { state: 'CLOSED', winner: d.winnerNominationId ?? null });
            break;
          }
          case 'NominationApproved': {
            const n = elections.get(d.electionId)?.candidates.get(d.nominationId);
            if (n) n.approvedBySsc = true;
            break;
          }
          case 'MemberAppointed':
            members.set(d.memberId, { name: d.name, seatKind: d.seatKind, partyId: d.partyId ?? null, impartialityDeclared: d.impartialityDeclared, termEndsOn: d.termEndsOn, electionId: d.electionId });
            for (const s of d.supersededMemberIds ?? []) superseded.add(s);
            // The SSC approves the winner when it appoints them (Nomination.approvedBySsc).
            break;
          default:
            uninterpreted.add(`${ev.e.type} on ${topic}`);
        }
      }
    }

    // --- GraphQL, as SECAS_ADMIN, for the same ids -----------------------------------------------------------------
    const diffs: string[] = [];
    const cmp = (what: string, fromEvents: unknown, fromGraphql: unknown) => {
      if (!same(fromEvents, fromGraphql)) diffs.push(`${what}: events say ${JSON.stringify(fromEvents)}, GraphQL says ${JSON.stringify(fromGraphql)}`);
    };
    const createdParties = calls.filter((c) => c.op === 'registerParty' && c.accepted).map((c) => c.data.id as string);
    const premisesAsOf = (p: RParty, asOf: string) => {
      const upTo = p.premises.map((x, i) => ({ ...x, i })).filter((x) => x.effectiveFrom <= asOf);
      if (!upTo.length) return undefined;
      // latest effective date; among equal dates, the latest recorded
      return upTo.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.i - b.i).pop()!.count;
    };
    const ENG = 'id user { id } provider { id } sharedResource { id name scope provider { id } } startDate endDate';
    for (const id of createdParties) {
      const p = parties.get(id);
      if (!p) {
        diffs.push(`party ${id}: no PartyRegistered event`);
        continue;
      }
      const dates = [...new Set(p.premises.flatMap((x) => [x.effectiveFrom, addDays(x.effectiveFrom, -1)]).concat(TODAY))].sort();
      const aliases = dates.map((d, i) => `p${i}: domesticPremises(asOf: "${d}")`).join(' ');
      const g = (
        await read(
          `query($id: ID!) { party(id: $id) { id name userRoles isSharedResourceProvider ${aliases} engagementsAsUser { ${ENG} } engagementsAsProvider { ${ENG} } assessments { id } documentsReceived { id } } }`,
          { id },
        )
      ).party;
      const label = `party ${p.name.replace(` ${run}`, '')} (${id})`;
      cmp(`${label} name`, p.name, g.name);
      cmp(`${label} userRoles`, sorted(p.userRoles), sorted(g.userRoles));
      cmp(`${label} isSharedResourceProvider`, p.srpFrom.some((f) => f <= TODAY), g.isSharedResourceProvider);
      dates.forEach((d, i) => {
        const fromEvents = premisesAsOf(p, d);
        if (fromEvents !== undefined) cmp(`${label} domesticPremises(asOf: ${d})`, fromEvents, g[`p${i}`]);
      });
      for (const [side, field] of [
        ['user', 'engagementsAsUser'],
        ['provider', 'engagementsAsProvider'],
      ] as const) {
        const fromEvents = [...engagements.entries()].filter(([, e]) => e[side] === id);
        cmp(`${label} ${field} ids`, fromEvents.map(([k]) => k).sort(), g[field].map((e: any) => e.id).sort());
        for (const [eid, e] of fromEvents) {
          const ge = g[field].find((x: any) => x.id === eid);
          if (!ge) continue;
          const r = resources.get(e.resource);
          cmp(`${label} ${field} ${eid}`, { user: e.user, provider: e.provider, sharedResource: e.resource, startDate: e.startDate, endDate: e.endDate }, { user: ge.user.id, provider: ge.provider.id, sharedResource: ge.sharedResource.id, startDate: ge.startDate, endDate: ge.endDate });
          cmp(`${label} ${field} ${eid} sharedResource`, r ?? null, { name: ge.sharedResource.name, scope: ge.sharedResource.scope, provider: ge.sharedResource.provider.id });
        }
      }
      cmp(`${label} assessments ids`, [...assessments.entries()].filter(([, a]) => a.party === id).map(([k]) => k).sort(), g.assessments.map((a: any) => a.id).sort());
      cmp(`${label} documentsReceived ids`, [...documents.entries()].filter(([, d]) => d.recipients.has(id)).map(([k]) => k).sort(), g.documentsReceived.map((d: any) => d.id).sort());
    }
    for (const [id, a] of assessments) {
      const g = (await read(`query($id: ID!) { assessment(id: $id) { ${ASSESSMENT} } }`, { id })).assessment;
      if (!g) {
        diffs.push(`assessment ${id}: GraphQL has none`);
        continue;
      }
      const req = (r: any) => r && { ...r, coveredCategories: sorted(r.coveredCategories), ruleIds: sorted(r.ruleIds) };
      const fields = ['type', 'calendarYear', 'scheduledFor', 'scheduledOn', 'directedBySsc', 'state', 'fieldworkCompletedOn', 'assuranceStatus', 'assuranceStatusSetOn', 'nextDueBy', 'charge'];
      cmp(`assessment ${id} party`, a.party, g.party.id);
      for (const f of fields) cmp(`assessment ${id} ${f}`, a[f], g[f]);
      const keys = REQUIREMENT.split(' ');
      cmp(`assessment ${id} requirement`, Object.fromEntries(keys.map((k) => [k, req(a.requirement)?.[k]])), Object.fromEntries(keys.map((k) => [k, req(g.requirement)[k]])));
    }
    for (const [id, d] of documents) {
      const g = (await read(`query($id: ID!) { document(id: $id) { ${DOCUMENT} } }`, { id })).document;
      if (!g) {
        diffs.push(`document ${id}: GraphQL has none`);
        continue;
      }
      cmp(`document ${id}`, { kind: d.kind, title: d.title, subject: d.subject, assessmentId: d.assessmentId, issuedOn: d.issuedOn, sha256: d.sha256 }, { kind: g.kind, title: g.title, subject: g.subject.id, assessmentId: g.assessmentId, issuedOn: g.issuedOn, sha256: g.sha256 });
      const rows = (m: Array<[string, { acknowledgedAt: string | null; issuedInError: boolean }]>) =>
        Object.fromEntries(m.sort(([a], [b]) => a.localeCompare(b)).map(([p, r]) => [p, { acknowledgedAt: r.acknowledgedAt ? new Date(r.acknowledgedAt).toISOString() : null, issuedInError: r.issuedInError }]));
      cmp(`document ${id} recipients`, rows([...d.recipients.entries()]), rows(g.recipients.map((r: any) => [r.party.id, { acknowledgedAt: r.acknowledgedAt, issuedInError: r.issuedInError }])));
    }
    for (const [id, e] of elections) {
      const g = (await read(`query($id: ID!) { election(id: $id) { ${ELECTION} } }`, { id })).election;
      if (!g) {
        diffs.push(`election ${id}: GraphQL has none`);
        continue;
      }
      cmp(`election ${id}`, { seatKind: e.seatKind, state: e.state, opensOn: e.opensOn, closesOn: e.closesOn, winner: e.winner }, { seatKind: g.seatKind, state: g.state, opensOn: g.opensOn, closesOn: g.closesOn, winner: g.winner?.id ?? null });
      cmp(
        `election ${id} candidates`,
        Object.fromEntries([...e.candidates.entries()].sort(([a], [b]) => a.localeCompare(b))),
        Object.fromEntries(g.candidates.map((c: any) => [c.id, { nomineeName: c.nomineeName, nominatingPartyId: c.nominatingPartyId, approvedBySsc: c.approvedBySsc }]).sort(([a]: [string], [b]: [string]) => a.localeCompare(b))),
      );
    }
    const seats = (await read(`query { sscSeats { kind members { id name seatKind partyId impartialityDeclared termEndsOn } } }`)).sscSeats;
    const sitting = seats.flatMap((s: any) => s.members).sort((a: any, b: any) => a.id.localeCompare(b.id));
    const rebuilt = [...members.entries()].filter(([id]) => !superseded.has(id)).map(([id, m]) => ({ id, name: m.name, seatKind: m.seatKind, partyId: m.partyId, impartialityDeclared: m.impartialityDeclared, termEndsOn: m.termEndsOn })).sort((a, b) => a.id.localeCompare(b.id));
    cmp('sscSeats members', rebuilt, sitting);

    expect({ diffs, uninterpreted: [...uninterpreted] }).toEqual({ diffs: [], uninterpreted: [] });
  });

  it('R-DIST-7, R-DIST-4 across services: a back-dated end and a document to that user never both commit one right after the other, in either order', () => {
    expect(raceFindings).toEqual([]);
  });

  // -------------------------------------------------------------------------------------------------------------------
  it('4. per key, each topic delivers the events in the order the changes were made', () => {
    const out: string[] = [];
    const byKey = new Map<string, Event[]>();
    for (const ev of events) {
      const k = `${ev.topic}|${ev.key}`;
      if (!byKey.has(k)) byKey.set(k, []);
      byKey.get(k)!.push(ev);
    }
    for (const [k, evs] of byKey) {
      const firstSeen = new Set<string>();
      let last: { seq: number; ev: Event } | undefined;
      for (const ev of evs.sort((a, b) => a.arrival - b.arrival)) {
        if (firstSeen.has(ev.e.id)) continue; // a redelivery
        firstSeen.add(ev.e.id);
        const c = matchOf.get(ev.e.id);
        if (!c) continue;
        if (last && c.seq < last.seq) out.push(`${k}: ${ev.e.type} of change #${c.seq} (${c.op}) arrived after ${last.ev.e.type} of change #${last.seq}`);
        if (last && Date.parse(ev.e.occurredAt) < Date.parse(last.ev.e.occurredAt) && c.seq > last.seq) out.push(`${k}: ${ev.e.type} occurredAt ${ev.e.occurredAt} is before the earlier ${last.ev.e.type}'s ${last.ev.e.occurredAt}`);
        if (!last || c.seq >= last.seq) last = { seq: c.seq, ev };
      }
    }
    expect(out).toEqual([]);
  });
});
