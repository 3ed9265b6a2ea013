import { randomBytes } from 'node:crypto';
import { requireKafka } from '@sec-assure/events/testing';
import { londonDayOf } from '@sec-assure/rules';
import { startSystem, type GraphQLResult, type RunningSystem } from './system';
import { codeOf, contractClient, REQUIREMENT, type Requirement } from './contract-client';
import { addDays } from './calendar';
import { recordTopic, type RecordedMessage, type TopicRecording } from './topic-recorder';

// The Shared Resource Provider designation as an outside client meets it (contract.graphql, contract README §2/§3,
// RULES R-SRP-1..7, R-PARTY-1, R-MATRIX-1/4, R-SSC-3, EXAMPLES E2 and E10): which registerSharedResource makes a
// party a provider and from which day (availableFrom: past, today, default; the future is refused, API schema),
// which engagements may start, and whether the three services that read the designation agree on its first day:
// party-registry (isSharedResourceProvider(asOf), sharedResourceProviderFrom, registerExport), assessment-scheduling
// (nextAssessment(asOf), scheduleAssessment) and ssc-membership (castVote: the electorate on the opening date).
// Refusals carry the contract's extensions.code with a message naming what to fix, change nothing and publish
// nothing; accepted registrations publish SharedResourceRegistered / SharedResourceProviderDesignated as committed.

const TODAY = londonDayOf(new Date());
const D = (n: number): string => addDays(TODAY, n);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOBODY = '00000000-0000-4000-8000-000000000000';

const RS = `mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) {
  id name scope optInAsProvider availableFrom provider { id isSharedResourceProvider sharedResourceProviderFrom } } }`;
const EN = `mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id startDate endDate user { id } provider { id } sharedResource { id } } }`;
const VIEW = `query($id: ID!, $asOf: Date) { party(id: $id) {
  id isSharedResourceProvider srpAsOf: isSharedResourceProvider(asOf: $asOf) sharedResourceProviderFrom
  sharedResources { id name scope optInAsProvider availableFrom }
  engagementsAsUser { id } engagementsAsProvider { id startDate user { id } }
  nextAssessment(asOf: $asOf) { ${REQUIREMENT} } } }`;
const VOTE = `mutation($e: ID!, $n: ID!, $v: ID!) { castVote(electionId: $e, nominationId: $n, voterPartyId: $v) { id state } }`;

interface Registered {
  id: string;
  availableFrom: string;
  optInAsProvider: boolean;
  provider: { id: string; isSharedResourceProvider: boolean; sharedResourceProviderFrom: string | null };
}

interface View {
  id: string;
  isSharedResourceProvider: boolean;
  srpAsOf: boolean;
  sharedResourceProviderFrom: string | null;
  sharedResources: Array<{ id: string; name: string; scope: string; optInAsProvider: boolean; availableFrom: string }>;
  engagementsAsUser: Array<{ id: string }>;
  engagementsAsProvider: Array<{ id: string; startDate: string; user: { id: string } }>;
  nextAssessment: Requirement | null;
}

describe('contract only: the Shared Resource Provider designation and how the services agree on its first day (R-SRP-1..7, R-PARTY-1, R-MATRIX-1/4, R-SSC-3, E2, E10)', () => {
  let system: RunningSystem;
  let registry: TopicRecording;
  let ssc: TopicRecording;
  const run = randomBytes(3).toString('hex');
  const tokens = { admin: '', ssc: '', cio: '' };
  const cc = contractClient(() => system, run, () => tokens);
  const unique = (name: string): string => `${name} ${run}`;

  beforeAll(async () => {
    await requireKafka();
    system = await startSystem({ ownTopics: true });
    tokens.admin = await system.token('SECAS_ADMIN');
    tokens.ssc = await system.token('SSC_MEMBER');
    tokens.cio = await system.token('USER_CIO');
    registry = await recordTopic(system.topic('sec.party-registry.v1'), `designation-registry-${run}`);
    ssc = await recordTopic(system.topic('sec.ssc-membership.v1'), `designation-ssc-${run}`);
  }, 180_000);

  afterAll(async () => {
    await registry?.stop();
    await ssc?.stop();
    await system?.stop();
  }, 60_000);

  // ---- steps -------------------------------------------------------------------------------------------------------
  /** registerSharedResource as the admin; the name is made unique to the run. */
  const register = (input: Record<string, unknown>, token = tokens.admin): Promise<GraphQLResult> =>
    cc.gql(token, RS, { input: { ...input, name: unique(String(input.name)) } });
  const registered = async (input: Record<string, unknown>): Promise<Registered> => {
    const r = await register(input);
    if (r.errors) throw new Error(`registerSharedResource ${JSON.stringify(input)}: ${r.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ')}`);
    return r.data!.registerSharedResource as Registered;
  };
  const view = async (partyId: string, asOf?: string): Promise<View> => (await cc.ok(tokens.admin, VIEW, { id: partyId, ...(asOf ? { asOf } : {}) })).party as View;
  const engageRaw = (input: Record<string, unknown>) => cc.gql(tokens.admin, EN, { input });
  const historyOf = async (partyId: string): Promise<Array<{ kind: string; eventId: string }>> =>
    (await cc.ok(tokens.admin, `query($id: ID!) { party(id: $id) { history { kind eventId } } }`, { id: partyId })).party.history;

  /** The registry's events whose data name the party (as provider or subject) or are about it. */
  const registryAbout = (partyId: string, type?: string): RecordedMessage[] =>
    registry.messages.filter(
      (m) => (type === undefined || m.event.type === type) && (m.event.subject === partyId || m.event.data.partyId === partyId || m.event.data.providerPartyId === partyId || m.event.data.userPartyId === partyId),
    );
  /**
   * A state change on the same key as the one a refusal would have published (the party), then its event: anything
   * published before it on that key has arrived. A short settle covers events that would be keyed otherwise.
   */
  const marker = async (partyId: string, day: string): Promise<void> => {
    await cc.ok(tokens.admin, `mutation($p: ID!, $d: Date!) { recordDomesticPremises(partyId: $p, count: 0, effectiveFrom: $d) { id } }`, { p: partyId, d: day });
    await registry.waitFor((ms) => ms.some((m) => m.event.subject === partyId && m.event.type === 'DomesticPremisesRecorded' && m.event.data.effectiveFrom === day));
    await new Promise((r) => setTimeout(r, 1_000));
  };
  const envelopeOk = (m: RecordedMessage, type: string, subject: string): void => {
    expect(m.event).toMatchObject({ type, version: 1, source: 'party-registry', subject });
    expect(m.key).toBe(subject);
    expect(m.event.id).toMatch(UUID);
  };
  /** The SharedResourceRegistered event of a resource carries what was committed (contract README §3). */
  const resourceEventMatches = async (resourceId: string): Promise<void> => {
    const committed = (await cc.ok(tokens.admin, `query($id: ID!) { sharedResource(id: $id) { id name scope optInAsProvider availableFrom provider { id } } }`, { id: resourceId })).sharedResource;
    const m = await registry.waitFor((ms) => ms.find((x) => x.event.type === 'SharedResourceRegistered' && x.event.subject === resourceId));
    envelopeOk(m, 'SharedResourceRegistered', resourceId);
    expect(m.event.data).toMatchObject({
      sharedResourceId: resourceId,
      name: committed.name,
      scope: committed.scope,
      optInAsProvider: committed.optInAsProvider,
      availableFrom: committed.availableFrom,
      providerPartyId: committed.provider.id,
    });
    expect(registry.messages.filter((x) => x.event.type === 'SharedResourceRegistered' && x.event.subject === resourceId)).toHaveLength(1);
  };
  /** The latest SharedResourceProviderDesignated of a party (after waiting for one with that first day). */
  const designatedEvent = (partyId: string, effectiveFrom: string): Promise<RecordedMessage> =>
    registry.waitFor((ms) => ms.find((x) => x.event.type === 'SharedResourceProviderDesignated' && x.event.subject === partyId && x.event.data.effectiveFrom === effectiveFrom));

  // ---- ssc-membership ----------------------------------------------------------------------------------------------
  let nominee: { id: string; token: string } | undefined;
  /** A provider that nominates in every election of this spec (designated since 2020). */
  const nominator = async (): Promise<{ id: string; token: string }> => {
    if (nominee) return nominee;
    const id = await cc.party('Nominating provider', []);
    await registered({ name: 'nominating hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: id, availableFrom: '2020-01-01' });
    nominee = { id, token: await system.token('PARTY_USER', id) };
    return nominee;
  };
  /** Opens an SRP-seat election on opensOn with one candidate, runs `body`, and always closes it (one OPEN election per seat). */
  const inElection = async (opensOn: string, body: (electionId: string, nominationId: string) => Promise<void>): Promise<void> => {
    const n = await nominator();
    const opened = await cc.ok(tokens.admin, `mutation($o: Date!, $c: Date!) { openElection(seatKind: SHARED_RESOURCE_PROVIDER, opensOn: $o, closesOn: $c) { id opensOn } }`, { o: opensOn, c: D(60) });
    const electionId = opened.openElection.id as string;
    try {
      const nomination = await cc.ok(n.token, `mutation($i: NominationInput!) { nominate(input: $i) { id } }`, {
        i: { electionId, nomineeName: unique(`Nominee ${opensOn}`), nominatingPartyId: n.id, nominatorName: 'A. Director', nominatorHoldsSeniorPosition: true, securityExpertiseConfirmed: true, bs7858ScreeningCompleted: true },
      });
      await body(electionId, nomination.nominate.id);
    } finally {
      await cc.ok(tokens.admin, `mutation($e: ID!) { closeElection(electionId: $e) { id state } }`, { e: electionId });
    }
  };
  const vote = async (electionId: string, nominationId: string, voter: string): Promise<GraphQLResult> =>
    cc.gql(await system.token('PARTY_USER', voter), VOTE, { e: electionId, n: nominationId, v: voter });
  const votesPublished = (electionId: string): RecordedMessage[] => ssc.messages.filter((m) => m.event.type === 'VoteCast' && m.event.subject === electionId);

  // ---------------------------------------------------------------------------------------------------------------
  it('R-SRP-3, R-SRP-4, R-SRP-2: WHOLE_USER_SYSTEM always designates, PART_OF_USER_SYSTEM only with optInAsProvider; the designation starts on availableFrom (past, today, default), as every read of party-registry says', async () => {
    const whole = await cc.party('Whole past', []);
    const wholeNoOpt = await cc.party('Whole opt-out', []);
    const part = await cc.party('Part provider', []);
    const today = await cc.party('Whole today', []);
    const byDefault = await cc.party('Whole default', []);

    const w = await registered({ name: 'hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: whole, availableFrom: D(-30) });
    expect(w).toMatchObject({ optInAsProvider: true, availableFrom: D(-30), provider: { id: whole, isSharedResourceProvider: true, sharedResourceProviderFrom: D(-30) } });

    // Contract: "WHOLE_USER_SYSTEM always makes the provider an SRP", whatever optInAsProvider says.
    const wn = await registered({ name: 'hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: wholeNoOpt, availableFrom: D(-30), optInAsProvider: false });
    expect(wn).toMatchObject({ optInAsProvider: true, provider: { isSharedResourceProvider: true, sharedResourceProviderFrom: D(-30) } });

    // R-SRP-4: a PART provider that does not opt in is no provider; opting in designates from that resource's day.
    const p1 = await registered({ name: 'utrn', scope: 'PART_OF_USER_SYSTEM', providerPartyId: part, availableFrom: D(-30) });
    expect(p1).toMatchObject({ optInAsProvider: false, availableFrom: D(-30), provider: { isSharedResourceProvider: false, sharedResourceProviderFrom: null } });
    const p2 = await registered({ name: 'utrn 2', scope: 'PART_OF_USER_SYSTEM', providerPartyId: part, availableFrom: D(-25), optInAsProvider: false });
    expect(p2).toMatchObject({ optInAsProvider: false, provider: { isSharedResourceProvider: false, sharedResourceProviderFrom: null } });
    expect(await view(part, D(-20))).toMatchObject({ isSharedResourceProvider: false, srpAsOf: false, sharedResourceProviderFrom: null, nextAssessment: null });
    const p3 = await registered({ name: 'utrn 3', scope: 'PART_OF_USER_SYSTEM', providerPartyId: part, availableFrom: D(-10), optInAsProvider: true });
    expect(p3).toMatchObject({ optInAsProvider: true, provider: { isSharedResourceProvider: true, sharedResourceProviderFrom: D(-10) } });

    const t = await registered({ name: 'hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: today, availableFrom: TODAY });
    expect(t).toMatchObject({ availableFrom: TODAY, provider: { sharedResourceProviderFrom: TODAY } });

    const before = londonDayOf(new Date());
    const d = await registered({ name: 'hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: byDefault });
    const after = londonDayOf(new Date());
    // Contract: availableFrom "default: the day of registration".
    expect([before, after]).toContain(d.availableFrom);
    expect(d.provider.sharedResourceProviderFrom).toBe(d.availableFrom);

    // isSharedResourceProvider(asOf) before / on / after the first day (API schema), and the register export (R-SRP-2).
    const cases: Array<[string, string]> = [[whole, D(-30)], [wholeNoOpt, D(-30)], [part, D(-10)], [today, TODAY], [byDefault, d.availableFrom]];
    for (const [id, from] of cases) {
      expect({ id, asOf: 'day before', v: await view(id, addDays(from, -1)) }).toMatchObject({ v: { isSharedResourceProvider: true, srpAsOf: false, sharedResourceProviderFrom: from } });
      expect({ id, asOf: 'first day', v: await view(id, from) }).toMatchObject({ v: { srpAsOf: true, sharedResourceProviderFrom: from } });
      if (from < TODAY) expect({ id, asOf: 'day after', v: await view(id, addDays(from, 1)) }).toMatchObject({ v: { srpAsOf: true } });
      for (const [asOf, yes] of [[addDays(from, -1), 'no'], [from, 'yes']] as const) {
        const file = await cc.ok(tokens.admin, `query($a: Date, $p: ID) { registerExport(format: CSV, asOf: $a, partyId: $p) { contentBase64 } }`, { a: asOf, p: id });
        const [header, row] = Buffer.from(file.registerExport.contentBase64, 'base64').toString('utf8').trim().split('\n') as [string, string];
        const cols = header.split(',');
        const cells = row.split(',');
        expect({ id, asOf, srp: cells[cols.indexOf('sharedResourceProvider')], from: cells[cols.indexOf('providerFrom')] }).toEqual({ id, asOf, srp: yes, from: yes === 'yes' ? from : '' });
      }
    }

    // Contract README §3: each accepted registration published as committed; a designation for each provider that
    // became one, with its first day and the resource that started it; none for a PART resource without opt-in.
    for (const r of [w, wn, p1, p2, p3, t, d]) await resourceEventMatches(r.id);
    const designations: Array<[string, string, string]> = [[whole, D(-30), w.id], [wholeNoOpt, D(-30), wn.id], [part, D(-10), p3.id], [today, TODAY, t.id], [byDefault, d.availableFrom, d.id]];
    for (const [id, from, resource] of designations) {
      const m = await designatedEvent(id, from);
      envelopeOk(m, 'SharedResourceProviderDesignated', id);
      expect(m.event.data).toMatchObject({ partyId: id, effectiveFrom: from, sharedResourceId: resource });
      // The audit trail names the very event published for each change.
      const history = await historyOf(id);
      expect(history.filter((h) => h.kind === 'SHARED_RESOURCE_PROVIDER_DESIGNATED').map((h) => h.eventId)).toEqual(registryAbout(id, 'SharedResourceProviderDesignated').map((x) => x.event.id));
    }
    await marker(part, '2019-06-01');
    expect(registryAbout(part, 'SharedResourceProviderDesignated').map((m) => m.event.data.sharedResourceId)).toEqual([p3.id]);
  });

  // ---------------------------------------------------------------------------------------------------------------
  it('contract.graphql (errors), R-SRP-2/3, README §2/§3: refused registrations (future availableFrom, unknown provider, a duplicate name with an earlier day, wrong role) give an actionable code, change nothing, publish nothing', async () => {
    const fresh = await cc.party('Refused provider', []);
    const provider = await cc.party('Designated provider', []);
    const ok = await registered({ name: 'hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider, availableFrom: D(-10) });
    await designatedEvent(provider, D(-10));

    // API schema: availableFrom "never in the future" (a provider designated from a day still to come is not entered).
    const future = await register({ name: 'future hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: fresh, availableFrom: D(5) });
    expect(codeOf(future)).toBe('BAD_USER_INPUT');
    expect(future.errors![0]!.message).toMatch(/availableFrom/);
    expect(future.errors![0]!.message).toContain(D(5));
    expect(future.data?.registerSharedResource ?? null).toBeNull();

    // R-SRP-3: the provider must be a registered Party.
    const unknown = await register({ name: 'orphan hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: NOBODY, availableFrom: D(-10) });
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    expect(unknown.errors![0]!.message).toMatch(/providerPartyId|Party/);

    // A second resource of the same name (API schema: unique per provider, case-insensitive, trimmed) with an earlier
    // day: refused, and the designation must not move to that day.
    const dup = await cc.gql(tokens.admin, RS, { input: { name: `  ${unique('HUB')} `, scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider, availableFrom: D(-40) } });
    expect(codeOf(dup)).toBe('CONFLICT');
    expect(dup.errors![0]!.message.length).toBeGreaterThan(10);

    const empty = await cc.gql(tokens.admin, RS, { input: { name: '   ', scope: 'WHOLE_USER_SYSTEM', providerPartyId: fresh, availableFrom: D(-10) } });
    expect(codeOf(empty)).toBe('BAD_USER_INPUT');
    expect(empty.errors![0]!.message).toMatch(/name/);

    // README §2: registering resources is SECAS_ADMIN's; a party's own user, the SSC and the User CIO are FORBIDDEN.
    for (const token of [await system.token('PARTY_USER', fresh), tokens.ssc, tokens.cio]) {
      const r = await register({ name: 'own hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: fresh, availableFrom: D(-50) }, token);
      expect(codeOf(r)).toBe('FORBIDDEN');
    }
    const anonymous = await system.query(null, RS, { input: { name: unique('anon hub'), scope: 'WHOLE_USER_SYSTEM', providerPartyId: fresh } });
    expect(anonymous.status === 401 || codeOf(anonymous) === 'UNAUTHENTICATED').toBe(true);

    // Nothing changed: no resource, no designation, in party-registry nor assessment-scheduling.
    expect(await view(fresh, D(-20))).toMatchObject({ isSharedResourceProvider: false, srpAsOf: false, sharedResourceProviderFrom: null, sharedResources: [], nextAssessment: null });
    const p = await view(provider, D(-20));
    expect(p).toMatchObject({ srpAsOf: false, sharedResourceProviderFrom: D(-10), nextAssessment: null });
    expect(p.sharedResources.map((r) => r.id)).toEqual([ok.id]);
    // Nothing published (contract README §3), nothing in the audit trail.
    await marker(fresh, '2019-06-01');
    await marker(provider, '2019-06-01');
    expect(registryAbout(fresh).map((m) => m.event.type)).toEqual(['PartyRegistered', 'DomesticPremisesRecorded']);
    expect(registryAbout(provider, 'SharedResourceRegistered').map((m) => m.event.subject)).toEqual([ok.id]);
    expect(registryAbout(provider, 'SharedResourceProviderDesignated').map((m) => m.event.data.effectiveFrom)).toEqual([D(-10)]);
    expect((await historyOf(fresh)).map((h) => h.kind)).toEqual(['PARTY_REGISTERED', 'DOMESTIC_PREMISES_RECORDED']);
  });

  // ---------------------------------------------------------------------------------------------------------------
  it('R-SRP-2, R-SRP-4, R-MATRIX-1, R-SSC-3: several resources, registered late-first: the designation starts at the earliest QUALIFYING one (a PART resource without opt-in does not start it), and party-registry, assessment-scheduling and ssc-membership agree on that day', async () => {
    const m = await cc.party('Many resources', []);
    const late = await registered({ name: 'late hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: m, availableFrom: D(-10) });
    expect(late.provider.sharedResourceProviderFrom).toBe(D(-10));
    await designatedEvent(m, D(-10));
    const earliestPart = await registered({ name: 'earliest utrn', scope: 'PART_OF_USER_SYSTEM', providerPartyId: m, availableFrom: D(-40) });
    expect(earliestPart.provider.sharedResourceProviderFrom).toBe(D(-10));
    const early = await registered({ name: 'early utrn', scope: 'PART_OF_USER_SYSTEM', providerPartyId: m, availableFrom: D(-20), optInAsProvider: true });
    expect(early.provider.sharedResourceProviderFrom).toBe(D(-20));
    const later = await registered({ name: 'later hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: m, availableFrom: D(-5) });
    expect(later.provider.sharedResourceProviderFrom).toBe(D(-20));

    // Events: the designation moved to D-20, published with the resource that starts it; whatever else was published,
    // the last designation a subscriber reads is the committed first day.
    const moved = await designatedEvent(m, D(-20));
    expect(moved.event.data).toMatchObject({ partyId: m, sharedResourceId: early.id });
    await marker(m, '2019-06-01');
    const designations = registryAbout(m, 'SharedResourceProviderDesignated');
    expect(designations[designations.length - 1]!.event.data.effectiveFrom).toBe(D(-20));
    expect(designations.map((x) => x.event.data.effectiveFrom)).not.toContain(D(-40));
    for (const r of [late, earliestPart, early, later]) await resourceEventMatches(r.id);

    // party-registry and assessment-scheduling, day by day.
    for (const [day, srp] of [[D(-41), false], [D(-40), false], [D(-21), false], [D(-20), true], [D(-11), true], [D(-10), true], [TODAY, true]] as const) {
      const v = await view(m, day);
      expect({ day, srp: v.srpAsOf, from: v.sharedResourceProviderFrom }).toEqual({ day, srp, from: D(-20) });
      // R-PARTY-1 / R-MATRIX-1: no role, so nothing before the designation; from it, the provider's User Entry FULL.
      if (srp) expect({ day, next: v.nextAssessment }).toMatchObject({ day, next: { type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER', coveredCategories: ['SHARED_RESOURCE_PROVIDER'], cyclePosition: 1 } });
      else expect({ day, next: v.nextAssessment }).toEqual({ day, next: null });
    }

    // ssc-membership: elections opening before, on and after the first day (R-SSC-3: designated on the opening date).
    for (const [opensOn, eligible] of [[D(-21), false], [D(-20), true], [D(-15), true]] as const) {
      await inElection(opensOn, async (electionId, nominationId) => {
        const r = await vote(electionId, nominationId, m);
        if (eligible) expect({ opensOn, errors: r.errors }).toEqual({ opensOn, errors: undefined });
        else {
          expect({ opensOn, code: codeOf(r) }).toEqual({ opensOn, code: 'VOTER_NOT_ELIGIBLE' });
          expect(r.errors![0]!.message).toContain(opensOn);
          // The nominating provider (designated since 2020) votes: its VoteCast is the marker on the election's key.
          expect((await vote(electionId, nominationId, (await nominator()).id)).errors).toBeUndefined();
        }
        await ssc.waitFor((ms) => ms.filter((x) => x.event.type === 'VoteCast' && x.event.subject === electionId).length >= 1);
        await new Promise((res) => setTimeout(res, 500));
        expect({ opensOn, votes: votesPublished(electionId).length }).toEqual({ opensOn, votes: 1 });
      });
    }

    // assessment-scheduling's write path agrees too: no annual assessment determined the day before; FULL on the day.
    const tooEarly = await cc.scheduleRaw(m, D(-21), D(-21));
    expect(codeOf(tooEarly)).toBe('BAD_USER_INPUT');
    expect(tooEarly.errors![0]!.message).toContain(D(-21));
    const onTheDay = await cc.schedule(m, D(-20), D(-20));
    expect(onTheDay.requirement).toMatchObject({ type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER', coveredCategories: ['SHARED_RESOURCE_PROVIDER'] });
  });

  // ---------------------------------------------------------------------------------------------------------------
  it('R-SRP-2 (default availableFrom), R-SSC-3: a provider registered today with no availableFrom is designated from today: not yesterday in any service, and it votes in an election opening today but not in one that opened yesterday', async () => {
    const p = await cc.party('Registered today', ['OTHER_USER'], 1_000, '2020-01-01');
    const r = await registered({ name: 'hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: p });
    const day = r.availableFrom;
    expect(day).toBe(TODAY);
    const yesterday = await view(p, addDays(day, -1));
    expect(yesterday).toMatchObject({ srpAsOf: false, sharedResourceProviderFrom: day });
    // R-MATRIX-4: as an Other User alone the day before; as both from the first day.
    expect(yesterday.nextAssessment).toMatchObject({ category: 'OTHER_USER', coveredCategories: ['OTHER_USER'] });
    const first = await view(p, day);
    expect(first.srpAsOf).toBe(true);
    expect([...first.nextAssessment!.coveredCategories].sort()).toEqual(['OTHER_USER', 'SHARED_RESOURCE_PROVIDER']);
    expect(first.nextAssessment).toMatchObject({ type: 'FULL' });

    await inElection(addDays(day, -1), async (electionId, nominationId) => {
      const refused = await vote(electionId, nominationId, p);
      expect(codeOf(refused)).toBe('VOTER_NOT_ELIGIBLE');
    });
    await inElection(day, async (electionId, nominationId) => {
      const accepted = await vote(electionId, nominationId, p);
      expect(accepted.errors).toBeUndefined();
      const again = await vote(electionId, nominationId, p);
      expect(codeOf(again)).toBe('ALREADY_VOTED');
    });
  });

  // ---------------------------------------------------------------------------------------------------------------
  it('E10, R-SSC-3, R-PARTY-1, R-SRP-4: the SRP seat electorate on the opening date (designation and roles as they were that day); refused votes publish nothing', async () => {
    const a = await cc.party('E10 A', []);
    const b = await cc.party('E10 B', ['OTHER_USER'], 2_000, '2020-01-01');
    const c = await cc.party('E10 C', ['GAS_SUPPLIER'], 2_000, '2020-01-01');
    const d = await cc.party('E10 D', []);
    const e = await cc.party('E10 E part, no opt-in', ['OTHER_USER'], 2_000, '2020-01-01');
    const f = await cc.party('E10 F no resource', []);
    const g = await cc.party('E10 G supplier only after the opening', []);
    const h = await cc.party('E10 H supplier until before the opening', ['GAS_SUPPLIER'], 2_000, '2020-01-01');
    const i = await cc.party('E10 I supplier until after the opening', ['GAS_SUPPLIER'], 2_000, '2020-01-01');
    const k = await cc.party('E10 K part, opted in', []);
    for (const id of [a, b, c, g, h, i]) await registered({ name: 'hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: id, availableFrom: '2020-01-01' });
    await registered({ name: 'hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: d, availableFrom: '2026-02-01' });
    await registered({ name: 'utrn', scope: 'PART_OF_USER_SYSTEM', providerPartyId: e, availableFrom: '2020-01-01' });
    await registered({ name: 'utrn', scope: 'PART_OF_USER_SYSTEM', providerPartyId: k, availableFrom: '2020-01-01', optInAsProvider: true });
    await cc.ok(tokens.admin, `mutation($p: ID!) { gainUserRole(partyId: $p, role: GAS_SUPPLIER, effectiveFrom: "2026-03-01") { id } }`, { p: g });
    await cc.ok(tokens.admin, `mutation($p: ID!) { giveUpUserRole(partyId: $p, role: GAS_SUPPLIER, effectiveFrom: "2025-12-01") { id } }`, { p: h });
    await cc.ok(tokens.admin, `mutation($p: ID!) { giveUpUserRole(partyId: $p, role: GAS_SUPPLIER, effectiveFrom: "2026-02-01") { id } }`, { p: i });
    await inElection('2026-01-05', async (electionId, nominationId) => {
      const answers: Record<string, string | undefined> = {};
      for (const [key, id] of Object.entries({ C: c, D: d, E: e, F: f, I: i })) {
        const r = await vote(electionId, nominationId, id);
        answers[key] = codeOf(r) ?? 'ok';
        // "VOTER_NOT_ELIGIBLE says which requirement failed" (API schema): a Supplier Party, or no provider on the opening date.
        const says = key === 'C' || key === 'I' ? /supplier/i : /2026-01-05|not a Shared Resource Provider/i;
        expect({ key, message: r.errors?.[0]?.message }).toEqual({ key, message: expect.stringMatching(says) });
      }
      for (const [key, id] of Object.entries({ A: a, B: b, G: g, H: h, K: k })) answers[key] = codeOf(await vote(electionId, nominationId, id)) ?? 'ok';
      expect(answers).toEqual({ A: 'ok', B: 'ok', G: 'ok', H: 'ok', K: 'ok', C: 'VOTER_NOT_ELIGIBLE', D: 'VOTER_NOT_ELIGIBLE', E: 'VOTER_NOT_ELIGIBLE', F: 'VOTER_NOT_ELIGIBLE', I: 'VOTER_NOT_ELIGIBLE' });
      // A PART provider that did not opt in is no provider: it cannot nominate for the SRP seat either (API schema).
      const nominated = await cc.gql(await system.token('PARTY_USER', e), `mutation($i: NominationInput!) { nominate(input: $i) { id } }`, {
        i: { electionId, nomineeName: unique('E nominee'), nominatingPartyId: e, nominatorName: 'E. Director', nominatorHoldsSeniorPosition: true, securityExpertiseConfirmed: true, bs7858ScreeningCompleted: true },
      });
      expect(nominated.errors?.[0]?.extensions?.code).toBeDefined();
      await ssc.waitFor((ms) => ms.filter((x) => x.event.type === 'VoteCast' && x.event.subject === electionId).length >= 5);
      await new Promise((res) => setTimeout(res, 500));
      expect(votesPublished(electionId)).toHaveLength(5);
      expect(ssc.messages.filter((x) => x.event.type === 'NominationAccepted' && x.event.subject === electionId)).toHaveLength(1);
    });
  });

  // ---------------------------------------------------------------------------------------------------------------
  it('R-SRP-2, R-SRP-7, R-PARTY-1: engageSharedResource before availableFrom, by a party without a User Role, by the provider itself: refused, nothing changed or published; on availableFrom accepted, and the provider\'s aggregate counts the user from its start', async () => {
    const p = await cc.party('Engaged provider', []);
    const dual = await cc.party('Dual provider', ['OTHER_USER'], 3_000, '2020-01-01');
    const u = await cc.party('Engaging user', ['GAS_SUPPLIER'], 40_000, '2020-01-01');
    const none = await cc.party('No role', []);
    const hub = await registered({ name: 'hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: p, availableFrom: D(-10) });
    const dualHub = await registered({ name: 'hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: dual, availableFrom: D(-10) });
    const partHub = await registered({ name: 'utrn', scope: 'PART_OF_USER_SYSTEM', providerPartyId: none, availableFrom: D(-10) });
    const refusals: Array<[string, Record<string, unknown>, string[], RegExp]> = [
      ['before availableFrom', { userPartyId: u, sharedResourceId: hub.id, startDate: D(-11) }, ['BAD_USER_INPUT'], new RegExp(D(-10))],
      ['before a PART resource is available', { userPartyId: u, sharedResourceId: partHub.id, startDate: D(-11) }, ['BAD_USER_INPUT'], new RegExp(D(-10))],
      ['a party with no User Role', { userPartyId: none, sharedResourceId: hub.id, startDate: D(-10) }, ['BAD_USER_INPUT'], /Role/i],
      ['the provider itself (no role)', { userPartyId: p, sharedResourceId: hub.id, startDate: D(-10) }, ['BAD_USER_INPUT', 'CONFLICT'], /./],
      ['the provider itself (a User)', { userPartyId: dual, sharedResourceId: dualHub.id, startDate: D(-10) }, ['BAD_USER_INPUT', 'CONFLICT'], /own|provider/i],
      ['an unknown resource', { userPartyId: u, sharedResourceId: NOBODY, startDate: D(-10) }, ['NOT_FOUND'], /sharedResourceId|SharedResource/],
      ['an unknown user', { userPartyId: NOBODY, sharedResourceId: hub.id, startDate: D(-10) }, ['NOT_FOUND'], /userPartyId|Party/],
    ];
    for (const [what, input, codes, message] of refusals) {
      const r = await engageRaw(input);
      expect({ what, code: codes.includes(codeOf(r) ?? '') ? codes[0] : codeOf(r) }).toEqual({ what, code: codes[0] });
      expect({ what, message: r.errors![0]!.message }).toEqual({ what, message: expect.stringMatching(message) });
    }
    // Nothing changed: no engagement anywhere, and the provider's aggregate still has no user in it.
    for (const id of [p, dual, u, none]) {
      const v = await view(id);
      expect({ id, asUser: v.engagementsAsUser, asProvider: v.engagementsAsProvider }).toEqual({ id, asUser: [], asProvider: [] });
    }
    expect((await view(p, D(-10))).nextAssessment).toMatchObject({ premisesUsed: 0 });

    // On availableFrom: accepted, published as committed.
    const eng = (await cc.ok(tokens.admin, EN, { input: { userPartyId: u, sharedResourceId: hub.id, startDate: D(-10) } })).engageSharedResource;
    expect(eng).toMatchObject({ startDate: D(-10), endDate: null, user: { id: u }, provider: { id: p }, sharedResource: { id: hub.id } });
    const started = await registry.waitFor((ms) => ms.find((x) => x.event.type === 'EngagementStarted' && x.event.subject === eng.id));
    expect(started.event.data).toMatchObject({ engagementId: eng.id, userPartyId: u, providerPartyId: p, sharedResourceId: hub.id, startDate: D(-10) });
    // R-SRP-5: the provider's aggregate counts the user from the engagement's start.
    expect((await view(p, D(-10))).nextAssessment).toMatchObject({ type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER', premisesUsed: 40_000 });
    expect((await view(p, D(-11))).nextAssessment).toBeNull();
    // Contract README §3: the refusals published nothing (only the accepted engagement is on the topic).
    for (const id of [p, dual, none]) await marker(id, '2019-06-01');
    const engagementEvents = registry.messages.filter((x) => x.event.type === 'EngagementStarted' && [p, dual, u, none].some((id) => x.event.data.userPartyId === id || x.event.data.providerPartyId === id));
    expect(engagementEvents.map((x) => x.event.subject)).toEqual([eng.id]);
  });

  // ---------------------------------------------------------------------------------------------------------------
  it('E2, R-SRP-6, R-MATRIX-1/4, R-SRP-5: a supplier that becomes a provider: one assessment covering both from the designation date, decided by the provider category, with the aggregate of its users', async () => {
    const s = await cc.party('E2 S', ['IMPORT_SUPPLIER'], 100_000, '2020-01-01');
    await cc.assessed(s, '2023-03-01');
    await cc.assessed(s, '2024-03-01');
    const hub = await registered({ name: 'E2 hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: s, availableFrom: '2025-01-15' });
    expect(hub.provider).toMatchObject({ isSharedResourceProvider: true, sharedResourceProviderFrom: '2025-01-15' });
    const u = await cc.party('E2 U', ['OTHER_USER'], 40_000, '2020-01-01');
    await cc.engage(u, hub.id, '2025-02-01');
    // R-SRP-6: the provider that is also a User cannot engage its own resource; it is assessed once for both.
    const self = await engageRaw({ userPartyId: s, sharedResourceId: hub.id, startDate: '2025-02-01' });
    expect(['BAD_USER_INPUT', 'CONFLICT']).toContain(codeOf(self));

    // "A determination dated 2024-12-01 (before the designation) would not see S as a provider."
    for (const day of ['2024-12-01', '2025-01-14']) {
      const v = await view(s, day);
      expect({ day, srp: v.srpAsOf, next: v.nextAssessment }).toMatchObject({ day, srp: false, next: { type: 'SELF', category: 'SUPPLIER', coveredCategories: ['SUPPLIER'], cyclePosition: 3 } });
    }
    // From the designation date: SUPPLIER year 3 (SELF), SHARED_RESOURCE_PROVIDER year 1 (FULL): FULL covering both,
    // decided by the provider category (R-MATRIX-4: "the category that decided the type").
    for (const day of ['2025-01-15', '2025-03-01']) {
      const v = await view(s, day);
      expect({ day, srp: v.srpAsOf, next: v.nextAssessment }).toMatchObject({ day, srp: true, next: { type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER' } });
      expect([...v.nextAssessment!.coveredCategories].sort()).toEqual(['SHARED_RESOURCE_PROVIDER', 'SUPPLIER']);
    }
    const full = await cc.schedule(s, '2025-03-01', '2025-03-01');
    expect(full).toMatchObject({ type: 'FULL', requirement: { type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER' } });
    expect([...full.requirement.coveredCategories].sort()).toEqual(['SHARED_RESOURCE_PROVIDER', 'SUPPLIER']);
    await cc.complete(full.id, '2025-04-01');
    await cc.status(full.id, 'APPROVED', '2025-05-01');
    // R-SRP-5: one annual assessment per calendar year for a provider.
    const second = await cc.scheduleRaw(s, '2025-06-01', '2025-06-01');
    expect(codeOf(second)).toBe('SRP_ALREADY_ASSESSED_THIS_YEAR');

    // A large user joins: year 2 for both categories; SUPPLIER (own 100,000) VERIFICATION, the provider (aggregate
    // above 250,000) FULL: FULL, decided by the provider category, premisesUsed the aggregate (R-SRP-5, R-MATRIX-4).
    const u2 = await cc.party('E2 U2', ['GAS_SUPPLIER'], 300_000, '2020-01-01');
    await cc.engage(u2, hub.id, '2025-07-01');
    const v = await view(s, '2026-03-01');
    expect(v.nextAssessment).toMatchObject({ type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER', cyclePosition: 2, premisesKnown: true });
    expect([...v.nextAssessment!.coveredCategories].sort()).toEqual(['SHARED_RESOURCE_PROVIDER', 'SUPPLIER']);
    // The aggregate of its users (340,000), or with its own premises too (440,000): either reading is above 250,000.
    expect([340_000, 440_000]).toContain(v.nextAssessment!.premisesUsed);
    // Before the large user's start the provider's aggregate is small and the answer is VERIFICATION.
    expect((await view(s, '2025-06-30')).nextAssessment).toMatchObject({ type: 'VERIFICATION', cyclePosition: 2 });
  });

  // ---------------------------------------------------------------------------------------------------------------
  it('R-SRP-2, R-SET-1/2: the designation date and the rule set are read independently: a provider with no User Role designated under LEGACY needs nothing of its own until SECMP0044 applies', async () => {
    const p = await cc.party('Legacy provider', []);
    await registered({ name: 'legacy hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: p, availableFrom: '2018-06-01' });
    expect(await view(p, '2018-05-31')).toMatchObject({ srpAsOf: false, nextAssessment: null });
    expect(await view(p, '2018-08-21')).toMatchObject({ srpAsOf: true, nextAssessment: null });
    expect((await view(p, '2018-08-22')).nextAssessment).toMatchObject({ type: 'FULL', ruleSet: 'SECMP0044', category: 'SHARED_RESOURCE_PROVIDER' });
  });

  // ---------------------------------------------------------------------------------------------------------------
  it('contract README §3 (committed, in order per key), R-SRP-2: resources of one provider registered at once with different days: the designation starts at the earliest, the last designation published says so, and every service reads that day', async () => {
    for (let round = 0; round < 2; round++) {
      const c = await cc.party(`Concurrent ${round}`, []);
      const days = [-10, -50, -20, -40, -30, -15];
      const answers = await Promise.all(
        days.map((n, i) => register({ name: `conc ${round}.${i}`, scope: i % 2 ? 'WHOLE_USER_SYSTEM' : 'PART_OF_USER_SYSTEM', ...(i % 2 ? {} : { optInAsProvider: true }), providerPartyId: c, availableFrom: D(n) })),
      );
      expect(answers.map((a) => codeOf(a) ?? 'ok')).toEqual(days.map(() => 'ok'));
      const first = await view(c, D(-50));
      expect({ round, from: first.sharedResourceProviderFrom, srp: first.srpAsOf, next: first.nextAssessment?.type }).toEqual({ round, from: D(-50), srp: true, next: 'FULL' });
      expect(await view(c, D(-51))).toMatchObject({ srpAsOf: false, nextAssessment: null });
      await designatedEvent(c, D(-50));
      await marker(c, '2019-06-01');
      const published = registryAbout(c, 'SharedResourceProviderDesignated');
      expect({ round, last: published[published.length - 1]!.event.data.effectiveFrom }).toEqual({ round, last: D(-50) });
      await inElection(D(-50), async (electionId, nominationId) => {
        expect((await vote(electionId, nominationId, c)).errors).toBeUndefined();
      });
    }
  });

  // ---------------------------------------------------------------------------------------------------------------
  it('README §3 (a client reads its writes), R-SSC-3, R-SRP-2: a designation moved earlier by a resource registered a moment ago is seen at once by ssc-membership and assessment-scheduling', async () => {
    await inElection(D(-20), async (electionId, nominationId) => {
      const x = await cc.party('Moved designation', ['OTHER_USER'], 10, '2020-01-01');
      await registered({ name: 'late hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: x, availableFrom: D(-10) });
      expect(codeOf(await vote(electionId, nominationId, x))).toBe('VOTER_NOT_ELIGIBLE');
      expect((await view(x, D(-20))).nextAssessment).toMatchObject({ coveredCategories: ['OTHER_USER'] });
      await registered({ name: 'early hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: x, availableFrom: D(-25) });
      expect((await vote(electionId, nominationId, x)).errors).toBeUndefined();
      const y = await cc.party('Designated a moment ago', []);
      await registered({ name: 'hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: y, availableFrom: D(-25) });
      expect((await vote(electionId, nominationId, y)).errors).toBeUndefined();
      const z = await cc.party('Designated a moment ago too', []);
      await registered({ name: 'hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: z, availableFrom: D(-20) });
      expect((await cc.schedule(z, D(-20), D(-20))).requirement).toMatchObject({ type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER' });
    });
  });

  // ---------------------------------------------------------------------------------------------------------------
  it('R-SRP-5, R-SRP-2 (decision), R-PREM-2 (E3): the provider\'s aggregate is of its CURRENT users; serving nobody after its User Entry FULL it is not due an annual assessment; a user with no count makes the aggregate unknown', async () => {
    const p = await cc.party('Ending provider', []);
    const hub = await registered({ name: 'hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: p, availableFrom: '2024-01-01' });
    await cc.assessed(p, '2024-03-01');
    expect((await view(p, '2024-05-31')).nextAssessment).toBeNull();
    const noUsers = await cc.scheduleRaw(p, '2024-05-31', '2024-05-31');
    expect(codeOf(noUsers)).toBe('BAD_USER_INPUT');
    const u = await cc.party('Ending user', ['OTHER_USER'], 5_000, '2020-01-01');
    const e = await cc.engage(u, hub.id, '2024-06-01');
    await cc.ok(tokens.admin, `mutation($e: ID!, $d: Date!) { endEngagement(engagementId: $e, endDate: $d) { id } }`, { e, d: '2025-06-30' });
    expect((await view(p, '2024-06-01')).nextAssessment).toMatchObject({ type: 'VERIFICATION', category: 'SHARED_RESOURCE_PROVIDER', cyclePosition: 2, premisesUsed: 5_000 });
    expect((await view(p, '2025-06-30')).nextAssessment).toMatchObject({ type: 'VERIFICATION', premisesUsed: 5_000 });
    expect((await view(p, '2025-07-01')).nextAssessment).toBeNull();
    expect((await view(p, '2025-07-01')).srpAsOf).toBe(true);

    const q = await cc.party('Unknown aggregate provider', []);
    const qh = await registered({ name: 'hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: q, availableFrom: '2024-01-01' });
    await cc.assessed(q, '2024-03-01');
    const counted = await cc.party('Counted user', ['OTHER_USER'], 1_000, '2020-01-01');
    const uncounted = await cc.party('Uncounted user', ['OTHER_USER']);
    await cc.engage(counted, qh.id, '2024-06-01');
    await cc.engage(uncounted, qh.id, '2024-06-01');
    const n = (await view(q, '2025-03-01')).nextAssessment!;
    expect(n).toMatchObject({ type: 'FULL', category: 'SHARED_RESOURCE_PROVIDER', cyclePosition: 2, premisesKnown: false });
    expect(n.explanation).toContain(unique('Uncounted user'));
  });

  // ---------------------------------------------------------------------------------------------------------------
  it('R-SRP-2/4, API schema (isSharedResourceProvider(asOf), sharedResourceProviderFrom): every path of the graph to a provider gives the same designation on the same day (party, parties, partyByName, sharedResource.provider, engagement.provider, engagementsAsUser.provider)', async () => {
    const whole = await cc.party('Paths whole', []);
    const part = await cc.party('Paths part no opt-in', []);
    const moved = await cc.party('Paths moved', ['OTHER_USER'], 100, '2020-01-01');
    const user = await cc.party('Paths user', ['GAS_SUPPLIER'], 1_000, '2020-01-01');
    const r1 = await registered({ name: 'hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: whole, availableFrom: D(-12) });
    const r2 = await registered({ name: '  utrn  ', scope: 'PART_OF_USER_SYSTEM', providerPartyId: part, availableFrom: D(-12) });
    const r3 = await registered({ name: 'late', scope: 'WHOLE_USER_SYSTEM', providerPartyId: moved, availableFrom: D(-6) });
    await registered({ name: 'early', scope: 'PART_OF_USER_SYSTEM', optInAsProvider: true, providerPartyId: moved, availableFrom: D(-12) });
    const engagements = [await cc.engage(user, r1.id, D(-12)), await cc.engage(user, r2.id, D(-12)), await cc.engage(user, r3.id, D(-6))];
    await resourceEventMatches(r2.id);
    const F = `isSharedResourceProvider srpAsOf: isSharedResourceProvider(asOf: $asOf) sharedResourceProviderFrom nextAssessment(asOf: $asOf) { category coveredCategories }`;
    const providers = { [whole]: r1.id, [part]: r2.id, [moved]: r3.id };
    for (const asOf of [D(-13), D(-12), D(-6), TODAY]) {
      const seen: Record<string, Record<string, unknown>> = {};
      const note = (path: string, party: { id: string } & Record<string, unknown>) => {
        if (!(party.id in providers)) return;
        const { id, ...rest } = party;
        (seen[id] ??= {})[path] = JSON.stringify(rest);
      };
      const q = async (text: string, vars: Record<string, unknown> = {}) => cc.ok(tokens.admin, `query($asOf: Date${text.includes('$id') ? ', $id: ID!' : ''}${text.includes('$name') ? ', $name: String!' : ''}) { ${text} }`, { asOf, ...vars });
      for (const p of (await q(`parties(first: 500) { id ${F} }`)).parties) note('parties', p);
      for (const id of Object.keys(providers)) note('party', (await q(`party(id: $id) { id ${F} }`, { id })).party);
      for (const name of ['Paths whole', 'Paths part no opt-in', 'Paths moved']) note('partyByName', (await q(`partyByName(name: $name) { id ${F} }`, { name: unique(name) })).partyByName);
      for (const id of Object.values(providers)) note('sharedResource.provider', (await q(`sharedResource(id: $id) { provider { id ${F} } }`, { id })).sharedResource.provider);
      for (const id of engagements) note('engagement.provider', (await q(`engagement(id: $id) { provider { id ${F} } }`, { id })).engagement.provider);
      for (const e of (await q(`party(id: $id) { engagementsAsUser { provider { id ${F} } } }`, { id: user })).party.engagementsAsUser) note('engagementsAsUser.provider', e.provider);
      for (const id of Object.keys(providers)) {
        const paths = seen[id] ?? {};
        expect({ asOf, id, paths: Object.keys(paths).length }).toEqual({ asOf, id, paths: 6 });
        expect({ asOf, id, distinct: [...new Set(Object.values(paths))] }).toEqual({ asOf, id, distinct: [paths.party] });
      }
      const one = JSON.parse(String(seen[whole]!.party));
      const two = JSON.parse(String(seen[part]!.party));
      const three = JSON.parse(String(seen[moved]!.party));
      expect({ asOf, whole: one.srpAsOf, part: two.srpAsOf, moved: three.srpAsOf }).toEqual({ asOf, whole: asOf >= D(-12), part: false, moved: asOf >= D(-12) });
    }
  });

  // ---------------------------------------------------------------------------------------------------------------
  // Found by this probe, fixed: sharedResourceProviderFrom answered null ("not a provider") without an error to a caller not allowed to read it, where isSharedResourceProvider answers FORBIDDEN
  it('contract README §2 (deny: FORBIDDEN), R-SRP-2: a caller who may not read a provider\'s designation is refused, never told a wrong one (sharedResourceProviderFrom null means "not a provider")', async () => {
    const x = await cc.party('Hidden designation provider', []);
    const hub = await registered({ name: 'hub', scope: 'WHOLE_USER_SYSTEM', providerPartyId: x, availableFrom: '2025-01-01' });
    const u = await cc.party('Hidden designation user', ['OTHER_USER'], 10_000, '2020-01-01');
    await cc.engage(u, hub.id, '2025-02-01');
    expect((await view(x)).sharedResourceProviderFrom).toBe('2025-01-01');
    const pu = await system.token('PARTY_USER', u);
    const problems: string[] = [];
    const check = async (who: string, token: string, text: string, vars: Record<string, unknown>, pick: (data: Record<string, unknown> | null | undefined) => unknown, truth: unknown) => {
      const r = await cc.gql(token, text, vars);
      const forbidden = (r.errors ?? []).some((e) => e.extensions?.code === 'FORBIDDEN');
      const value = r.data ? pick(r.data) : undefined;
      if (!forbidden && value !== truth) problems.push(`${who}: ${text.replace(/\s+/g, ' ')} answered ${JSON.stringify(value)} with no FORBIDDEN (truth ${JSON.stringify(truth)})`);
    };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const viaEngagement = (field: string) => (d: any) => d?.party?.engagementsAsUser?.[0]?.provider?.[field];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const direct = (field: string) => (d: any) => d?.party?.[field];
    for (const [field, truth] of [['isSharedResourceProvider', true], ['sharedResourceProviderFrom', '2025-01-01']] as const) {
      await check(`PARTY_USER of its user`, pu, `query($id: ID!) { party(id: $id) { engagementsAsUser { provider { id name ${field} } } } }`, { id: u }, viaEngagement(field), truth);
      await check(`USER_CIO`, tokens.cio, `query($id: ID!) { party(id: $id) { id name ${field} } }`, { id: x }, direct(field), truth);
    }
    expect(problems).toEqual([]);
  });
});
