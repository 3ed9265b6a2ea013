import { randomBytes } from 'node:crypto';
import { requireKafka } from '@sec-assure/events/testing';
import { LOCAL_DEV_JWT_SECRET, signLocalToken, type Role } from '@sec-assure/auth';
import { startSystem, type RunningSystem } from './system';
import { recordTopic, type RecordedMessage, type TopicRecording } from './topic-recorder';

// Coverage gaps of issue 5 (party-registry) and issue 6 (assessment-scheduling), as an outside client with only the
// contract (../shared/contract), RULES.md and the gateway's API schema meets them: the gateway's GraphQL endpoint and
// the topic sec.party-registry.v1. Only statements no other spec asserts are tested here:
// - issue 5 "Audit trail: every change records who (the caller's `sub`) and when; a query returns a party's history"
//   (API schema Party.history / PartyChange: actor, at, eventId, correlationId; "every change that concerned this party");
// - issue 5 "overlapping engagements of the same user with the same resource are CONFLICT" (R-SRP-7 effective-dated),
//   where the earlier engagement has ended (endDate is the last day of use) or starts after the new one;
// - issue 5 "a second count for the same date replaces nothing and is CONFLICT" (R-PREM-1), with the identical count;
// - issue 6 "Illegal transitions ... are CONFLICT or BAD_USER_INPUT with a message that says what state the
//   assessment is in".

const SECRET = process.env.AUTH_JWT_SECRET ?? LOCAL_DEV_JWT_SECRET;
const PARTY_TOPIC = 'sec.party-registry.v1';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = any;

interface Sent {
  data: Data;
  errors: Array<{ message: string; extensions?: { code?: string } }> | undefined;
  correlationId: string;
  sub: string;
  sentAt: number;
  answeredAt: number;
}

describe('contract only: gaps of party-registry (issue 5) and assessment-scheduling (issue 6)', () => {
  let system: RunningSystem;
  let registry: TopicRecording;
  const run = randomBytes(3).toString('hex');
  const callers: Record<string, { sub: string; token: string }> = {};

  const mint = async (key: string, roles: Role[], partyId?: string): Promise<void> => {
    const sub = `gaps-svc-${key}-${run}`;
    callers[key] = { sub, token: await signLocalToken({ sub, roles, partyId: partyId ?? null }, { secret: SECRET, ttlSeconds: 3600 }) };
  };
  let seq = 0;
  /** One request through the gateway, with an x-correlation-id of its own (as a client tracing its calls sends it). */
  const send = async (caller: string, query: string, variables: Record<string, unknown> = {}): Promise<Sent> => {
    const { sub, token } = callers[caller]!;
    const correlationId = `gaps-svc-${run}-${String(++seq).padStart(3, '0')}`;
    const sentAt = Date.now();
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-correlation-id': correlationId },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: Data; errors?: Sent['errors'] };
    return { data: body.data ?? null, errors: body.errors, correlationId, sub, sentAt, answeredAt: Date.now() };
  };
  const ok = async (caller: string, query: string, variables: Record<string, unknown> = {}): Promise<Sent> => {
    const r = await send(caller, query, variables);
    if (r.errors) throw new Error(`${query.slice(0, 80)} ${JSON.stringify(variables)}: ${r.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ')}`);
    return r;
  };
  const codeOf = (r: Sent): string | undefined => r.errors?.[0]?.extensions?.code;
  const messageOf = (r: Sent): string => r.errors?.map((e) => e.message).join(' | ') ?? '';

  const M = {
    register: `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id name } }`,
    update: `mutation($p: ID!, $input: UpdatePartyInput!) { updateParty(partyId: $p, input: $input) { id name userRoles } }`,
    premises: `mutation($p: ID!, $c: Int!, $d: Date!) { recordDomesticPremises(partyId: $p, count: $c, effectiveFrom: $d) { id } }`,
    resource: `mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }`,
    engage: `mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id startDate endDate } }`,
    notice: `mutation($e: ID!, $by: EngagementNotifier!, $d: Date!) { recordEngagementNotification(engagementId: $e, by: $by, notifiedOn: $d) { id } }`,
    end: `mutation($e: ID!, $d: Date!) { endEngagement(engagementId: $e, endDate: $d) { id endDate } }`,
    schedule: `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id state } }`,
    complete: `mutation($a: ID!, $d: Date!) { completeFieldwork(assessmentId: $a, completedOn: $d) { id state } }`,
    status: `mutation($a: ID!, $s: AssuranceStatus!, $d: Date!) { setAssuranceStatus(assessmentId: $a, status: $s, setOn: $d) { id state } }`,
    cancel: `mutation($a: ID!, $r: String!) { cancelAssessment(assessmentId: $a, reason: $r) { id state } }`,
  };
  const register = async (caller: string, name: string, userRoles: string[], extra: Record<string, unknown> = {}): Promise<{ id: string; sent: Sent }> => {
    const sent = await ok(caller, M.register, { input: { name: `${name} ${run}`, userRoles, ...extra } });
    return { id: sent.data.registerParty.id as string, sent };
  };
  /** Events of the party-registry topic whose data or subject names `id`. */
  const naming = (id: string, type?: string): RecordedMessage[] =>
    registry.messages.filter((m) => (type === undefined || m.event.type === type) && (m.event.subject === id || JSON.stringify(m.event.data).includes(id)));

  beforeAll(async () => {
    await requireKafka();
    system = await startSystem({ ownTopics: true });
    registry = await recordTopic(system.topic(PARTY_TOPIC), `gaps-svc-registry-${run}`);
    await mint('alice', ['SECAS_ADMIN']);
    await mint('bob', ['SECAS_ADMIN']);
    await mint('ssc', ['SSC_MEMBER']);
    await mint('cio', ['USER_CIO']);
  }, 180_000);

  afterAll(async () => {
    await registry?.stop();
    await system?.stop();
  }, 60_000);

  // ---------------------------------------------------------------------------------------------------------------
  it('issue 5 "Audit trail" (API Party.history, PartyChange): every change of a provider and its user is in the history of the parties it concerns, with the caller\'s sub as actor, its moment as at, the published event\'s id and the request\'s correlation id', async () => {
    // Two administrators (two subs) take turns, so that an actor taken from anywhere but the caller shows.
    const provider = await register('alice', 'Audit provider', []);
    const user = await register('alice', 'Audit user', ['GAS_SUPPLIER']);
    const premises = await ok('bob', M.premises, { p: user.id, c: 40_000, d: '2023-01-01' });
    const gained = await ok('alice', `mutation($p: ID!) { gainUserRole(partyId: $p, role: ELECTRICITY_DISTRIBUTOR, effectiveFrom: "2023-03-01") { id } }`, { p: user.id });
    const givenUp = await ok('bob', `mutation($p: ID!) { giveUpUserRole(partyId: $p, role: ELECTRICITY_DISTRIBUTOR, effectiveFrom: "2023-09-01") { id } }`, { p: user.id });
    const updated = await ok('bob', M.update, { p: user.id, input: { name: `Audit user renamed ${run}`, userRoles: ['GAS_SUPPLIER', 'OTHER_USER'] } });
    const email = `audit-contact-${run}@example.org`;
    const contact = await ok('alice', `mutation($p: ID!, $e: String) { setPartyContactEmail(partyId: $p, email: $e) { id } }`, { p: user.id, e: email });
    const imported = await ok('bob', `mutation($input: ImportDomesticPremisesInput!) { importDomesticPremises(input: $input) { recorded problemCount } }`, {
      input: { format: 'CSV', content: `party,count,effectiveFrom\n${user.id},41000,2023-06-01\n`, dryRun: false },
    });
    expect(imported.data.importDomesticPremises).toEqual({ recorded: 1, problemCount: 0 });
    const resource = await ok('alice', M.resource, { input: { name: `Audit hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider.id, availableFrom: '2023-01-02' } });
    const resourceId = resource.data.registerSharedResource.id as string;
    const engaged = await ok('bob', M.engage, { input: { userPartyId: user.id, sharedResourceId: resourceId, startDate: '2023-02-01' } });
    const engagementId = engaged.data.engageSharedResource.id as string;
    const noticed = await ok('alice', M.notice, { e: engagementId, by: 'PROVIDER', d: '2023-02-03' });
    const userNoticed = await ok('bob', M.notice, { e: engagementId, by: 'USER', d: '2023-02-06' });
    const ended = await ok('bob', M.end, { e: engagementId, d: '2024-01-31' });
    const requests: Sent[] = [provider.sent, user.sent, premises, gained, givenUp, updated, contact, imported, resource, engaged, noticed, userNoticed, ended];

    // The events of these changes, as a subscriber reads them.
    const eventOf = (type: string, subject: string): Promise<RecordedMessage> =>
      registry.waitFor((ms) => ms.find((m) => m.event.type === type && m.event.subject === subject));
    const ev = {
      providerRegistered: await eventOf('PartyRegistered', provider.id),
      userRegistered: await eventOf('PartyRegistered', user.id),
      premises: await eventOf('DomesticPremisesRecorded', user.id),
      updated: await eventOf('PartyUpdated', user.id),
      resource: await eventOf('SharedResourceRegistered', resourceId),
      designated: await eventOf('SharedResourceProviderDesignated', provider.id),
      started: await eventOf('EngagementStarted', engagementId),
      ended: await eventOf('EngagementEnded', engagementId),
    };

    const HISTORY = `query($id: ID!) { party(id: $id) { history { kind at actor summary eventId correlationId } } }`;
    const historyOf = async (caller: string, id: string): Promise<Data[]> => (await ok(caller, HISTORY, { id })).data.party.history;
    const providerHistory = await historyOf('alice', provider.id);
    const userHistory = await historyOf('alice', user.id);
    // SSC_MEMBER is oversight too (contract README §2): the same trail.
    expect(await historyOf('ssc', provider.id)).toEqual(providerHistory);
    expect(await historyOf('ssc', user.id)).toEqual(userHistory);

    // Each entry: who (the sub of the token that made the change), when (while that request was in flight), and the
    // event published for it (its id, and the same correlation id on the topic).
    const problems: string[] = [];
    for (const [label, history] of [['provider', providerHistory], ['user', userHistory]] as const) {
      for (const h of history) {
        const request = requests.find((r) => r.correlationId === h.correlationId);
        if (!request) {
          problems.push(`${label}: ${h.kind} carries correlationId ${h.correlationId}, which none of the requests sent (${JSON.stringify(h)})`);
          continue;
        }
        if (h.actor !== request.sub) problems.push(`${label}: ${h.kind} by ${h.actor}, but the request ${request.correlationId} was made by ${request.sub}`);
        const at = Date.parse(h.at);
        if (!(at >= request.sentAt - 2_000 && at <= request.answeredAt + 2_000)) {
          problems.push(`${label}: ${h.kind} at ${h.at}, but its request ran ${new Date(request.sentAt).toISOString()}..${new Date(request.answeredAt).toISOString()}`);
        }
        if (typeof h.summary !== 'string' || h.summary.trim() === '') problems.push(`${label}: ${h.kind} has no summary`);
        const event = registry.messages.find((m) => m.event.id === h.eventId);
        if (!event) problems.push(`${label}: ${h.kind} names event ${h.eventId}, which is not on ${PARTY_TOPIC}`);
        else if (event.headers['correlation-id'] !== h.correlationId) problems.push(`${label}: ${h.kind}'s event ${event.event.type} carries correlation-id ${event.headers['correlation-id']}, the entry ${h.correlationId}`);
      }
    }
    expect(problems).toEqual([]);

    // Every change that concerned the party is there, linked to its event.
    const entry = (history: Data[], kind: string, eventId: string): Data | undefined => history.find((h) => h.kind === kind && h.eventId === eventId);
    const missing: string[] = [];
    const want = (label: string, history: Data[], kind: string, m: RecordedMessage, request: Sent): void => {
      const e = entry(history, kind, m.event.id);
      if (!e) missing.push(`${label} history has no ${kind} for ${m.event.type} ${m.event.id} (kinds: ${history.map((h) => `${h.kind}:${h.eventId.slice(0, 8)}`).join(', ')})`);
      else if (e.actor !== request.sub || e.correlationId !== request.correlationId) missing.push(`${label} ${kind}: actor ${e.actor} / ${e.correlationId}, made by ${request.sub} / ${request.correlationId}`);
    };
    want('provider', providerHistory, 'PARTY_REGISTERED', ev.providerRegistered, provider.sent);
    want('provider', providerHistory, 'SHARED_RESOURCE_REGISTERED', ev.resource, resource);
    want('provider', providerHistory, 'SHARED_RESOURCE_PROVIDER_DESIGNATED', ev.designated, resource);
    want('provider', providerHistory, 'ENGAGEMENT_STARTED', ev.started, engaged);
    want('provider', providerHistory, 'ENGAGEMENT_ENDED', ev.ended, ended);
    want('user', userHistory, 'PARTY_REGISTERED', ev.userRegistered, user.sent);
    want('user', userHistory, 'DOMESTIC_PREMISES_RECORDED', ev.premises, premises);
    want('user', userHistory, 'PARTY_UPDATED', ev.updated, updated);
    want('user', userHistory, 'ENGAGEMENT_STARTED', ev.started, engaged);
    want('user', userHistory, 'ENGAGEMENT_ENDED', ev.ended, ended);
    // Changes read by the request that made them (the generic checks above hold their actor and event).
    const byRequest = (label: string, history: Data[], kind: string, request: Sent): void => {
      if (!history.some((h) => h.kind === kind && h.correlationId === request.correlationId)) {
        missing.push(`${label} history has no ${kind} for request ${request.correlationId} (kinds: ${history.map((h) => `${h.kind}@${h.correlationId}`).join(', ')})`);
      }
    };
    byRequest('user', userHistory, 'USER_ROLE_GAINED', gained);
    byRequest('user', userHistory, 'USER_ROLE_GIVEN_UP', givenUp);
    byRequest('user', userHistory, 'PARTY_CONTACT_CHANGED', contact);
    byRequest('user', userHistory, 'DOMESTIC_PREMISES_RECORDED', imported);
    // The provider's notice of gaining the user is in the provider's trail; the user's own notice in the user's.
    byRequest('provider', providerHistory, 'ENGAGEMENT_NOTIFICATION_RECORDED', noticed);
    byRequest('user', userHistory, 'ENGAGEMENT_NOTIFICATION_RECORDED', userNoticed);
    expect(missing).toEqual([]);
    // API PartyChangeKind.PARTY_CONTACT_CHANGED: "the address is not in the history".
    expect(JSON.stringify([...userHistory, ...providerHistory])).not.toContain(email);
    // No entry is about the other party's own changes: the user's registration is not in the provider's trail and
    // the provider's designation is not in the user's.
    expect(providerHistory.filter((h) => h.eventId === ev.userRegistered.event.id || h.eventId === ev.premises.event.id)).toEqual([]);
    expect(userHistory.filter((h) => h.eventId === ev.providerRegistered.event.id || h.eventId === ev.designated.event.id)).toEqual([]);
  }, 120_000);

  // ---------------------------------------------------------------------------------------------------------------
  it('issue 5 item 4, R-SRP-7 (effective-dated, endDate the last day of use): a new engagement of the same user with the same resource overlapping an ENDED one (on its last day, inside it, or open from before it) is CONFLICT and publishes nothing; the day after its end is accepted', async () => {
    const provider = await register('alice', 'Overlap provider', []);
    const resourceId = (await ok('alice', M.resource, { input: { name: `Overlap hub ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider.id, availableFrom: '2023-01-02' } })).data
      .registerSharedResource.id as string;
    const user = await register('alice', 'Overlap user', ['OTHER_USER'], { domesticPremises: 1_000, premisesEffectiveFrom: '2020-01-01' });
    const engage = (startDate: string) => send('alice', M.engage, { input: { userPartyId: user.id, sharedResourceId: resourceId, startDate } });
    const first = (await ok('alice', M.engage, { input: { userPartyId: user.id, sharedResourceId: resourceId, startDate: '2024-01-02' } })).data.engageSharedResource.id as string;
    await ok('alice', M.end, { e: first, d: '2024-06-30' });

    const seen: Record<string, string> = {};
    for (const [label, start] of [
      ['from its last day of use (2024-06-30)', '2024-06-30'],
      ['from inside it (2024-03-01)', '2024-03-01'],
      ['open from before it (2023-06-01)', '2023-06-01'],
    ] as const) {
      const r = await engage(start);
      seen[label] = r.errors ? `${codeOf(r)}` : `accepted ${r.data.engageSharedResource.id}`;
    }
    const after = await engage('2024-07-01');
    seen['from the day after its end (2024-07-01)'] = after.errors ? `${codeOf(after)}: ${messageOf(after)}` : 'accepted';
    const again = await engage('2025-01-02');
    seen['while the second one is open (2025-01-02)'] = again.errors ? `${codeOf(again)}` : `accepted ${again.data.engageSharedResource.id}`;
    expect(seen).toEqual({
      'from its last day of use (2024-06-30)': 'CONFLICT',
      'from inside it (2024-03-01)': 'CONFLICT',
      'open from before it (2023-06-01)': 'CONFLICT',
      'from the day after its end (2024-07-01)': 'accepted',
      'while the second one is open (2025-01-02)': 'CONFLICT',
    });

    const list = (await ok('alice', `query($id: ID!) { party(id: $id) { engagementsAsUser { id startDate endDate } } }`, { id: user.id })).data.party.engagementsAsUser as Data[];
    expect(list.map((e) => `${e.startDate}..${e.endDate ?? ''}`).sort()).toEqual(['2024-01-02..2024-06-30', '2024-07-01..']);
    // A change on the user's key after the refusals: once its event is here, anything published before it is too.
    await ok('alice', M.premises, { p: user.id, c: 1_001, d: '2024-08-01' });
    await registry.waitFor((ms) => ms.find((m) => m.event.type === 'DomesticPremisesRecorded' && m.event.subject === user.id && (m.event.data as Data).count === 1_001));
    await new Promise((r) => setTimeout(r, 1_500));
    expect(naming(user.id, 'EngagementStarted').map((m) => (m.event.data as Data).startDate).sort()).toEqual(['2024-01-02', '2024-07-01']);
  }, 120_000);

  // ---------------------------------------------------------------------------------------------------------------
  it('issue 5 item 2, R-PREM-1 ("never overwritten"; API: a second count for the same effective date is CONFLICT): the identical count again for the same date is CONFLICT too, records nothing and publishes nothing', async () => {
    const party = await register('alice', 'Same count', ['GAS_SUPPLIER']);
    await ok('alice', M.premises, { p: party.id, c: 5_000, d: '2024-03-01' });
    const same = await send('bob', M.premises, { p: party.id, c: 5_000, d: '2024-03-01' });
    const other = await send('bob', M.premises, { p: party.id, c: 6_000, d: '2024-03-01' });
    expect({ same: codeOf(same), other: codeOf(other) }).toEqual({ same: 'CONFLICT', other: 'CONFLICT' });
    expect(messageOf(same)).toMatch(/2024-03-01|effectiveFrom/);
    // A later count on the same key: once its event is here, any event of the refusals would be too.
    await ok('alice', M.premises, { p: party.id, c: 7_000, d: '2024-04-01' });
    await registry.waitFor((ms) => ms.find((m) => m.event.type === 'DomesticPremisesRecorded' && m.event.subject === party.id && (m.event.data as Data).count === 7_000));
    const published = registry.about(party.id, 'DomesticPremisesRecorded').map((m) => (m.event.data as Data).count);
    expect(published).toEqual([5_000, 7_000]);
    const read = (await ok('alice', `query($id: ID!) { party(id: $id) { domesticPremises(asOf: "2024-03-15") domesticPremisesHistory { count effectiveFrom } history { kind actor } } }`, { id: party.id })).data.party;
    expect(read.domesticPremises).toBe(5_000);
    expect(read.domesticPremisesHistory.map((h: Data) => `${h.count}@${h.effectiveFrom}`)).toEqual(['5000@2024-03-01', '7000@2024-04-01']);
    // No audit entry for the refused ones (bob made only refused changes).
    expect(read.history.filter((h: Data) => h.actor === callers.bob!.sub)).toEqual([]);
  }, 60_000);

  // ---------------------------------------------------------------------------------------------------------------
  it('issue 6 item 3 (R-STATUS-1, R-STATUS-2): each illegal transition is CONFLICT or BAD_USER_INPUT with a message that says what state the assessment is in (SCHEDULED, COMPLETED, STATUS_SET, CANCELLED), and changes nothing', async () => {
    const party = await register('alice', 'Transitions', ['GAS_SUPPLIER'], { domesticPremises: 10_000, premisesEffectiveFrom: '2020-01-01' });
    const schedule = async (day: string): Promise<string> =>
      (await ok('alice', M.schedule, { input: { partyId: party.id, determinationDate: day, scheduledFor: day } })).data.scheduleAssessment.id as string;
    const names: Record<string, RegExp> = {
      SCHEDULED: /SCHEDULED/i,
      COMPLETED: /COMPLETED/i,
      STATUS_SET: /STATUS[_ ]SET|status (is |was |has been )?already (been )?set|already has (an? |its )?(assurance )?status/i,
      CANCELLED: /CANCELL?ED/i,
    };
    const problems: string[] = [];
    const illegal = async (label: string, state: string, r: Sent): Promise<void> => {
      const code = codeOf(r);
      if (!r.errors) problems.push(`${label} (assessment ${state}): accepted`);
      else if (!['CONFLICT', 'BAD_USER_INPUT'].includes(code ?? '')) problems.push(`${label} (assessment ${state}): ${code}: ${messageOf(r)}`);
      else if (!names[state]!.test(messageOf(r))) problems.push(`${label} (assessment ${state}): ${code} "${messageOf(r)}" does not say the assessment is ${state}`);
    };

    const a1 = await schedule('2021-01-04');
    await illegal('setAssuranceStatus before the fieldwork', 'SCHEDULED', await send('ssc', M.status, { a: a1, s: 'APPROVED', d: '2021-02-01' }));
    await ok('cio', M.complete, { a: a1, d: '2021-01-20' });
    await illegal('completeFieldwork twice', 'COMPLETED', await send('cio', M.complete, { a: a1, d: '2021-01-21' }));
    await ok('ssc', M.status, { a: a1, s: 'APPROVED', d: '2021-02-01' });
    await illegal('setAssuranceStatus again', 'STATUS_SET', await send('ssc', M.status, { a: a1, s: 'DEFERRED', d: '2021-02-02' }));
    await illegal('completeFieldwork after the status', 'STATUS_SET', await send('cio', M.complete, { a: a1, d: '2021-02-03' }));
    await illegal('cancelAssessment after the status', 'STATUS_SET', await send('alice', M.cancel, { a: a1, r: 'booked in error' }));

    const a2 = await schedule('2022-01-04');
    await ok('alice', M.cancel, { a: a2, r: 'booked in error' });
    await illegal('completeFieldwork of a cancelled assessment', 'CANCELLED', await send('cio', M.complete, { a: a2, d: '2022-01-20' }));
    await illegal('setAssuranceStatus of a cancelled assessment', 'CANCELLED', await send('ssc', M.status, { a: a2, s: 'APPROVED', d: '2022-02-01' }));
    await illegal('cancelAssessment again', 'CANCELLED', await send('alice', M.cancel, { a: a2, r: 'again' }));

    const read = (await ok('alice', `query($id: ID!) { party(id: $id) { assessments { id state fieldworkCompletedOn assuranceStatus assuranceStatusSetOn } } }`, { id: party.id })).data.party.assessments as Data[];
    expect(read).toEqual([
      { id: a1, state: 'STATUS_SET', fieldworkCompletedOn: '2021-01-20', assuranceStatus: 'APPROVED', assuranceStatusSetOn: '2021-02-01' },
      { id: a2, state: 'CANCELLED', fieldworkCompletedOn: null, assuranceStatus: null, assuranceStatusSetOn: null },
    ]);
    expect(problems).toEqual([]);
  }, 120_000);
});
