import { startSystem, type RunningSystem } from './system';

// Direct routes (apps/gateway/src/direct-routes.ts): the second time a one-subgraph query comes,
// the gateway sends it straight to its subgraph. A client must not be able to tell: the answer,
// byte for byte and header for header, is the one Apollo's own execution gave the first time.
describe('gateway direct routes', () => {
  let system: RunningSystem;
  let admin: string;
  let partyId: string;
  let otherPartyId: string;

  const metricsUrl = (): string => system.gatewayUrl.replace(/\/graphql$/, '/metrics');
  const directAnswers = async (): Promise<number> => {
    const text = await (await fetch(metricsUrl())).text();
    const match = /gateway_answers_without_pipeline_total\{[^}]*path="direct"[^}]*\} (\d+)/.exec(text);
    return match ? Number(match[1]) : 0;
  };
  const send = async (token: string, body: Record<string, unknown>, accept?: string) => {
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(accept ? { accept } : {}) },
      body: JSON.stringify(body),
    });
    const headers = Object.fromEntries([...response.headers].filter(([name]) => !['date', 'x-correlation-id', 'connection', 'keep-alive'].includes(name)));
    return { status: response.status, headers, body: await response.text() };
  };
  /** The same request twice: the first is planned and run by Apollo, the second may go direct. */
  const twice = async (token: string, body: Record<string, unknown>, accept?: string) => {
    const before = await directAnswers();
    const first = await send(token, body, accept);
    const second = await send(token, body, accept);
    return { first, second, direct: (await directAnswers()) - before };
  };

  beforeAll(async () => {
    system = await startSystem();
    admin = await system.token('SECAS_ADMIN');
    const register = async (name: string): Promise<string> => {
      const result = await system.query<{ registerParty: { id: string } }>(admin, 'mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }', {
        input: { name: `${name} ${Date.now()}`, userRoles: ['IMPORT_SUPPLIER'], domesticPremises: 1200 },
      });
      if (!result.data) throw new Error(JSON.stringify(result.errors));
      return result.data.registerParty.id;
    };
    partyId = await register('Direct route party');
    otherPartyId = await register('Direct route other party');
  });
  afterAll(async () => {
    await system?.stop();
  });

  it.each([
    ['pure rules with variables', { query: 'query($input: RequirementInput!) { requiredAssessment(input: $input) { type ruleSet cyclePosition } }', variables: { input: { userRoles: ['IMPORT_SUPPLIER'], domesticPremises: 250_001, annualAssessmentsSinceLastFull: 1 } } }],
    ['a list of one subgraph', { query: '{ parties(first: 5) { id name domesticPremises } }' }],
    ['a named operation with aliases and an unused extra variable value', { query: 'query Page($n: Int) { page: parties(first: $n) { key: id label: name } }', operationName: 'Page', variables: { n: 3, extra: true } }],
    ['another subgraph', { query: '{ sscSeats { kind } }' }],
  ])('answers %s directly the second time, exactly as Apollo did', async (_what, body) => {
    const { first, second, direct } = await twice(admin, body);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).not.toHaveProperty('errors');
    expect(second).toEqual(first);
    expect(direct).toBe(1);
  });

  it('answers a party user what Apollo answers, for its own party and for another', async () => {
    const user = await system.token('PARTY_USER', partyId);
    const own = await twice(user, { query: 'query($id: ID!) { party(id: $id) { id name } }', variables: { id: partyId } });
    expect(own.second).toEqual(own.first);
    expect(JSON.parse(own.first.body).data.party.id).toBe(partyId);
    const other = await twice(user, { query: 'query($id: ID!) { party(id: $id) { id name } }', variables: { id: otherPartyId } });
    expect(other.second).toEqual(other.first);
    expect(JSON.stringify(other.first.body)).not.toContain('Direct route other party');
  });

  it.each([
    ['federated', { query: '{ parties(first: 3) { id nextAssessment { type } } }' }],
    ['with a fragment', { query: '{ parties(first: 3) { ...P } } fragment P on Party { id name }' }],
    ['with a directive', { query: 'query($full: Boolean!) { parties(first: 3) { id name @include(if: $full) } }', variables: { full: false } }],
  ])('leaves a query %s to Apollo, with the same answer each time', async (_what, body) => {
    const { first, second, direct } = await twice(admin, body);
    expect(first.status).toBe(200);
    expect(second).toEqual(first);
    expect(direct).toBe(0);
  });

  it('leaves other media types, and a list too costly at its variables, to Apollo', async () => {
    const costly = 'query($n: Int) { parties(first: $n) { id name assessments { id type state } } }';
    await send(admin, { query: costly, variables: { n: 5 } });
    const before = await directAnswers();
    const refused = await send(admin, { query: costly, variables: { n: 500 } });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const graphqlJson = await twice(admin, { query: '{ sscSeats { kind count } }' }, 'application/graphql-response+json');
    expect(graphqlJson.second).toEqual(graphqlJson.first);
    expect(graphqlJson.first.headers['content-type']).toMatch(/graphql-response\+json/);
    expect((await directAnswers()) - before).toBe(0);
  });
});
