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
    // Nothing kept: a repeated request would be answered from what the gateway kept, not sent on.
    system = await startSystem({ gatewayEnv: { GATEWAY_KEEP_ANSWERS_SECONDS: '0' } });
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
  // Mutations go along a direct route too, and are never sent twice: an answer the gateway does not
  // pass on as it is (a refusal) is the one Apollo's run makes of the subgraph's response.
  const REGISTER = 'mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id name userRoles } }';
  /** As `send` by the admin, with the error's correlation id (it names its own request) and the length left out. */
  const mutate = async (body: Record<string, unknown>) => {
    const { status, headers, body: text } = await send(admin, body);
    const { 'content-length': _length, ...rest } = headers;
    return { status, headers: rest, body: text.replace(/"correlationId":"[^"]*"/g, '"correlationId":"…"') };
  };
  /** registerParty requests party-registry refused: each one the gateway sent it. */
  const refusedByRegistry = async (): Promise<number> => {
    const text = await (await fetch(system.services['party-registry']!.url.replace(/\/graphql$/, '/metrics'))).text();
    return Number(/graphql_operations_total\{[^}]*operation="Mutation.registerParty"[^}]*outcome="error"[^}]*\} (\d+)/.exec(text)?.[1] ?? 0);
  };
  const input = (name: string) => ({ input: { name, userRoles: ['OTHER_USER'] } });
  const registered = async (name: string): Promise<number> => {
    const result = await system.query<{ parties: Array<{ name: string }> }>(admin, '{ parties(first: 100) { id name } }');
    return (result.data?.parties ?? []).filter((party) => party.name === name).length;
  };

  it('sends a mutation straight to its subgraph the second time; each registers its party once', async () => {
    const [a, b] = [`Direct mutation A ${Date.now()}`, `Direct mutation B ${Date.now()}`];
    const before = await directAnswers();
    const [byApollo, direct] = [await mutate({ query: REGISTER, variables: input(a) }), await mutate({ query: REGISTER, variables: input(b) })];
    expect(direct.headers).toEqual(byApollo.headers);
    expect(direct.status).toBe(200);
    const [first, second] = [JSON.parse(byApollo.body), JSON.parse(direct.body)];
    expect(first).toEqual({ data: { registerParty: { id: expect.any(String), name: a, userRoles: ['OTHER_USER'] } } });
    expect(second).toEqual({ data: { registerParty: { id: expect.any(String), name: b, userRoles: ['OTHER_USER'] } } });
    expect((await directAnswers()) - before).toBe(1);
    expect(await registered(a)).toBe(1);
    expect(await registered(b)).toBe(1);
  });

  it('answers a refusal along the direct route exactly as Apollo answers it', async () => {
    const name = `Direct mutation taken ${Date.now()}`;
    await mutate({ query: REGISTER, variables: input(name) });
    // The same refusal by a text the gateway has not planned yet: Apollo's own run.
    const byApollo = await mutate({ query: REGISTER.replace('mutation(', 'mutation Again('), operationName: 'Again', variables: input(name) });
    const [before, refusedBefore] = [await directAnswers(), await refusedByRegistry()];
    const direct = await mutate({ query: REGISTER, variables: input(name) });
    expect(JSON.parse(byApollo.body).errors[0].extensions.code).toBe('CONFLICT');
    expect(direct).toEqual(byApollo);
    expect((await directAnswers()) - before).toBe(0);
    // Sent once: Apollo's run took the refusal the direct call had received.
    expect((await refusedByRegistry()) - refusedBefore).toBe(1);
    expect(await registered(name)).toBe(1);
  });

  it('leaves variables Apollo refuses to Apollo, which sends nothing', async () => {
    const name = `Direct mutation bad input ${Date.now()}`;
    await mutate({ query: REGISTER, variables: input(`Direct mutation first ${Date.now()}`) });
    const refused = JSON.parse((await mutate({ query: REGISTER, variables: { input: { name, userRoles: ['NOT_A_ROLE'] } } })).body);
    expect(refused.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await registered(name)).toBe(0);
  });
});
