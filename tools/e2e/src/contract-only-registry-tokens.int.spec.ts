import { createHmac, randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { startSystem, type GraphQLResult, type RunningSystem } from './system';

// Contract README §2 as an outside tester meets it: tokens minted by hand with the local default
// secret the repository README documents for AUTH_JWT_SECRET (never the repo's own helpers), claims
// exactly as the contract's table (sub, roles, partyId), every root field family without a token,
// with a broken one and with a valid one that lacks the role; /health without a token.

/** The local default of AUTH_JWT_SECRET as README.md ("Configuration") documents it. */
const README_SECRET = 'sec-assure-local-development-secret-change-me';
const MISSING = '00000000-0000-4000-8000-000000000000';
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const now = (): number => Math.floor(Date.now() / 1000);
const b64 = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** An HS256 JWT built from scratch (header.payload.signature), as any language's client would. */
function handMade(payload: Record<string, unknown>, secret = README_SECRET, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const unsigned = `${b64(header)}.${b64(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
/** The same with jose, the way a Node.js tester would mint one. */
async function withJose(claims: Record<string, unknown>, options: { exp?: number | null; iat?: boolean; iss?: string; aud?: string } = {}): Promise<string> {
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' });
  if (options.iat !== false) jwt = jwt.setIssuedAt();
  if (options.exp !== null) jwt = jwt.setExpirationTime(options.exp ?? now() + 600);
  if (options.iss) jwt = jwt.setIssuer(options.iss);
  if (options.aud) jwt = jwt.setAudience(options.aud);
  return jwt.sign(new TextEncoder().encode(README_SECRET));
}

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const code = (r: GraphQLResult<unknown>): string | undefined => r.errors?.[0]?.extensions?.code as string | undefined;

const REQUIRED = `query RequiredAssessment($input: RequirementInput!) { requiredAssessment(input: $input) { type ruleSet } }`;
const REQUIRED_VARS = { input: { userRoles: ['GAS_SUPPLIER'], domesticPremises: 1000, annualAssessmentsSinceLastFull: 0, determinationDate: '2025-01-01' } };
const SEATS = `{ sscSeats { kind count } }`;
const REGISTER = `mutation RegisterParty($input: RegisterPartyInput!) { registerParty(input: $input) { id name userRoles } }`;

/** One operation per root field of contract.graphql, with arguments of the right shape. */
const ROOT_FIELDS: Array<[string, string, Record<string, unknown>]> = [
  ['Query.party', `query($id: ID!) { party(id: $id) { id name } }`, { id: MISSING }],
  ['Query.parties', `{ parties(first: 1) { id } }`, {}],
  ['Query.requiredAssessment', REQUIRED, REQUIRED_VARS],
  ['Query.assessment', `query($id: ID!) { assessment(id: $id) { id } }`, { id: MISSING }],
  ['Query.assessmentLoad', `{ assessmentLoad(year: 2025, ruleSet: SECMP0044) { total } }`, {}],
  ['Query.document', `query($id: ID!) { document(id: $id) { id } }`, { id: MISSING }],
  ['Query.sscSeats', SEATS, {}],
  ['Query.election', `query($id: ID!) { election(id: $id) { id } }`, { id: MISSING }],
  ['Mutation.registerParty', REGISTER, { input: { name: `Token probe ${randomBytes(3).toString('hex')}`, userRoles: [] } }],
  ['Mutation.recordDomesticPremises', `mutation { recordDomesticPremises(partyId: "${MISSING}", count: 1, effectiveFrom: "2025-01-01") { id } }`, {}],
  ['Mutation.registerSharedResource', `mutation { registerSharedResource(input: { name: "x", scope: WHOLE_USER_SYSTEM, providerPartyId: "${MISSING}" }) { id } }`, {}],
  ['Mutation.engageSharedResource', `mutation { engageSharedResource(input: { userPartyId: "${MISSING}", sharedResourceId: "${MISSING}", startDate: "2025-01-01" }) { id } }`, {}],
  ['Mutation.endEngagement', `mutation { endEngagement(engagementId: "${MISSING}", endDate: "2025-01-01") { id } }`, {}],
  ['Mutation.scheduleAssessment', `mutation { scheduleAssessment(input: { partyId: "${MISSING}", determinationDate: "2025-01-01", scheduledFor: "2025-01-01" }) { id } }`, {}],
  ['Mutation.completeFieldwork', `mutation { completeFieldwork(assessmentId: "${MISSING}", completedOn: "2025-01-01") { id } }`, {}],
  ['Mutation.setAssuranceStatus', `mutation { setAssuranceStatus(assessmentId: "${MISSING}", status: APPROVED, setOn: "2025-01-01") { id } }`, {}],
  ['Mutation.requestFollowUp', `mutation { requestFollowUp(partyId: "${MISSING}", reason: "r", scheduledFor: "2025-01-01") { id } }`, {}],
  ['Mutation.directFullAssessment', `mutation { directFullAssessment(partyId: "${MISSING}", reason: "r", scheduledFor: "2025-01-01") { id } }`, {}],
  ['Mutation.cancelAssessment', `mutation { cancelAssessment(assessmentId: "${MISSING}", reason: "r") { id } }`, {}],
  ['Mutation.issueDocument', `mutation { issueDocument(input: { subjectPartyId: "${MISSING}", kind: ASSESSMENT_REPORT, title: "t", content: "c" }) { id } }`, {}],
  ['Mutation.acknowledgeDocument', `mutation { acknowledgeDocument(documentId: "${MISSING}") { issuedInError } }`, {}],
  ['Mutation.markCopyIssuedInError', `mutation { markCopyIssuedInError(documentId: "${MISSING}", partyId: "${MISSING}", reason: "r") { issuedInError } }`, {}],
  ['Mutation.openElection', `mutation { openElection(seatKind: OTHER_USER, opensOn: "${TODAY}", closesOn: "2099-01-01") { id } }`, {}],
  ['Mutation.nominate', `mutation { nominate(input: { electionId: "${MISSING}", nomineeName: "n", nominatingPartyId: "${MISSING}", nominatorName: "m", nominatorHoldsSeniorPosition: true, securityExpertiseConfirmed: true, bs7858ScreeningCompleted: true }) { id } }`, {}],
  ['Mutation.castVote', `mutation { castVote(electionId: "${MISSING}", nominationId: "${MISSING}", voterPartyId: "${MISSING}") { id } }`, {}],
  ['Mutation.closeElection', `mutation { closeElection(electionId: "${MISSING}") { id } }`, {}],
  ['Mutation.appointMember', `mutation { appointMember(electionId: "${MISSING}", impartialityDeclared: true) { id } }`, {}],
];

/** Root fields a role may not use at all (contract README §2), with the role that lacks it. */
const NOT_ALLOWED: Array<[string, string]> = [
  ['Mutation.registerParty', 'SSC_MEMBER'],
  ['Mutation.registerParty', 'USER_CIO'],
  ['Mutation.recordDomesticPremises', 'USER_CIO'],
  ['Mutation.registerSharedResource', 'SSC_MEMBER'],
  ['Mutation.engageSharedResource', 'USER_CIO'],
  ['Mutation.endEngagement', 'SSC_MEMBER'],
  ['Mutation.scheduleAssessment', 'USER_CIO'],
  ['Mutation.completeFieldwork', 'SSC_MEMBER'],
  ['Mutation.completeFieldwork', 'SECAS_ADMIN'],
  ['Mutation.setAssuranceStatus', 'USER_CIO'],
  ['Mutation.setAssuranceStatus', 'SECAS_ADMIN'],
  ['Mutation.requestFollowUp', 'USER_CIO'],
  ['Mutation.directFullAssessment', 'SECAS_ADMIN'],
  ['Mutation.cancelAssessment', 'SSC_MEMBER'],
  ['Mutation.markCopyIssuedInError', 'SSC_MEMBER'],
  ['Mutation.openElection', 'SSC_MEMBER'],
  ['Mutation.openElection', 'USER_CIO'],
  ['Mutation.closeElection', 'USER_CIO'],
  ['Mutation.appointMember', 'SECAS_ADMIN'],
];

describe('contract only: §2 bearer tokens minted by hand with the README\'s local default secret', () => {
  let system: RunningSystem;
  let partyId = '';
  const post = async (authorization: string | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<Data>> => {
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization === null ? {} : { authorization }) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  };
  const bearer = (token: string): string => `Bearer ${token}`;
  const operation = (name: string): [string, Record<string, unknown>] => {
    const found = ROOT_FIELDS.find(([n]) => n === name);
    if (!found) throw new Error(name);
    return [found[1], found[2]];
  };

  beforeAll(async () => {
    system = await startSystem({ ownTopics: true }); // assessmentLoad counts every party its services have seen: none of other systems'
    const admin = handMade({ sub: 'tester-admin', roles: ['SECAS_ADMIN'], iat: now(), exp: now() + 600 });
    const r = await post(bearer(admin), REGISTER, { input: { name: `Token party ${randomBytes(3).toString('hex')}`, userRoles: ['OTHER_USER'] } });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    partyId = r.data!.registerParty.id;
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('§1, §2: GET /health answers 200 without a token', async () => {
    const response = await fetch(system.gatewayUrl.replace(/\/graphql$/, '/health'));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('§1, §2: GET /health answers 200 whatever Authorization header comes with it', async () => {
    const response = await fetch(system.gatewayUrl.replace(/\/graphql$/, '/health'), { headers: { authorization: 'Bearer not-a-token' } });
    expect(response.status).toBe(200);
  });

  it('§2: subgraphs are not reachable around the gateway: a valid bearer token sent straight to a subgraph gets no data', async () => {
    const admin = handMade({ sub: 'tester', roles: ['SECAS_ADMIN'], iat: now(), exp: now() + 600 });
    for (const [name, service] of Object.entries(system.services)) {
      const response = await fetch(service.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: bearer(admin) }, body: JSON.stringify({ query: '{ __typename }' }) });
      const body = (await response.json()) as GraphQLResult<Data>;
      expect([name, body.data ?? null]).toEqual([name, null]);
      expect([name, code(body)]).toEqual([name, 'UNAUTHENTICATED']);
    }
  });

  it('§2: a hand-made HS256 token with exactly the contract claims (sub, roles) plus iat/exp is accepted', async () => {
    const token = handMade({ sub: 'tester', roles: ['SECAS_ADMIN'], iat: now(), exp: now() + 600 });
    const r = await post(bearer(token), `{ parties(first: 1) { id } }`);
    expect(r.errors).toBeUndefined();
    expect(Array.isArray(r.data!.parties)).toBe(true);
  });

  it('§2: a jose-minted token with any iss and aud is accepted locally (none is configured in development)', async () => {
    const token = await withJose({ sub: 'tester', roles: ['SSC_MEMBER'] }, { iss: 'https://idp.example.org', aud: 'sec-assure' });
    expect((await post(bearer(token), SEATS)).errors).toBeUndefined();
  });

  it('§2: a PARTY_USER token with partyId reads its own party', async () => {
    const token = await withJose({ sub: 'party-person', roles: ['PARTY_USER'], partyId });
    const r = await post(bearer(token), `query($id: ID!) { party(id: $id) { id userRoles } }`, { id: partyId });
    expect(r.errors).toBeUndefined();
    expect(r.data!.party).toEqual({ id: partyId, userRoles: ['OTHER_USER'] });
  });

  it('§2: every root field family is UNAUTHENTICATED without an Authorization header, and answers no data', async () => {
    for (const [name, query, variables] of ROOT_FIELDS) {
      const r = await post(null, query, variables);
      expect([name, code(r)]).toEqual([name, 'UNAUTHENTICATED']);
      expect([name, r.data ?? null]).toEqual([name, null]);
      expect(r.errors![0]!.message.length).toBeGreaterThan(10);
    }
  });

  it('§2: every root field family is UNAUTHENTICATED with a wrong-signature, expired, malformed, alg-none or non-Bearer token', async () => {
    const claims = { sub: 'tester', roles: ['SECAS_ADMIN'], iat: now(), exp: now() + 600 };
    const broken: Array<[string, string]> = [
      ['wrong signature', bearer(handMade(claims, 'another-secret-of-at-least-thirty-two-chars'))],
      ['expired', bearer(handMade({ ...claims, iat: now() - 3600, exp: now() - 1800 }))],
      ['malformed', 'Bearer not.a.jwt'],
      ['alg none', bearer(`${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`)],
      ['not Bearer', `Basic ${Buffer.from('admin:admin').toString('base64')}`],
      ['empty Bearer', 'Bearer '],
    ];
    for (const [what, authorization] of broken) {
      for (const [name, query, variables] of ROOT_FIELDS) {
        const r = await post(authorization, query, variables);
        expect([what, name, code(r)]).toEqual([what, name, 'UNAUTHENTICATED']);
        expect([what, name, r.data ?? null]).toEqual([what, name, null]);
      }
    }
  });

  it('§2: the expired token\'s refusal says so (a message a person can act on)', async () => {
    const r = await post(bearer(handMade({ sub: 'tester', roles: ['SECAS_ADMIN'], iat: now() - 3600, exp: now() - 1800 })), SEATS);
    expect(code(r)).toBe('UNAUTHENTICATED');
    expect(r.errors![0]!.message).toMatch(/expired/i);
  });

  it('§2: requiredAssessment and sscSeats are open to any authenticated caller (each role, and a token with no role)', async () => {
    const tokens = [
      handMade({ sub: 'a', roles: ['SECAS_ADMIN'], iat: now(), exp: now() + 600 }),
      handMade({ sub: 'b', roles: ['SSC_MEMBER'], iat: now(), exp: now() + 600 }),
      handMade({ sub: 'c', roles: ['USER_CIO'], iat: now(), exp: now() + 600 }),
      handMade({ sub: 'd', roles: ['PARTY_USER'], partyId, iat: now(), exp: now() + 600 }),
      handMade({ sub: 'e', roles: [], iat: now(), exp: now() + 600 }),
    ];
    for (const token of tokens) {
      const required = await post(bearer(token), REQUIRED, REQUIRED_VARS);
      expect(required.errors).toBeUndefined();
      expect(required.data!.requiredAssessment).toMatchObject({ ruleSet: 'SECMP0044' });
      const seats = await post(bearer(token), SEATS);
      expect(seats.errors).toBeUndefined();
      expect(seats.data!.sscSeats.length).toBeGreaterThan(0);
    }
  });

  it('§2: a valid token whose roles do not allow the root field is FORBIDDEN (deny by default), whatever the ids', async () => {
    for (const [name, role] of NOT_ALLOWED) {
      const [query, variables] = operation(name);
      const token = handMade({ sub: `no-${role}`, roles: [role], iat: now(), exp: now() + 600 });
      const r = await post(bearer(token), query, variables);
      expect([name, role, code(r)]).toEqual([name, role, 'FORBIDDEN']);
    }
    // A PARTY_USER may do none of the administrative, SSC or CIO mutations.
    const party = handMade({ sub: 'party-person', roles: ['PARTY_USER'], partyId, iat: now(), exp: now() + 600 });
    for (const name of ['Mutation.registerParty', 'Mutation.registerSharedResource', 'Mutation.engageSharedResource', 'Mutation.endEngagement', 'Mutation.scheduleAssessment', 'Mutation.completeFieldwork',
      'Mutation.setAssuranceStatus', 'Mutation.requestFollowUp', 'Mutation.directFullAssessment', 'Mutation.cancelAssessment', 'Mutation.markCopyIssuedInError', 'Mutation.openElection', 'Mutation.closeElection', 'Mutation.appointMember']) {
      const [query, variables] = operation(name);
      expect([name, code(await post(bearer(party), query, variables))]).toEqual([name, 'FORBIDDEN']);
    }
    // A token with no role at all: every administrative mutation is FORBIDDEN.
    const none = handMade({ sub: 'nobody', roles: [], iat: now(), exp: now() + 600 });
    for (const name of ['Mutation.registerParty', 'Mutation.scheduleAssessment', 'Mutation.openElection']) {
      const [query, variables] = operation(name);
      expect([name, code(await post(bearer(none), query, variables))]).toEqual([name, 'FORBIDDEN']);
    }
  });

  it('§2: a PARTY_USER token without partyId never acts for a party (refused, no data)', async () => {
    const token = handMade({ sub: 'no-party', roles: ['PARTY_USER'], iat: now(), exp: now() + 600 });
    const r = await post(bearer(token), `query($id: ID!) { party(id: $id) { id name } }`, { id: partyId });
    expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(code(r));
    expect(r.data?.party ?? null).toBeNull();
  });

  it('§2: unknown roles never grant anything: a token with only an unknown role cannot register a party', async () => {
    const token = handMade({ sub: 'auditor', roles: ['AUDITOR'], iat: now(), exp: now() + 600 });
    const r = await post(bearer(token), REGISTER, { input: { name: `Auditor probe ${randomBytes(3).toString('hex')}`, userRoles: [] } });
    expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(code(r));
    expect(r.data?.registerParty ?? null).toBeNull();
  });

  describe('tokens with the contract claims alone, as a tester mints them (development: the local secret is public)', () => {
    it('§2: a token without exp (as a jsonwebtoken default sign() mints it) is accepted', async () => {
      const r = await post(bearer(handMade({ sub: 'tester', roles: ['SECAS_ADMIN'], iat: now() })), SEATS);
      expect(r.errors).toBeUndefined();
    });
    it('§2: a token without iat is accepted', async () => {
      const r = await post(bearer(await withJose({ sub: 'tester', roles: ['SECAS_ADMIN'] }, { iat: false })), SEATS);
      expect(r.errors).toBeUndefined();
    });
    it('§2: a token minted to live a day is accepted', async () => {
      const r = await post(bearer(handMade({ sub: 'tester', roles: ['SECAS_ADMIN'], iat: now(), exp: now() + 24 * 3600 })), SEATS);
      expect(r.errors).toBeUndefined();
    });
    it('a token mixing a known and an unknown role is refused as a whole (UNAUTHENTICATED), not reduced to the known role', async () => {
      const r = await post(bearer(handMade({ sub: 'tester', roles: ['SECAS_ADMIN', 'AUDITOR'], iat: now(), exp: now() + 600 })), SEATS);
      expect(code(r)).toBe('UNAUTHENTICATED');
      expect(r.errors![0]!.message).toContain('AUDITOR');
    });
    it('§2: a token expired 5 s ago is UNAUTHENTICATED (no clock skew allowed on one machine), as is one without exp but issued 13 h ago', async () => {
      const recent = await post(bearer(handMade({ sub: 'tester', roles: ['SECAS_ADMIN'], iat: now() - 600, exp: now() - 5 })), SEATS);
      expect(code(recent)).toBe('UNAUTHENTICATED');
      const old = await post(bearer(handMade({ sub: 'tester', roles: ['SECAS_ADMIN'], iat: now() - 13 * 3600 })), SEATS);
      expect(code(old)).toBe('UNAUTHENTICATED');
    });
    it('a token without sub is refused (UNAUTHENTICATED)', async () => {
      const r = await post(bearer(handMade({ roles: ['SECAS_ADMIN'], iat: now(), exp: now() + 600 })), SEATS);
      expect(code(r)).toBe('UNAUTHENTICATED');
    });
  });
});
