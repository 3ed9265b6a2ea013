import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { startSystem, type GraphQLResult, type RunningSystem } from './system';
import { addDays } from './calendar';

// Contract README §3 as another team meets it: a plain kafkajs consumer on the four contract topics,
// the envelope and key of every event our contract-only requests caused, the event set each topic
// promises, nothing for a refused mutation, and every real event checked against the JSON Schemas
// and the AsyncAPI document the README says are in the repository (libs/events/schemas, asyncapi.yaml).

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SCHEMAS = path.join(ROOT, 'libs', 'events', 'schemas');
const ASYNCAPI = path.join(ROOT, 'libs', 'events', 'asyncapi.yaml');
const CONTRACT_TOPICS: Record<string, { source: string; types: string[] }> = {
  'sec.party-registry.v1': { source: 'party-registry', types: ['PartyRegistered', 'DomesticPremisesRecorded', 'SharedResourceRegistered', 'SharedResourceProviderDesignated', 'EngagementStarted', 'EngagementEnded'] },
  'sec.assessment-scheduling.v1': { source: 'assessment-scheduling', types: ['AssessmentScheduled', 'FieldworkCompleted', 'AssuranceStatusSet', 'FollowUpRequested', 'ProviderNonCompliant'] },
  'sec.report-distribution.v1': { source: 'report-distribution', types: ['DocumentIssued', 'DocumentAcknowledged'] },
  'sec.ssc-membership.v1': { source: 'ssc-membership', types: ['ElectionOpened', 'NominationAccepted', 'VoteCast', 'ElectionClosed', 'MemberAppointed'] },
};
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Msg {
  topic: string;
  key: string | null;
  event: { id: string; type: string; version: number; occurredAt: string; source: string; subject: string; data: Record<string, unknown> } & Record<string, unknown>;
}
type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const code = (r: GraphQLResult<unknown>): string | undefined => r.errors?.[0]?.extensions?.code as string | undefined;

describe('contract only: §3 events of the contract mutations on the four topics (plain kafkajs)', () => {
  let system: RunningSystem;
  let consumer: Consumer;
  const messages: Msg[] = [];
  const run = randomBytes(4).toString('hex');
  const t: Record<string, string> = {};
  const id: Record<string, string> = {};

  const ok = async (token: string, query: string, variables: Record<string, unknown> = {}): Promise<Data> => {
    const r = await system.query<Data>(token, query, variables);
    if (r.errors) throw new Error(r.errors.map((e) => `${e.extensions?.code} ${e.message}`).join('; '));
    return r.data!;
  };
  const waitFor = async <T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await probe();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const about = (subject: string, type?: string): Msg[] => messages.filter((m) => m.event.subject === subject && (type === undefined || m.event.type === type));
  const one = (subject: string, type: string): Promise<Msg> => waitFor(() => about(subject, type)[0], `${type} about ${subject}`);
  const envelope = (m: Msg, topic: string, type: string, subject: string): void => {
    expect(m.topic).toBe(topic);
    expect(Object.keys(m.event).sort()).toEqual(['data', 'id', 'occurredAt', 'source', 'subject', 'type', 'version']);
    expect(m.event).toMatchObject({ type, version: 1, source: CONTRACT_TOPICS[topic]!.source, subject });
    expect(m.event.id).toMatch(UUID);
    expect(m.event.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
    expect(m.key).toBe(subject);
  };

  beforeAll(async () => {
    system = await startSystem();
    const kafka = new Kafka({ clientId: `co-events-${run}`, brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING });
    consumer = kafka.consumer({ groupId: `co-events-${run}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topics: Object.keys(CONTRACT_TOPICS), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        if (message.value) {
          let event: Msg['event'];
          try {
            event = JSON.parse(message.value.toString()) as Msg['event'];
          } catch {
            return; // not an event (another spec may put such values on the topics)
          }
          if (event === null || typeof event !== 'object' || typeof event.type !== 'string' || event.data === null || typeof event.data !== 'object') return;
          messages.push({ topic, key: message.key?.toString() ?? null, event });
        }
      },
    });
    t.admin = await system.token('SECAS_ADMIN');
    t.ssc = await system.token('SSC_MEMBER');
    t.cio = await system.token('USER_CIO');
    // A provider P (no User Role, WHOLE_USER_SYSTEM resource since 2024-01-01), its user U, and a stranger S.
    const reg = async (name: string, userRoles: string[], premises?: number): Promise<string> =>
      (await ok(t.admin!, `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }`, {
        input: { name: `${name} ${run}`, userRoles, ...(premises === undefined ? {} : { domesticPremises: premises, premisesEffectiveFrom: '2020-01-01' }) },
      })).registerParty.id;
    id.p = await reg('Events provider', []);
    id.u = await reg('Events user', ['GAS_SUPPLIER'], 100_000);
    id.s = await reg('Events stranger', ['OTHER_USER'], 10);
    id.res = (await ok(t.admin!, `mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }`, {
      input: { name: `Events hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: id.p, availableFrom: '2024-01-01' },
    })).registerSharedResource.id;
    id.eng = (await ok(t.admin!, `mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id } }`, {
      input: { userPartyId: id.u, sharedResourceId: id.res, startDate: '2024-02-01' },
    })).engageSharedResource.id;
    t.p = await system.token('PARTY_USER', id.p);
    t.u = await system.token('PARTY_USER', id.u);
    t.s = await system.token('PARTY_USER', id.s);
  });
  afterAll(async () => {
    await consumer?.disconnect();
    await system?.stop();
  });

  describe('sec.assessment-scheduling.v1', () => {
    const SCHEDULE = `mutation ScheduleAssessment($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id type calendarYear scheduledFor state requirement { type ruleSet premisesUsed ruleIds } charge } }`;
    const COMPLETE = `mutation CompleteFieldwork($assessmentId: ID!, $completedOn: Date!) { completeFieldwork(assessmentId: $assessmentId, completedOn: $completedOn) { id state fieldworkCompletedOn } }`;
    const STATUS = `mutation SetAssuranceStatus($assessmentId: ID!, $status: AssuranceStatus!, $setOn: Date!, $conditions: String) {
      setAssuranceStatus(assessmentId: $assessmentId, status: $status, setOn: $setOn, conditions: $conditions) { id state assuranceStatus assuranceStatusSetOn nextDueBy } }`;
    const FOLLOW = `mutation RequestFollowUp($partyId: ID!, $reason: String!, $scheduledFor: Date!) { requestFollowUp(partyId: $partyId, reason: $reason, scheduledFor: $scheduledFor) { id type state party { id } } }`;

    it('§2, R-MATRIX-6: refused scheduleAssessment (USER_CIO FORBIDDEN; determinationDate in the future BAD_USER_INPUT) publishes nothing', async () => {
      const input = { partyId: id.p, determinationDate: TODAY, scheduledFor: TODAY };
      expect(code(await system.query(t.cio!, SCHEDULE, { input }))).toBe('FORBIDDEN');
      expect(code(await system.query(t.p!, SCHEDULE, { input }))).toBe('FORBIDDEN');
      // The party may still be on its way to assessment-scheduling: retry while it is unknown.
      const r = await waitFor(async () => {
        const res = await system.query(t.admin!, SCHEDULE, { input: { ...input, determinationDate: addDays(TODAY, 1) } });
        return code(res) === 'NOT_FOUND' ? undefined : res;
      }, 'the provider in assessment-scheduling');
      expect(code(r)).toBe('BAD_USER_INPUT');
    });

    it('§3: scheduleAssessment publishes one AssessmentScheduled (key = assessment id) matching the answer', async () => {
      const a = await waitFor(async () => {
        const r = await system.query<Data>(t.admin!, SCHEDULE, { input: { partyId: id.p, determinationDate: TODAY, scheduledFor: TODAY } });
        if (code(r) === 'NOT_FOUND') return undefined;
        if (r.errors) throw new Error(r.errors.map((e) => `${e.extensions?.code} ${e.message}`).join('; '));
        return r.data!.scheduleAssessment;
      }, 'scheduleAssessment');
      id.assessment = a.id;
      const answer = a;
      expect(answer).toMatchObject({ type: 'FULL', state: 'SCHEDULED', scheduledFor: TODAY });
      const m = await one(id.assessment, 'AssessmentScheduled');
      envelope(m, 'sec.assessment-scheduling.v1', 'AssessmentScheduled', id.assessment);
      expect(m.event.data).toMatchObject({ assessmentId: id.assessment, partyId: id.p, type: answer.type, calendarYear: answer.calendarYear, scheduledFor: TODAY, determinationDate: TODAY, ruleSet: answer.requirement.ruleSet });
      // Judgement call (not asserted as a defect): data.charge is in pounds, data.chargePence is the contract's pence.
      expect(m.event.data.chargePence).toBe(answer.charge);
    });

    it('§3: completeFieldwork publishes FieldworkCompleted; refusals (SSC FORBIDDEN, before scheduledFor BAD_USER_INPUT) publish nothing', async () => {
      expect(code(await system.query(t.ssc!, COMPLETE, { assessmentId: id.assessment, completedOn: TODAY }))).toBe('FORBIDDEN');
      expect(code(await system.query(t.admin!, COMPLETE, { assessmentId: id.assessment, completedOn: TODAY }))).toBe('FORBIDDEN');
      expect(code(await system.query(t.cio!, COMPLETE, { assessmentId: id.assessment, completedOn: addDays(TODAY, -1) }))).toBe('BAD_USER_INPUT');
      const c = (await ok(t.cio!, COMPLETE, { assessmentId: id.assessment, completedOn: TODAY })).completeFieldwork;
      expect(c).toEqual({ id: id.assessment, state: 'COMPLETED', fieldworkCompletedOn: TODAY });
      const m = await one(id.assessment, 'FieldworkCompleted');
      envelope(m, 'sec.assessment-scheduling.v1', 'FieldworkCompleted', id.assessment);
      expect(m.event.data).toMatchObject({ assessmentId: id.assessment, partyId: id.p, completedOn: TODAY });
      expect(about(id.assessment).map((x) => x.event.type)).toEqual(['AssessmentScheduled', 'FieldworkCompleted']);
    });

    it('§3, R-DEF-1: setAssuranceStatus DEFERRED on a provider publishes AssuranceStatusSet and ProviderNonCompliant naming its user; CIO is FORBIDDEN', async () => {
      expect(code(await system.query(t.cio!, STATUS, { assessmentId: id.assessment, status: 'DEFERRED', setOn: TODAY }))).toBe('FORBIDDEN');
      const s = (await ok(t.ssc!, STATUS, { assessmentId: id.assessment, status: 'DEFERRED', setOn: TODAY })).setAssuranceStatus;
      expect(s).toMatchObject({ id: id.assessment, state: 'STATUS_SET', assuranceStatus: 'DEFERRED', assuranceStatusSetOn: TODAY });
      const m = await one(id.assessment, 'AssuranceStatusSet');
      envelope(m, 'sec.assessment-scheduling.v1', 'AssuranceStatusSet', id.assessment);
      expect(m.event.data).toMatchObject({ assessmentId: id.assessment, partyId: id.p, status: 'DEFERRED', setOn: TODAY, nextDueBy: s.nextDueBy });
      const n = await one(id.assessment, 'ProviderNonCompliant');
      envelope(n, 'sec.assessment-scheduling.v1', 'ProviderNonCompliant', id.assessment);
      expect(n.event.data).toMatchObject({ providerPartyId: id.p, assessmentId: id.assessment, status: 'DEFERRED', userPartyIds: [id.u] });
      // Setting it again is refused and publishes no second AssuranceStatusSet.
      expect(code(await system.query(t.ssc!, STATUS, { assessmentId: id.assessment, status: 'APPROVED', setOn: TODAY }))).toBe('CONFLICT');
    });

    it('§3, R-STATUS-1: requestFollowUp publishes FollowUpRequested (key = the DEFERRED assessment id, naming the follow-up); CIO FORBIDDEN and a blank reason BAD_USER_INPUT publish nothing', async () => {
      expect(code(await system.query(t.cio!, FOLLOW, { partyId: id.p, reason: 'Deferred findings', scheduledFor: addDays(TODAY, 14) }))).toBe('FORBIDDEN');
      expect(code(await system.query(t.ssc!, FOLLOW, { partyId: id.p, reason: '   ', scheduledFor: addDays(TODAY, 14) }))).toBe('BAD_USER_INPUT');
      const f = (await ok(t.ssc!, FOLLOW, { partyId: id.p, reason: `Deferred findings ${run}`, scheduledFor: addDays(TODAY, 14) })).requestFollowUp;
      expect(f).toMatchObject({ type: 'FOLLOW_UP', state: 'SCHEDULED', party: { id: id.p } });
      id.followUp = f.id;
      // The event is about the DEFERRED assessment that needs the follow-up (its key), naming the follow-up.
      const m = await one(id.assessment, 'FollowUpRequested');
      envelope(m, 'sec.assessment-scheduling.v1', 'FollowUpRequested', id.assessment);
      expect(m.event.data).toMatchObject({ assessmentId: id.assessment, followUpAssessmentId: f.id, partyId: id.p, reason: `Deferred findings ${run}`, scheduledFor: addDays(TODAY, 14) });
      const scheduled = await one(f.id, 'AssessmentScheduled');
      expect(scheduled.event.data).toMatchObject({ assessmentId: f.id, partyId: id.p, type: 'FOLLOW_UP', scheduledFor: addDays(TODAY, 14) });
      // Exactly one status and one follow-up request for the party's assessments.
      expect(about(id.assessment, 'AssuranceStatusSet')).toHaveLength(1);
      expect(messages.filter((x) => x.event.type === 'FollowUpRequested' && x.event.data.partyId === id.p)).toHaveLength(1);
    });
  });

  describe('sec.report-distribution.v1', () => {
    const ISSUE = `mutation IssueDocument($input: IssueDocumentInput!) { issueDocument(input: $input) { id kind title issuedOn sha256 subject { id } recipients { party { id } acknowledgedAt } } }`;
    const ACK = `mutation AcknowledgeDocument($documentId: ID!) { acknowledgeDocument(documentId: $documentId) { party { id } acknowledgedAt } }`;

    it('R-DIST-2: issuedOn of another day is BAD_USER_INPUT and an SSC_MEMBER may not issue an ASSESSMENT_REPORT; neither is published', async () => {
      const input = { subjectPartyId: id.p, assessmentId: id.assessment, kind: 'ASSESSMENT_REPORT', title: `Refused report ${run}`, content: 'x' };
      expect(code(await system.query(t.cio!, ISSUE, { input: { ...input, issuedOn: addDays(TODAY, -1) } }))).toBe('BAD_USER_INPUT');
      expect(code(await system.query(t.ssc!, ISSUE, { input }))).toBe('FORBIDDEN');
      expect(code(await system.query(t.u!, ISSUE, { input }))).toBe('FORBIDDEN');
    });

    it('§3, R-DIST-2: issueDocument publishes DocumentIssued (key = document id) with the answer\'s recipients and sha256', async () => {
      const d = (await ok(t.cio!, ISSUE, { input: { subjectPartyId: id.p, assessmentId: id.assessment, kind: 'ASSESSMENT_REPORT', title: `Report ${run}`, content: `Findings ${run}` } })).issueDocument;
      id.doc = d.id;
      expect(d).toMatchObject({ kind: 'ASSESSMENT_REPORT', issuedOn: TODAY, subject: { id: id.p } });
      expect((d.recipients as Data[]).map((r) => r.party.id).sort()).toEqual([id.p, id.u].sort());
      const m = await one(d.id, 'DocumentIssued');
      envelope(m, 'sec.report-distribution.v1', 'DocumentIssued', d.id);
      expect(m.event.data).toMatchObject({ documentId: d.id, kind: 'ASSESSMENT_REPORT', subjectPartyId: id.p, assessmentId: id.assessment, title: `Report ${run}`, issuedOn: TODAY, sha256: d.sha256 });
      expect([...(m.event.data.recipientPartyIds as string[])].sort()).toEqual([id.p, id.u].sort());
      expect(messages.filter((x) => x.event.type === 'DocumentIssued' && x.event.data.title === `Refused report ${run}`)).toEqual([]);
    });

    it('§3, R-DIST-3: acknowledgeDocument publishes one DocumentAcknowledged for the recipient; a non-recipient is refused and publishes nothing', async () => {
      const refused = await system.query(t.s!, ACK, { documentId: id.doc });
      expect(['NOT_FOUND', 'FORBIDDEN']).toContain(code(refused));
      expect(code(await system.query(t.admin!, ACK, { documentId: id.doc }))).toBe('FORBIDDEN');
      const a = (await ok(t.u!, ACK, { documentId: id.doc })).acknowledgeDocument;
      expect(a.party).toEqual({ id: id.u });
      expect(Number.isNaN(Date.parse(a.acknowledgedAt))).toBe(false);
      const m = await one(id.doc, 'DocumentAcknowledged');
      envelope(m, 'sec.report-distribution.v1', 'DocumentAcknowledged', id.doc);
      expect(m.event.data).toMatchObject({ documentId: id.doc, partyId: id.u });
      expect(Date.parse(m.event.data.acknowledgedAt as string)).toBe(Date.parse(a.acknowledgedAt));
      // The provider's own acknowledgement follows on the same key: the stranger's refusal left nothing before it.
      await ok(t.p!, ACK, { documentId: id.doc });
      await waitFor(() => about(id.doc, 'DocumentAcknowledged').length >= 2 || undefined, 'the second acknowledgement');
      expect(about(id.doc, 'DocumentAcknowledged').map((x) => x.event.data.partyId)).toEqual([id.u, id.p]);
    });
  });

  describe('sec.ssc-membership.v1', () => {
    const OPEN = `mutation OpenElection($seatKind: SscSeatKind!, $opensOn: Date!, $closesOn: Date!) { openElection(seatKind: $seatKind, opensOn: $opensOn, closesOn: $closesOn) { id seatKind state } }`;
    const NOMINATE = `mutation Nominate($input: NominationInput!) { nominate(input: $input) { id nomineeName nominatingPartyId approvedBySsc } }`;
    const VOTE = `mutation CastVote($electionId: ID!, $nominationId: ID!, $voterPartyId: ID!) { castVote(electionId: $electionId, nominationId: $nominationId, voterPartyId: $voterPartyId) { id state } }`;
    const CLOSE = `mutation CloseElection($electionId: ID!, $castingVoteNominationId: ID) { closeElection(electionId: $electionId, castingVoteNominationId: $castingVoteNominationId) { id state winner { id nomineeName } } }`;
    const APPOINT = `mutation AppointMember($electionId: ID!, $impartialityDeclared: Boolean!) { appointMember(electionId: $electionId, impartialityDeclared: $impartialityDeclared) { id name seatKind impartialityDeclared termEndsOn } }`;

    it('§3: openElection, nominate, castVote, closeElection, appointMember each publish their event with the answer\'s data; refusals publish nothing', async () => {
      expect(code(await system.query(t.ssc!, OPEN, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: TODAY, closesOn: addDays(TODAY, 30) }))).toBe('FORBIDDEN');
      const e = (await ok(t.admin!, OPEN, { seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: TODAY, closesOn: addDays(TODAY, 30) })).openElection;
      id.election = e.id;
      const opened = await one(e.id, 'ElectionOpened');
      envelope(opened, 'sec.ssc-membership.v1', 'ElectionOpened', e.id);
      expect(opened.event.data).toMatchObject({ electionId: e.id, seatKind: 'SHARED_RESOURCE_PROVIDER', opensOn: TODAY, closesOn: addDays(TODAY, 30) });

      const nomination = { electionId: e.id, nomineeName: `Nominee ${run}`, nominatingPartyId: id.p, nominatorName: 'Chief Executive', nominatorHoldsSeniorPosition: true, securityExpertiseConfirmed: true, bs7858ScreeningCompleted: true };
      expect(code(await system.query(t.p!, NOMINATE, { input: { ...nomination, bs7858ScreeningCompleted: false, nomineeName: `Ineligible ${run}` } }))).toBe('NOMINATION_INELIGIBLE');
      expect(code(await system.query(t.u!, NOMINATE, { input: { ...nomination, nomineeName: `Other party ${run}` } }))).toBe('FORBIDDEN');
      const n = (await ok(t.p!, NOMINATE, { input: nomination })).nominate;
      expect(n).toMatchObject({ nomineeName: `Nominee ${run}`, nominatingPartyId: id.p });
      const accepted = await one(e.id, 'NominationAccepted');
      envelope(accepted, 'sec.ssc-membership.v1', 'NominationAccepted', e.id);
      expect(accepted.event.data).toMatchObject({ electionId: e.id, nominationId: n.id, nomineeName: `Nominee ${run}`, nominatingPartyId: id.p });

      const v = await waitFor(async () => {
        const r = await system.query<Data>(t.p!, VOTE, { electionId: e.id, nominationId: n.id, voterPartyId: id.p });
        return code(r) === 'VOTER_NOT_ELIGIBLE' ? undefined : r;
      }, 'the provider to be known to ssc-membership');
      expect(v.errors).toBeUndefined();
      expect(code(await system.query(t.p!, VOTE, { electionId: e.id, nominationId: n.id, voterPartyId: id.p }))).toBe('ALREADY_VOTED');
      expect(code(await system.query(t.u!, VOTE, { electionId: e.id, nominationId: n.id, voterPartyId: id.u }))).toBe('VOTER_NOT_ELIGIBLE');
      const closed = (await ok(t.admin!, CLOSE, { electionId: e.id })).closeElection;
      expect(closed).toMatchObject({ id: e.id, state: 'CLOSED', winner: { id: n.id } });
      const closedEvent = await one(e.id, 'ElectionClosed');
      envelope(closedEvent, 'sec.ssc-membership.v1', 'ElectionClosed', e.id);
      expect(closedEvent.event.data).toMatchObject({ electionId: e.id, winnerNominationId: n.id });
      // Everything about the election, in order on its key: the refusals left no NominationAccepted or VoteCast.
      expect(about(e.id).map((x) => x.event.type)).toEqual(['ElectionOpened', 'NominationAccepted', 'VoteCast', 'ElectionClosed']);
      const vote = about(e.id, 'VoteCast')[0]!;
      envelope(vote, 'sec.ssc-membership.v1', 'VoteCast', e.id);
      expect(vote.event.data).toMatchObject({ electionId: e.id, voterPartyId: id.p });

      expect(code(await system.query(t.ssc!, APPOINT, { electionId: e.id, impartialityDeclared: false }))).toBe('IMPARTIALITY_NOT_DECLARED');
      const member = (await ok(t.ssc!, APPOINT, { electionId: e.id, impartialityDeclared: true })).appointMember;
      const appointed = await one(member.id, 'MemberAppointed');
      envelope(appointed, 'sec.ssc-membership.v1', 'MemberAppointed', member.id);
      expect(appointed.event.data).toMatchObject({ memberId: member.id, electionId: e.id, name: member.name, seatKind: 'SHARED_RESOURCE_PROVIDER', partyId: id.p, termEndsOn: member.termEndsOn, impartialityDeclared: true });
      expect(messages.filter((x) => x.event.type === 'MemberAppointed' && x.event.data.electionId === e.id)).toHaveLength(1);
    });
  });

  describe('sec.party-registry.v1 (the rest of the set)', () => {
    it('§3: recordDomesticPremises and endEngagement publish DomesticPremisesRecorded and EngagementEnded matching the answers', async () => {
      const p = (await ok(t.admin!, `mutation RecordDomesticPremises($partyId: ID!, $count: Int!, $effectiveFrom: Date!) { recordDomesticPremises(partyId: $partyId, count: $count, effectiveFrom: $effectiveFrom) { id domesticPremises } }`, { partyId: id.u, count: 120_000, effectiveFrom: '2025-01-01' })).recordDomesticPremises;
      expect(p).toEqual({ id: id.u, domesticPremises: 120_000 });
      const m = await one(id.u, 'DomesticPremisesRecorded');
      envelope(m, 'sec.party-registry.v1', 'DomesticPremisesRecorded', id.u);
      expect(m.event.data).toMatchObject({ partyId: id.u, count: 120_000, effectiveFrom: '2025-01-01' });
      const e = (await ok(t.admin!, `mutation EndEngagement($engagementId: ID!, $endDate: Date!) { endEngagement(engagementId: $engagementId, endDate: $endDate) { id endDate } }`, { engagementId: id.eng, endDate: TODAY })).endEngagement;
      expect(e).toEqual({ id: id.eng, endDate: TODAY });
      const ended = await one(id.eng, 'EngagementEnded');
      envelope(ended, 'sec.party-registry.v1', 'EngagementEnded', id.eng);
      expect(ended.event.data).toMatchObject({ engagementId: id.eng, userPartyId: id.u, providerPartyId: id.p, endDate: TODAY });
    });
  });

  describe('the published description: JSON Schemas and AsyncAPI (§3)', () => {
    it('§3: every contract event type has a JSON Schema and sits under its topic in the AsyncAPI document', () => {
      const doc = parseYaml(fs.readFileSync(ASYNCAPI, 'utf8')) as { asyncapi: string; channels: Record<string, { address: string; messages: Record<string, unknown> }> };
      expect(doc.asyncapi).toMatch(/^[23]\./);
      for (const [topic, { types }] of Object.entries(CONTRACT_TOPICS)) {
        const channel = Object.values(doc.channels).find((c) => c.address === topic);
        expect(channel).toBeDefined();
        for (const type of types) {
          expect(Object.keys(channel!.messages)).toContain(type);
          const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS, `${type}.json`), 'utf8')) as Record<string, unknown>;
          expect(schema['x-topic']).toBe(topic);
        }
      }
    });

    it('§3: every event our requests caused validates against its JSON Schema, its key is the schema\'s key field, ids are unique', async () => {
      await waitFor(() => about(id.p, 'PartyRegistered')[0] && about(id.eng, 'EngagementStarted')[0], 'registry events');
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      const validators = new Map<string, ValidateFunction>();
      const schemaOf = (type: string): { validate: ValidateFunction; key: string } => {
        const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS, `${type}.json`), 'utf8')) as Record<string, unknown>;
        if (!validators.has(type)) validators.set(type, ajv.compile(schema));
        return { validate: validators.get(type)!, key: schema['x-kafka-key'] as string };
      };
      const ours = new Set(Object.values(id));
      const mine = messages.filter((m) => ours.has(m.event.subject) || Object.values(m.event.data).some((v) => typeof v === 'string' && ours.has(v)));
      const types = new Set(mine.map((m) => m.event.type));
      for (const list of Object.values(CONTRACT_TOPICS)) for (const type of list.types) expect(types).toContain(type);
      for (const m of mine) {
        expect(CONTRACT_TOPICS[m.topic]).toBeDefined();
        const { validate, key } = schemaOf(m.event.type);
        const valid = validate(m.event);
        if (!valid) throw new Error(`${m.event.type} does not validate: ${JSON.stringify(validate.errors)} ${JSON.stringify(m.event)}`);
        expect(key).toMatch(/^data\./);
        expect(m.key).toBe(m.event.data[key.slice('data.'.length)]);
        expect(m.event.source).toBe(CONTRACT_TOPICS[m.topic]!.source);
      }
      expect(new Set(mine.map((m) => m.event.id)).size).toBe(mine.length);
    });
  });
});
