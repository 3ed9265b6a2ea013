import { randomBytes } from 'node:crypto';
import { requireKafka } from '@sec-assure/events/testing';
import { londonDayOf } from '@sec-assure/rules';
import { startSystem, type RunningSystem } from './system';
import { addDays, addMonths } from './calendar';
import { seeded } from './seeded';

// Existence oracles, as an outside client holding only the contract (and the API schema it can introspect) meets them.
//
// R-DIST-4: "Nobody outside a document's recipient list (and SECAS/SSC oversight) can read it or learn that it exists."
// Contract README §2: a PARTY_USER sees of any other party only its id and name, whatever the path: never its premises,
// history, engagements, assessments, documents or customers; USER_CIO is denied by default.
// contract.graphql (errors): a document the caller may not see is reported exactly like one that does not exist.
//
// An oracle is any observable difference between "exists but not yours" and "does not exist", or between two hidden
// states. Every test here holds the caller and the request fixed and varies only the hidden fact:
//   - real-but-hidden id vs a random UUID: status, data, error codes, messages (the id asked for masked), paths and
//     extensions must be equal;
//   - two worlds differing in one hidden fact (another party's acknowledgement, copy issued in error, premises, new
//     engagement, assessment, override, document...): the caller's whole readable view must be equal, except where a
//     rule requires the difference (cited next to each allowance).
// Random ids are drawn from a seeded generator (EXISTENCE_ORACLES_SEED), so a run can be replayed.

const TODAY = londonDayOf(new Date());
const TOMORROW = addDays(TODAY, 1);
const SEED = Number(process.env.EXISTENCE_ORACLES_SEED ?? 20261207);
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = any;
interface Answer {
  status: number;
  data: Data;
  errors: Array<{ message: string; code: unknown; path: unknown; extensions: unknown }>;
}

/** Lists in a stable order and keys sorted: two answers with the same content compare equal. */
const canon = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(canon).sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon((v as Record<string, unknown>)[k])]));
  return v;
};
/** The answer as text with the ids that were asked for replaced by `<id>` (a refusal may echo the id the caller sent). */
const masked = (a: Answer, ids: string[]): string => {
  let text = JSON.stringify(canon(a));
  for (const id of ids) text = text.split(id).join('<id>');
  return text;
};
/** Leaf paths where two JSON values differ (lists compared element by element when of equal length). */
const diffPaths = (x: unknown, y: unknown, path: string, out: string[] = []): string[] => {
  if (JSON.stringify(x) === JSON.stringify(y)) return out;
  if (x && y && typeof x === 'object' && typeof y === 'object' && !Array.isArray(x) && !Array.isArray(y)) {
    for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) diffPaths((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${path}.${k}`, out);
    return out;
  }
  if (Array.isArray(x) && Array.isArray(y) && x.length === y.length) {
    x.forEach((_, i) => diffPaths(x[i], y[i], `${path}[${i}]`, out));
    return out;
  }
  out.push(`${path}: ${JSON.stringify(x)?.slice(0, 200)} => ${JSON.stringify(y)?.slice(0, 200)}`);
  return out;
};

// ---- selections (every field of the API schema a party user may ask about its own party) -------------------------
const REQ = 'type ruleSet category coveredCategories cyclePosition premisesUsed ruleIds premisesKnown explanation';
const DOC = `id kind title subject { id name } assessmentId issuedOn issuedAt content contentWithheld sha256
  recipients { party { id name } acknowledgedAt addedAt reason issuedInError issuedInErrorReason issuedInErrorAt }`;
const ASSESSMENT = `id party { id name } type requirement { ${REQ} } calendarYear scheduledFor scheduledOn determinationDate
  directedBySsc directionReason scheduledBy state cancelledOn cancelledBy cancellationReason fieldworkCompletedOn
  assuranceStatus assuranceStatusSetOn conditions nextDueBy charge followUpReason followUpOf { id }
  reliesOn { provider { id name } assuranceStatus assuranceStatusSetOn providerAssessment { id } }`;
const ENGAGEMENT = `id user { id name } provider { id name } startDate endDate userNotifiedSscOn providerNotifiedSscOn providerEndNotifiedSscOn
  sharedResource { id name scope optInAsProvider availableFrom provider { id name } }
  notices { kind eventDate notifiedOn missing workingDaysElapsed workingDaysWithoutNotice practiceThresholdWorkingDays lateAgainstPracticeThreshold }`;
const OWN_PARTY = `id name userRoles isSharedResourceProvider sharedResourceProviderFrom registeredAt contactEmail
  userRoleHistory { role heldFrom givenUpOn } domesticPremises domesticPremisesHistory { count effectiveFrom }
  engagementsAsUser { ${ENGAGEMENT} } engagementsAsProvider { ${ENGAGEMENT} }
  sharedResources { id name scope availableFrom engagements { id startDate endDate user { id name } } }
  nextAssessment { ${REQ} } assessments { ${ASSESSMENT} } assessmentTimingOverrides { id dueBy reason previousDueBy overriddenBy }
  providerNonCompliance { id provider { id name } recommendedOn raisedToPanel raisedToPanelOn raisedBy affectedUsers { id name } }
  providerNonComplianceCases { id provider { id name } openedOn state decision decidedOn flagged }
  documentsReceived { ${DOC} }`;
/** Fields of another party that a party user reaches through the graph: only id and name are its to read. */
const OTHER_PARTY_FIELDS = [
  'userRoles', 'isSharedResourceProvider', 'registeredAt', 'domesticPremises', 'domesticPremisesHistory { count }',
  'userRoleHistory { role }', 'engagementsAsUser { id }', 'engagementsAsProvider { id }', 'sharedResources { id }',
  'nextAssessment { type premisesUsed }', 'assessments { id }', 'assessmentTimingOverrides { id }', 'providerNonCompliance { id }',
  'providerNonComplianceCases { id }', 'history { kind }',
];

describe('contract only: existence oracles (R-DIST-4, contract README §2, contract.graphql errors)', () => {
  let system: RunningSystem;
  const run = randomBytes(3).toString('hex');
  const rng = seeded(SEED);
  /** A random version-4 UUID from the seeded generator: an id that names nothing. */
  const randomId = (): string => {
    const hex = Array.from({ length: 32 }, () => Math.floor(rng.rnd() * 16).toString(16));
    hex[12] = '4';
    hex[16] = ((Math.floor(rng.rnd() * 4) + 8) as number).toString(16);
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  const tokens: Record<string, string> = {};
  const W: Record<string, string> = {};
  const names: Record<string, string> = {};

  const send = async (token: string, query: string, variables: Record<string, unknown> = {}): Promise<Answer> => {
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string; path?: unknown; extensions?: Record<string, unknown> }> };
    return {
      status: response.status,
      data: body.data ?? null,
      errors: (body.errors ?? []).map((e) => ({ message: e.message, code: e.extensions?.code, path: e.path ?? null, extensions: e.extensions ?? null })),
    };
  };
  const ok = async (token: string, query: string, variables: Record<string, unknown> = {}): Promise<Data> => {
    const a = await send(token, query, variables);
    if (a.errors.length > 0) throw new Error(`${query.replace(/\s+/g, ' ').slice(0, 120)}: ${a.errors.map((e) => `${e.code}: ${e.message}`).join('; ')}`);
    return a.data;
  };
  const as = (key: string): string => {
    const t = tokens[key];
    if (!t) throw new Error(`no token ${key}`);
    return t;
  };

  // ---- steps of the world -----------------------------------------------------------------------------------------
  const party = async (key: string, roles: string[], premises: number | null, from = '2015-01-01'): Promise<string> => {
    const input: Record<string, unknown> = { name: `EO ${key} ${run}`, userRoles: roles };
    if (premises !== null) Object.assign(input, { domesticPremises: premises, premisesEffectiveFrom: from });
    const id = (await ok(as('admin'), `mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id name } }`, { input })).registerParty.id as string;
    W[key] = id;
    names[key] = `EO ${key} ${run}`;
    tokens[key] = await system.token('PARTY_USER', id);
    return id;
  };
  const resource = async (provider: string, name: string, availableFrom = '2015-01-01'): Promise<string> =>
    (await ok(as('admin'), `mutation($input: RegisterSharedResourceInput!) { registerSharedResource(input: $input) { id } }`, {
      input: { name: `EO ${name} ${run}`, scope: 'WHOLE_USER_SYSTEM', providerPartyId: provider, availableFrom },
    })).registerSharedResource.id;
  const engage = async (user: string, resourceId: string, startDate: string): Promise<string> =>
    (await ok(as('admin'), `mutation($input: EngageSharedResourceInput!) { engageSharedResource(input: $input) { id } }`, {
      input: { userPartyId: user, sharedResourceId: resourceId, startDate },
    })).engageSharedResource.id;
  const schedule = async (partyId: string, day: string): Promise<string> =>
    (await ok(as('admin'), `mutation($input: ScheduleAssessmentInput!) { scheduleAssessment(input: $input) { id } }`, {
      input: { partyId, determinationDate: day, scheduledFor: day },
    })).scheduleAssessment.id;
  const assessed = async (partyId: string, day: string, status = 'APPROVED'): Promise<string> => {
    const id = await schedule(partyId, day);
    await ok(as('cio'), `mutation($id: ID!, $d: Date!) { completeFieldwork(assessmentId: $id, completedOn: $d) { id } }`, { id, d: day });
    await ok(as('ssc'), `mutation($id: ID!, $s: AssuranceStatus!, $d: Date!) { setAssuranceStatus(assessmentId: $id, status: $s, setOn: $d) { id } }`, { id, s: status, d: day });
    return id;
  };
  const issue = async (token: string, input: Record<string, unknown>): Promise<string> =>
    (await ok(token, `mutation($input: IssueDocumentInput!) { issueDocument(input: $input) { id } }`, { input })).issueDocument.id;

  /** Same caller, same text: the answer for the real (hidden) id and for a random one must be indistinguishable. */
  const sameAsForNothing = async (caller: string, query: string, real: Record<string, unknown>, fake: Record<string, unknown>): Promise<{ real: Answer; fake: Answer }> => {
    const a = await send(as(caller), query, real);
    const b = await send(as(caller), query, fake);
    const idsOf = (v: Record<string, unknown>) => JSON.stringify(v).match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [];
    return { real: JSON.parse(masked(a, idsOf(real))), fake: JSON.parse(masked(b, idsOf(fake))) };
  };

  beforeAll(async () => {
    await requireKafka();
    system = await startSystem({ ownTopics: true });
    tokens.admin = await system.token('SECAS_ADMIN');
    tokens.ssc = await system.token('SSC_MEMBER');
    tokens.cio = await system.token('USER_CIO');

    // PV provides a whole User System to U1 and U2 (since 2016); U4 used it until 2020; U3 starts tomorrow;
    // PV2 is a second provider; X has nothing to do with any of them.
    await party('PV', [], null);
    await party('PV2', ['OTHER_USER'], 10);
    await party('U1', ['GAS_SUPPLIER'], 40_000);
    await party('U2', ['OTHER_USER'], 30_000);
    await party('U3', ['GAS_SUPPLIER'], 3_000);
    await party('U4', ['ELECTRICITY_DISTRIBUTOR'], 4_000);
    await party('U5', ['GAS_SUPPLIER'], 7_000);
    await party('U9', ['OTHER_USER'], null); // no premises count on record (R-PREM-2)
    await party('X', ['IMPORT_SUPPLIER'], 100_000);
    W.R = await resource(W.PV!, 'hub');
    W.R2 = await resource(W.PV2!, 'hub2');
    W.E1 = await engage(W.U1!, W.R, '2016-01-04');
    W.E2 = await engage(W.U2!, W.R, '2016-01-04');
    W.E4 = await engage(W.U4!, W.R, '2016-01-04');
    await ok(as('admin'), `mutation($id: ID!) { endEngagement(engagementId: $id, endDate: "2020-12-31") { id } }`, { id: W.E4 });
    W.E3 = await engage(W.U3!, W.R, TOMORROW);

    // Assessments of the past, entered in date order (R-MATRIX-6), and one booked today for X.
    const past = addMonths(TODAY, -20);
    W.aPV = await assessed(W.PV!, past);
    W.aU1 = await assessed(W.U1!, addDays(past, 14));
    W.aU2 = await assessed(W.U2!, addDays(past, 14));
    W.aX = await schedule(W.X!, TODAY);

    // Documents: PV's report (to PV, U1, U2: R-DIST-2), PV's management response, U1's own report (U1 alone: R-DIST-6),
    // X's management response (X alone).
    W.dPV = await issue(as('cio'), { subjectPartyId: W.PV, assessmentId: W.aPV, kind: 'ASSESSMENT_REPORT', title: `EO report PV ${run}`, content: 'PV report' });
    W.dPVmr = await issue(as('PV'), { subjectPartyId: W.PV, assessmentId: W.aPV, kind: 'MANAGEMENT_RESPONSE', title: `EO response PV ${run}`, content: 'PV response' });
    W.dU1 = await issue(as('cio'), { subjectPartyId: W.U1, assessmentId: W.aU1, kind: 'ASSESSMENT_REPORT', title: `EO report U1 ${run}`, content: 'U1 report' });
    W.dX = await issue(as('X'), { subjectPartyId: W.X, assessmentId: W.aX, kind: 'MANAGEMENT_RESPONSE', title: `EO response X ${run}`, content: 'X response' });
  }, 300_000);

  afterAll(async () => {
    await system?.stop();
  }, 60_000);

  // -----------------------------------------------------------------------------------------------------------------
  it('R-DIST-4, contract.graphql (errors): document(id) of a document the caller does not hold answers exactly as a random id does, for party users, the User CIO and a copy never received', async () => {
    const q = `query Doc($id: ID!) { document(id: $id) { id kind title subject { id name } recipients { party { id } } } }`;
    const cases: Array<[string, string]> = [
      ['U1', 'dX'], ['U2', 'dU1'], ['PV', 'dU1'], ['PV', 'dX'], ['X', 'dPV'], ['X', 'dPVmr'], ['X', 'dU1'],
      ['U4', 'dPV'], // engagement ended 2020, before the issue date (R-DIST-4, second sentence)
      ['U3', 'dPV'], // engaged from tomorrow: not a user on the issue date, and nothing before its start (R-DIST-5)
      ['cio', 'dPVmr'], ['cio', 'dX'], // not the originator nor oversight
    ];
    for (const [caller, doc] of cases) {
      const { real, fake } = await sameAsForNothing(caller, q, { id: W[doc] }, { id: randomId() });
      expect({ caller, doc, answer: real }).toEqual({ caller, doc, answer: fake });
      expect(real).toEqual({ status: 200, data: { document: null }, errors: [] });
    }
    // The same documents are readable by their recipients (so the nulls above hide something real).
    expect((await ok(as('U1'), q, { id: W.dPV })).document.id).toBe(W.dPV);
    expect((await ok(as('X'), q, { id: W.dX })).document.id).toBe(W.dX);
    expect((await ok(as('cio'), q, { id: W.dPV })).document.id).toBe(W.dPV);
  });

  it('R-DIST-4, R-DIST-3: acknowledgeDocument of a document the caller holds no copy of is refused exactly as a random id is, and records nothing', async () => {
    const q = `mutation Ack($id: ID!) { acknowledgeDocument(documentId: $id) { party { id } acknowledgedAt } }`;
    for (const [caller, doc] of [['U1', 'dX'], ['U2', 'dU1'], ['PV', 'dU1'], ['X', 'dPV'], ['U4', 'dPV'], ['U3', 'dPV'], ['cio', 'dPV'], ['cio', 'dX']] as const) {
      const { real, fake } = await sameAsForNothing(caller, q, { id: W[doc] }, { id: randomId() });
      expect({ caller, doc, answer: real }).toEqual({ caller, doc, answer: fake });
      expect(real.errors).toHaveLength(1);
      // The refusal names nothing of the hidden document: neither its title nor its subject.
      expect(JSON.stringify(real)).not.toMatch(new RegExp(`EO (report|response) .* ${run}|EO (PV|X|U1) ${run}`));
    }
    const oversight = await ok(as('admin'), `{ a: document(id: "${W.dX}") { recipients { party { id } acknowledgedAt } } b: document(id: "${W.dU1}") { recipients { party { id } acknowledgedAt } } }`);
    expect([...oversight.a.recipients, ...oversight.b.recipients].every((r: Data) => r.acknowledgedAt === null)).toBe(true);
  });

  it('R-DIST-7, contract README §2: markCopyIssuedInError by anyone but SECAS is refused the same for a real copy and for nothing, and marks nothing', async () => {
    const q = `mutation Mark($d: ID!, $p: ID!) { markCopyIssuedInError(documentId: $d, partyId: $p, reason: "probe") { issuedInError } }`;
    for (const caller of ['U1', 'PV', 'X', 'cio', 'ssc']) {
      const { real, fake } = await sameAsForNothing(caller, q, { d: W.dPV, p: W.U2 }, { d: randomId(), p: W.U2 });
      expect({ caller, answer: real }).toEqual({ caller, answer: fake });
      expect(real.errors[0]?.code).toBe('FORBIDDEN');
    }
    const copies = (await ok(as('admin'), `{ document(id: "${W.dPV}") { recipients { party { id } issuedInError } } }`)).document.recipients;
    expect(copies.filter((r: Data) => r.issuedInError)).toEqual([]);
  });

  it('R-DIST-4, contract README §2: a party user\'s refused issueDocument answers the same for another party\'s real assessment or subject as for a random id, names nothing of it, and issues nothing', async () => {
    const q = `mutation Issue($input: IssueDocumentInput!) { issueDocument(input: $input) { id } }`;
    const input = (subjectPartyId: string, assessmentId?: string) => ({ input: { subjectPartyId, kind: 'MANAGEMENT_RESPONSE', title: 'probe', content: 'probe', ...(assessmentId ? { assessmentId } : {}) } });
    const before = (await ok(as('admin'), `{ a: party(id: "${W.U1}") { documentsReceived { id } } b: party(id: "${W.X}") { documentsReceived { id } } }`));
    // Its own subject with an assessment of its provider, of a co-user, of an unrelated party.
    for (const a of ['aPV', 'aU2', 'aX']) {
      const { real, fake } = await sameAsForNothing('U1', q, input(W.U1!, W[a]), input(W.U1!, randomId()));
      expect({ assessment: a, answer: real }).toEqual({ assessment: a, answer: fake });
      expect(JSON.stringify(real)).not.toContain(run);
    }
    // Another party as the subject (with its own real assessment) vs a random subject.
    for (const [caller, subject, a] of [['U1', 'X', 'aX'], ['U1', 'PV', 'aPV'], ['PV', 'U1', 'aU1'], ['X', 'U2', 'aU2']] as const) {
      const { real, fake } = await sameAsForNothing(caller, q, input(W[subject]!, W[a]), input(randomId(), randomId()));
      expect({ caller, subject, answer: real }).toEqual({ caller, subject, answer: fake });
      expect(real.errors[0]?.code).toBe('FORBIDDEN');
    }
    const after = (await ok(as('admin'), `{ a: party(id: "${W.U1}") { documentsReceived { id } } b: party(id: "${W.X}") { documentsReceived { id } } }`));
    expect(after).toEqual(before);
  });

  it('contract README §2 (deny by default), R-DIST-4: every query that takes an id answers a party user the same for another party\'s real object as for a random id', async () => {
    const reads: Array<[string, string, Record<string, unknown>, string[]?]> = [
      ['assessment of an unrelated party', `query($id: ID!) { assessment(id: $id) { id type } }`, { id: W.aX }],
      ['assessment of its provider', `query($id: ID!) { assessment(id: $id) { id type } }`, { id: W.aPV }, ['PV']],
      ['assessment of a co-user', `query($id: ID!) { assessment(id: $id) { id type } }`, { id: W.aU2 }],
      ['engagement of a co-user', `query($id: ID!) { engagement(id: $id) { id } }`, { id: W.E2 }, ['PV']],
      ['engagement of a former co-user', `query($id: ID!) { engagement(id: $id) { id } }`, { id: W.E4 }, ['PV']],
      ['its provider\'s resource', `query($id: ID!) { sharedResource(id: $id) { id name } }`, { id: W.R }],
      ['another provider\'s resource', `query($id: ID!) { sharedResource(id: $id) { id name } }`, { id: W.R2 }],
      ['a co-user\'s unacknowledged copies', `query($id: ID) { unacknowledgedDocuments(partyId: $id) { document { id } } }`, { id: W.U2 }],
      ['its provider\'s unacknowledged copies', `query($id: ID) { unacknowledgedDocuments(partyId: $id) { document { id } } }`, { id: W.PV }],
      ['a party', `query($id: ID!) { party(id: $id) { id name } }`, { id: W.X }],
      ['its provider', `query($id: ID!) { party(id: $id) { id name } }`, { id: W.PV }],
      ['a co-user\'s calendar', `query($id: ID) { assessmentCalendar(partyId: $id) { fileName } }`, { id: W.U2 }],
      ['a co-user\'s schedule', `query($id: ID) { schedulingExport(table: SCHEDULE, format: CSV, partyId: $id) { fileName } }`, { id: W.U2 }],
      ['its provider\'s register row', `query($id: ID) { registerExport(format: CSV, partyId: $id) { fileName } }`, { id: W.PV }],
      ['its provider\'s timing overrides', `query($id: ID) { assessmentTimingOverrides(partyId: $id) { id } }`, { id: W.PV }],
      ['its provider\'s distribution pack', `query($id: ID!) { distributionPack(providerPartyId: $id) { fileName } }`, { id: W.PV }],
    ];
    for (const caller of ['U1', 'PV'] as const) {
      for (const [what, text, vars, ownFor] of reads) {
        const fakeVars = Object.fromEntries(Object.keys(vars).map((k) => [k, randomId()]));
        if (ownFor?.includes(caller) || (caller === 'PV' && (vars.id === W.PV || vars.id === W.R))) continue; // its own
        const { real, fake } = await sameAsForNothing(caller, text, vars, fakeVars);
        expect({ caller, what, answer: real }).toEqual({ caller, what, answer: fake });
      }
    }
  });

  it('contract README §2 (USER_CIO deny by default), R-DIST-4: the User CIO is answered the same for real engagements, resources, copies, cases and register rows as for random ids', async () => {
    const cases = (await ok(as('admin'), `{ nonComplianceCases { id } }`)).nonComplianceCases as Array<{ id: string }>;
    const reads: Array<[string, string, Record<string, unknown>]> = [
      ['engagement', `query($id: ID!) { engagement(id: $id) { id } }`, { id: W.E1 }],
      ['shared resource', `query($id: ID!) { sharedResource(id: $id) { id name } }`, { id: W.R }],
      ['unacknowledged copies of a party', `query($id: ID) { unacknowledgedDocuments(partyId: $id) { document { id } } }`, { id: W.U1 }],
      ['register row', `query($id: ID) { registerExport(format: CSV, partyId: $id) { fileName } }`, { id: W.U1 }],
      ['distribution pack', `query($id: ID!) { distributionPack(providerPartyId: $id) { fileName } }`, { id: W.PV }],
      ['non-compliance case', `query($id: ID!) { nonComplianceCase(id: $id) { id } }`, { id: cases[0]?.id ?? W.aPV }],
    ];
    for (const [what, text, vars] of reads) {
      const { real, fake } = await sameAsForNothing('cio', text, vars, { id: randomId() });
      expect({ what, answer: real }).toEqual({ what, answer: fake });
      expect(real.errors[0]?.code).toBe('FORBIDDEN');
    }
  });

  it('contract README §2: a mutation a caller may not make is refused the same whether the id it names exists (another party\'s) or not', async () => {
    const muts: Array<[string, string, Record<string, unknown>]> = [
      ['completeFieldwork', `mutation($id: ID!) { completeFieldwork(assessmentId: $id, completedOn: "${TODAY}") { id } }`, { id: W.aX }],
      ['setAssuranceStatus', `mutation($id: ID!) { setAssuranceStatus(assessmentId: $id, status: APPROVED, setOn: "${TODAY}") { id } }`, { id: W.aX }],
      ['cancelAssessment', `mutation($id: ID!) { cancelAssessment(assessmentId: $id, reason: "probe") { id } }`, { id: W.aX }],
      ['requestFollowUp', `mutation($id: ID!) { requestFollowUp(partyId: $id, reason: "probe", scheduledFor: "${TODAY}") { id } }`, { id: W.X }],
      ['directFullAssessment', `mutation($id: ID!) { directFullAssessment(partyId: $id, reason: "probe", scheduledFor: "${TODAY}") { id } }`, { id: W.X }],
      ['overrideAssessmentTiming', `mutation($id: ID!) { overrideAssessmentTiming(partyId: $id, dueBy: "${TOMORROW}", reason: "probe") { id } }`, { id: W.X }],
      ['endEngagement', `mutation($id: ID!) { endEngagement(engagementId: $id, endDate: "2020-01-01") { id } }`, { id: W.E2 }],
      ['recordEngagementNotification', `mutation($id: ID!) { recordEngagementNotification(engagementId: $id, by: PROVIDER, notifiedOn: "2016-02-01") { id } }`, { id: W.E2 }],
      ['decideNonComplianceCase', `mutation($id: ID!) { decideNonComplianceCase(caseId: $id, recommendEventOfDefault: false, reasons: "probe") { id } }`, { id: W.aPV }],
    ];
    for (const caller of ['U1', 'PV', 'X']) {
      for (const [what, text, vars] of muts) {
        const { real, fake } = await sameAsForNothing(caller, text, vars, { id: randomId() });
        expect({ caller, what, answer: real }).toEqual({ caller, what, answer: fake });
        expect(real.errors[0]?.code).toBe('FORBIDDEN');
      }
    }
    for (const [what, text, vars] of muts.filter(([w]) => w !== 'completeFieldwork')) {
      const { real, fake } = await sameAsForNothing('cio', text, vars, { id: randomId() });
      expect({ caller: 'cio', what, answer: real }).toEqual({ caller: 'cio', what, answer: fake });
    }
  });

  it('R-SSC-2, R-SSC-3, contract README §2: nominating or voting for another party is refused the same for a provider, a non-provider and nothing (no eligibility of another party is revealed); declineReason stays the nominating party\'s', async () => {
    const election = (await ok(as('admin'), `mutation { openElection(seatKind: SHARED_RESOURCE_PROVIDER, opensOn: "${TODAY}", closesOn: "${addDays(TODAY, 30)}") { id } }`)).openElection.id as string;
    const nominate = `mutation($input: NominationInput!) { nominate(input: $input) { id } }`;
    const input = (party: string) => ({ input: { electionId: election, nomineeName: `EO nominee ${run}`, nominatingPartyId: party, nominatorName: 'EO chief', nominatorHoldsSeniorPosition: true, securityExpertiseConfirmed: true, bs7858ScreeningCompleted: true } });
    for (const other of ['PV', 'PV2', 'U2']) {
      const { real, fake } = await sameAsForNothing('X', nominate, input(W[other]!), input(randomId()));
      expect({ other, answer: real }).toEqual({ other, answer: fake });
    }
    const nomination = (await ok(as('PV'), nominate, input(W.PV!))).nominate.id as string;
    const vote = `mutation($e: ID!, $n: ID!, $v: ID!) { castVote(electionId: $e, nominationId: $n, voterPartyId: $v) { id } }`;
    for (const other of ['PV', 'PV2', 'U2']) {
      const { real, fake } = await sameAsForNothing('X', vote, { e: election, n: nomination, v: W[other] }, { e: election, n: nomination, v: randomId() });
      expect({ other, answer: real }).toEqual({ other, answer: fake });
    }
    await ok(as('ssc'), `mutation($n: ID!) { declineNomination(nominationId: $n, reason: "EO private reason") { id } }`, { n: nomination });
    const read = `query($e: ID!) { election(id: $e) { declinedNominations { id declineReason } } }`;
    expect((await ok(as('X'), read, { e: election })).election.declinedNominations).toEqual([{ id: nomination, declineReason: null }]);
    expect((await ok(as('PV'), read, { e: election })).election.declinedNominations).toEqual([{ id: nomination, declineReason: 'EO private reason' }]);
  });

  it('contract README §2: of its provider a user reads id and name only, on every path (engagement, document subject, resource, reliance); of its users a provider reads id and name only; the rest is refused or empty, never a value', async () => {
    const paths: Array<[string, (f: string) => string]> = [
      ['U1', (f) => `{ party(id: "${W.U1}") { engagementsAsUser { provider { id name ${f} } } } }`],
      ['U1', (f) => `{ document(id: "${W.dPV}") { subject { id name ${f} } } }`],
      ['U1', (f) => `{ party(id: "${W.U1}") { engagementsAsUser { sharedResource { provider { id name ${f} } } } } }`],
      ['U1', (f) => `{ assessment(id: "${W.aU1}") { reliesOn { provider { id name ${f} } } } }`],
      ['PV', (f) => `{ party(id: "${W.PV}") { engagementsAsProvider { user { id name ${f} } } } }`],
      ['PV', (f) => `{ party(id: "${W.PV}") { sharedResources { engagements { user { id name ${f} } } } } }`],
    ];
    for (const [caller, path] of paths) {
      for (const field of OTHER_PARTY_FIELDS) {
        const a = await send(as(caller), path(field));
        // Either refused on that field, or (nullable field) null with a refusal; never a value.
        expect({ caller, query: path(field), codes: a.errors.map((e) => e.code) }).toEqual({ caller, query: path(field), codes: expect.arrayContaining(['FORBIDDEN']) });
        const fieldName = field.split(' ')[0]!;
        expect(JSON.stringify(a.data ?? null)).not.toMatch(new RegExp(`"${fieldName}":(?!null)`));
      }
      // documentsReceived of the other party: empty; its contactEmail and sharedResourceProviderFrom: refused (their
      // null would say "no address", "not a provider"), the same whether or not it holds documents, an address or a
      // designation (PV holds all three kinds).
      const quiet = await send(as(caller), path('documentsReceived { id } contactEmail sharedResourceProviderFrom'));
      expect(quiet.errors.length).toBeGreaterThanOrEqual(2);
      expect(new Set(quiet.errors.map((e) => e.code))).toEqual(new Set(['FORBIDDEN']));
      expect(JSON.stringify(quiet.data ?? null)).not.toMatch(/"documentsReceived":\[\{|"contactEmail":"|"sharedResourceProviderFrom":"/);
    }
    await ok(as('admin'), `mutation($p: ID!) { setPartyContactEmail(partyId: $p, email: "pv-${run}@example.org") { id } }`, { p: W.PV });
    const q = `{ party(id: "${W.U1}") { engagementsAsUser { provider { id contactEmail sharedResourceProviderFrom documentsReceived { id } } } } }`;
    const seen = await send(as('U1'), q);
    expect(seen.errors.map((e) => e.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(seen.data.party.engagementsAsUser).toEqual([{ provider: { id: W.PV, contactEmail: null, sharedResourceProviderFrom: null, documentsReceived: [] } }]);
  });

  it('R-DIST-2 (contract: "a party user sees only its own row"), R-DIST-3, R-DIST-4: every path to a document\'s recipients shows a party user its own copy only, and the record proof (positions of every party\'s entries) is refused', async () => {
    const own = (rows: Data[], partyId: string) => rows.every((r) => r.party.id === partyId) && rows.length === 1;
    const byDoc = `query($id: ID!) { document(id: $id) { recipients { party { id } acknowledgedAt } } }`;
    expect(own((await ok(as('U1'), byDoc, { id: W.dPV })).document.recipients, W.U1!)).toBe(true);
    expect(own((await ok(as('PV'), byDoc, { id: W.dPV })).document.recipients, W.PV!)).toBe(true);
    const inList = (await ok(as('U1'), `{ party(id: "${W.U1}") { documentsReceived { id recipients { party { id } } } } }`)).party.documentsReceived;
    expect(inList.every((d: Data) => own(d.recipients, W.U1!))).toBe(true);
    const unack = (await ok(as('PV'), `{ unacknowledgedDocuments { document { id recipients { party { id } } } } }`)).unacknowledgedDocuments;
    expect(unack.length).toBeGreaterThan(0);
    expect(unack.every((c: Data) => own(c.document.recipients, W.PV!))).toBe(true);
    // The answer of the issue itself (a provider's own management response goes to its users too: R-DIST-1/2).
    const issued = (await ok(as('PV'), `mutation($i: IssueDocumentInput!) { issueDocument(input: $i) { recipients { party { id } reason } } }`, {
      i: { subjectPartyId: W.PV, kind: 'REMEDIATION_PROGRESS', title: `EO progress PV ${run}`, content: 'progress' },
    })).issueDocument.recipients;
    expect(own(issued, W.PV!)).toBe(true);
    // The answer of an acknowledgement.
    const acked = (await ok(as('U2'), `mutation($id: ID!) { acknowledgeDocument(documentId: $id) { document { recipients { party { id } acknowledgedAt } } } }`, { id: W.dPV })).acknowledgeDocument;
    expect(own(acked.document.recipients, W.U2!)).toBe(true);
    for (const caller of ['U1', 'PV', 'cio']) {
      const proof = await send(as(caller), `query($id: ID!) { document(id: $id) { recipients { recordProof { position headPosition } } } }`, { id: W.dPV });
      expect({ caller, codes: proof.errors.map((e) => e.code) }).toEqual({ caller, codes: expect.arrayContaining(['FORBIDDEN']) });
      expect(JSON.stringify(proof.data)).not.toMatch(/"position":\d/);
    }
  });

  it('R-DIST-4, R-SET-3, R-SRP-5, R-PREM-2 (two worlds per hidden fact): a user\'s, its provider\'s and an unrelated party\'s whole views change only where a rule makes the fact theirs', async () => {
    const views: Record<string, Array<[string, string]>> = {
      U1: [['own', `{ party(id: "${W.U1}") { ${OWN_PARTY} } }`], ['unack', `{ unacknowledgedDocuments { party { id } document { id } acknowledgedAt addedAt issuedInError } }`], ['report', `{ document(id: "${W.dPV}") { ${DOC} } }`]],
      PV: [['own', `{ party(id: "${W.PV}") { ${OWN_PARTY} } }`], ['unack', `{ unacknowledgedDocuments { party { id } document { id } acknowledgedAt addedAt issuedInError } }`], ['report', `{ document(id: "${W.dPV}") { ${DOC} } }`]],
      X: [['own', `{ party(id: "${W.X}") { ${OWN_PARTY} } }`], ['unack', `{ unacknowledgedDocuments { party { id } document { id } acknowledgedAt addedAt issuedInError } }`]],
    };
    const snapshot = async (): Promise<Record<string, unknown>> => {
      const out: Record<string, unknown> = {};
      for (const [viewer, reads] of Object.entries(views)) {
        for (const [name, text] of reads) out[`${viewer}.${name}`] = canon(await send(as(viewer), text));
      }
      return out;
    };
    const steps: Array<{ fact: string; act: () => Promise<unknown>; allowed?: Record<string, { rule: string; paths: RegExp }> }> = [
      { fact: 'a co-user (U2) acknowledges the provider\'s report', act: () => ok(as('U2'), `mutation($id: ID!) { acknowledgeDocument(documentId: $id) { acknowledgedAt } }`, { id: W.dPVmr }) },
      { fact: 'SECAS marks the co-user\'s copy of the report issued in error', act: () => ok(as('admin'), `mutation($d: ID!, $p: ID!) { markCopyIssuedInError(documentId: $d, partyId: $p, reason: "EO probe") { issuedInError } }`, { d: W.dPV, p: W.U2 }) },
      { fact: 'the User CIO issues the co-user\'s own report (R-DIST-6)', act: async () => { W.dU2 = await issue(as('cio'), { subjectPartyId: W.U2, assessmentId: W.aU2, kind: 'ASSESSMENT_REPORT', title: `EO report U2 ${run}`, content: 'U2 report' }); } },
      { fact: 'the SSC issues an outcome about the co-user (R-DIST-6)', act: () => issue(as('ssc'), { subjectPartyId: W.U2, kind: 'SSC_OUTCOME', title: `EO outcome U2 ${run}`, content: 'U2 outcome' }) },
      { fact: 'the co-user reports remediation progress about itself', act: () => issue(as('U2'), { subjectPartyId: W.U2, kind: 'REMEDIATION_PROGRESS', title: `EO progress U2 ${run}`, content: 'U2 progress' }) },
      {
        fact: 'the co-user\'s premises change',
        act: () => ok(as('admin'), `mutation($p: ID!) { recordDomesticPremises(partyId: $p, count: 31000, effectiveFrom: "${TODAY}") { id } }`, { p: W.U2 }),
        // R-SRP-5, R-MATRIX-5: the provider's own requirement uses the aggregate premises of its current users.
        allowed: { PV: { rule: 'R-SRP-5', paths: /^PV\.own\.data\.party\.nextAssessment\.(premisesUsed|explanation)$/ } },
      },
      { fact: 'the co-user also engages another provider', act: () => engage(W.U2!, W.R2!, '2020-01-06') },
      { fact: 'SECAS books the co-user\'s assessment', act: () => schedule(W.U2!, TODAY) },
      { fact: 'the co-user gets a contact address', act: () => ok(as('admin'), `mutation($p: ID!) { setPartyContactEmail(partyId: $p, email: "u2-${run}@example.org") { id } }`, { p: W.U2 }) },
      {
        fact: 'a new user with no premises count engages the provider today',
        act: () => engage(W.U9!, W.R!, TODAY),
        // R-SRP-7: the provider's own engagements; R-SRP-5 + R-PREM-2 (EXAMPLES E3): its aggregate is unknown and the explanation names that user.
        allowed: { PV: { rule: 'R-SRP-7, R-SRP-5, R-PREM-2', paths: /^PV\.own\.data\.party\.(engagementsAsProvider|sharedResources|nextAssessment)/ } },
      },
      {
        fact: 'the SSC sets a different timing for the provider',
        act: () => ok(as('ssc'), `mutation($p: ID!) { overrideAssessmentTiming(partyId: $p, dueBy: "${addMonths(TODAY, 3)}", reason: "EO transition") { id } }`, { p: W.PV }),
        allowed: { PV: { rule: 'R-SCHED-2 (its own facts)', paths: /^PV\./ } },
      },
      {
        fact: 'the SSC requests a follow-up of the provider',
        act: () => ok(as('ssc'), `mutation($p: ID!) { requestFollowUp(partyId: $p, reason: "EO follow-up", scheduledFor: "${TODAY}") { id } }`, { p: W.PV }),
        allowed: { PV: { rule: 'R-TYPE-1 (its own facts)', paths: /^PV\./ } },
      },
      { fact: 'an unrelated party gets a document and a premises count', act: async () => {
        await issue(as('X'), { subjectPartyId: W.X, kind: 'REMEDIATION_COMPLETION', title: `EO completion X ${run}`, content: 'X completion' });
        await ok(as('admin'), `mutation($p: ID!) { recordDomesticPremises(partyId: $p, count: 99000, effectiveFrom: "${TODAY}") { id } }`, { p: W.X });
      }, allowed: { X: { rule: 'its own', paths: /^X\./ } } },
    ];
    const leaks: string[] = [];
    const seen: Record<string, string[]> = {};
    for (const step of steps) {
      const before = await snapshot();
      // Not vacuous: every view is an answer, not a refusal.
      for (const [key, answer] of Object.entries(before)) expect({ key, errors: (answer as Answer).errors, data: (answer as Answer).data !== null }).toEqual({ key, errors: [], data: true });
      await step.act();
      const after = await snapshot();
      for (const key of Object.keys(before)) {
        const viewer = key.split('.')[0]!;
        const paths = diffPaths(before[key], after[key], key);
        (seen[step.fact] ??= []).push(...paths.map((p) => p.split(':')[0]!));
        const allowed = step.allowed?.[viewer];
        for (const p of paths) if (!allowed || !allowed.paths.test(p.split(':')[0]!)) leaks.push(`${step.fact}: ${p}`);
      }
    }
    expect(leaks).toEqual([]);
    // The views do move where a rule says so (so an unchanged view above means something).
    expect(seen['the co-user\'s premises change']).toContain('PV.own.data.party.nextAssessment.premisesUsed');
    expect(seen['a new user with no premises count engages the provider today']).toContain('PV.own.data.party.nextAssessment.premisesKnown');
    expect(seen['an unrelated party gets a document and a premises count']).toContain('X.own.data.party.domesticPremises');
  }, 240_000);

  it('R-DIST-4, R-DIST-6 (two worlds): documents the User CIO neither issued nor may oversee (management responses, SSC outcomes, remediation reports) change nothing it can read', async () => {
    const reads: Array<[string, string]> = [
      ['documentsReceived', `{ pv: party(id: "${W.PV}") { documentsReceived { id kind } } u1: party(id: "${W.U1}") { documentsReceived { id kind } } x: party(id: "${W.X}") { documentsReceived { id kind } } }`],
      ['report', `{ document(id: "${W.dPV}") { id title recipients { party { id } reason } } }`],
      ['unack', `{ unacknowledgedDocuments { document { id } } }`],
    ];
    const snap = async () => Object.fromEntries(await Promise.all(reads.map(async ([k, t]) => [k, canon(await send(as('cio'), t))] as const)));
    const before = await snap();
    const made = [
      await issue(as('PV'), { subjectPartyId: W.PV, kind: 'MANAGEMENT_RESPONSE', title: `EO response 2 PV ${run}`, content: 'again' }),
      await issue(as('ssc'), { subjectPartyId: W.PV, kind: 'SSC_OUTCOME', title: `EO outcome PV ${run}`, content: 'outcome' }),
      await issue(as('U1'), { subjectPartyId: W.U1, kind: 'REMEDIATION_FAILURE', title: `EO failure U1 ${run}`, content: 'failure' }),
    ];
    const after = await snap();
    expect(diffPaths(before, after, 'cio')).toEqual([]);
    for (const id of made) {
      const { real, fake } = await sameAsForNothing('cio', `query($id: ID!) { document(id: $id) { id title } }`, { id }, { id: randomId() });
      expect(real).toEqual(fake);
    }
  });

  it('R-DEF-1, R-SRP-8, R-DIST-4: a user sees that its provider is under a case and the decision, and the provider\'s status it relied on, never the provider\'s assessment nor its other users; a former user sees nothing of a case opened after it left', async () => {
    const pv = await party('CPV', [], null);
    const ua = await party('CUA', ['GAS_SUPPLIER'], 1_000);
    const ub = await party('CUB', ['GAS_SUPPLIER'], 2_000);
    const r = await resource(pv, 'case hub');
    await engage(ua, r, '2016-01-04');
    const eb = await engage(ub, r, '2016-01-04');
    // Two calendar years, so the provider's second annual assessment is not refused by R-SRP-5.
    const year = Number(TODAY.slice(0, 4));
    const d1 = `${year - 2}-03-02`;
    await assessed(pv, d1, 'APPROVED');
    const aUB = await assessed(ub, `${year - 2}-03-12`);
    await ok(as('admin'), `mutation($id: ID!, $d: Date!) { endEngagement(engagementId: $id, endDate: $d) { id } }`, { id: eb, d: `${year - 2}-03-22` });
    const relied = `query($id: ID!) { assessment(id: $id) { reliesOn { provider { id name } assuranceStatus assuranceStatusSetOn providerAssessment { id } } } }`;
    const reliedBefore = (await ok(as('CUB'), relied, { id: aUB })).assessment.reliesOn;
    // R-SRP-8: the reliance is recorded with the provider's status on the determination date; the assessment itself stays hidden.
    expect(reliedBefore).toEqual([{ provider: { id: pv, name: names.CPV }, assuranceStatus: 'APPROVED', assuranceStatusSetOn: d1, providerAssessment: null }]);
    const caseAssessment = await assessed(pv, `${year - 1}-03-02`, 'REJECTED'); // opens a case (R-DEF-1)
    // The provider's later status does not reach the former user through its old assessment.
    expect((await ok(as('CUB'), relied, { id: aUB })).assessment.reliesOn).toEqual(reliedBefore);

    const cases = `query($p: ID!) { party(id: $p) { providerNonComplianceCases { id provider { id name } openedOn state decision flagged } providerNonCompliance { id affectedUsers { id } } } }`;
    const uaView = (await ok(as('CUA'), cases, { p: ua })).party;
    expect(uaView.providerNonComplianceCases).toEqual([expect.objectContaining({ provider: { id: pv, name: names.CPV }, state: 'UNDER_INVESTIGATION', decision: null, flagged: false })]);
    expect((await ok(as('CUB'), cases, { p: ub })).party).toEqual({ providerNonComplianceCases: [], providerNonCompliance: [] });
    const caseId = (await ok(as('ssc'), `{ nonComplianceCases { id provider { id } } }`)).nonComplianceCases.find((c: Data) => c.provider.id === pv).id;
    await ok(as('ssc'), `mutation($c: ID!) { decideNonComplianceCase(caseId: $c, recommendEventOfDefault: true, reasons: "EO private reasons") { id } }`, { c: caseId });
    const decided = (await ok(as('CUA'), cases, { p: ua })).party;
    expect(decided.providerNonComplianceCases).toEqual([expect.objectContaining({ state: 'DECIDED', decision: 'RECOMMEND_EVENT_OF_DEFAULT', flagged: true })]);
    expect(decided.providerNonCompliance).toEqual([{ id: expect.any(String), affectedUsers: [{ id: ua }] }]);
    expect((await ok(as('CUB'), cases, { p: ub })).party).toEqual({ providerNonComplianceCases: [], providerNonCompliance: [] });
    for (const field of ['status', 'assessment { id }']) {
      const a = await send(as('CUA'), `query($p: ID!) { party(id: $p) { providerNonCompliance { ${field} } } }`, { p: ua });
      expect({ field, codes: a.errors.map((e) => e.code) }).toEqual({ field, codes: ['FORBIDDEN'] });
    }
    const { real, fake } = await sameAsForNothing('CUA', `query($id: ID!) { assessment(id: $id) { id assuranceStatus } }`, { id: caseAssessment }, { id: randomId() });
    expect(real).toEqual(fake);
    expect(JSON.stringify(await send(as('CUA'), cases, { p: ua }))).not.toContain('EO private reasons');
  });

  it('R-SET-2 (EXAMPLES E4), R-MATRIX-5: under LEGACY a user\'s band uses the aggregate of its co-users (required), but its explanation names none of them, and co-users who joined only after the determination date stay out', async () => {
    const pv = await party('LPV', [], null);
    const n = await party('LN', ['GAS_TRANSPORTER'], 100_000, '2014-01-01');
    const o = await party('LO', ['OTHER_USER'], 200_000, '2014-01-01');
    const late = await party('LLATE', ['OTHER_USER'], 5_000, '2014-01-01');
    const r = await resource(pv, 'legacy hub', '2014-01-01');
    await engage(n, r, '2015-01-05');
    await engage(o, r, '2015-01-05');
    await engage(late, r, '2018-01-02');
    await assessed(n, '2016-03-01');
    const next = `query($p: ID!) { party(id: $p) { nextAssessment(asOf: "2017-05-01") { ${REQ} } } }`;
    const req = (await ok(as('LN'), next, { p: n })).party.nextAssessment;
    expect(req).toMatchObject({ type: 'FULL', ruleSet: 'LEGACY', premisesUsed: 300_000, premisesKnown: true });
    expect(req.ruleIds).toContain('R-SET-2');
    for (const other of ['LO', 'LLATE', 'LPV']) {
      expect(req.explanation).not.toContain(names[other]);
      expect(req.explanation).not.toContain(W[other]);
    }
    // Under SECMP0044 the same user's band is its own (R-SET-3): the co-users' premises are no longer its to know.
    const now = (await ok(as('LN'), `query($p: ID!) { party(id: $p) { nextAssessment { ${REQ} } } }`, { p: n })).party.nextAssessment;
    expect(now).toMatchObject({ ruleSet: 'SECMP0044', premisesUsed: 100_000 });
  });

  it('R-DIST-4: ids carry no sequence: documents, assessments and engagements are random (version 4) UUIDs, so a recipient learns nothing from the ids of the copies it holds', async () => {
    const ids = [W.dPV, W.dPVmr, W.dU1, W.dX, W.aPV, W.aU1, W.aU2, W.aX, W.E1, W.E2, W.E3, W.E4];
    for (const id of ids) expect(id).toMatch(UUID_V4);
  });
});
