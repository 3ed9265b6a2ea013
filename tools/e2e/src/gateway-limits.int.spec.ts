import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  INTERNAL_IDENTITY_HEADER,
  generateInternalIdentityKeyPair,
  internalIdentitySigningKeyFromEnv,
  signInternalIdentity,
  signLocalToken,
} from '@sec-assure/auth';
// The module whose export @apollo/gateway calls to start its data collection (read at call time, so a spy sees it).
import * as apolloTelemetry from '@apollo/gateway/dist/utilities/opentelemetry';
import { loadConfig as gatewayConfig } from '../../../apps/gateway/src/config';
import { startGateway, type RunningGateway } from '../../../apps/gateway/src/server';
import { startSystem, type RunningSystem } from './system';

// The gateway's limits, seen from a client of the real gateway in front of the real subgraphs.
describe('gateway limits and error hygiene', () => {
  let system: RunningSystem;
  let admin: string;
  beforeAll(async () => {
    system = await startSystem();
    admin = await system.token('SECAS_ADMIN');
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('refuses an operation with too many aliases before running it', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: sscSeats { kind }`).join(' ');
    const result = await system.query(admin, `{ ${aliases} }`);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a too costly list query', async () => {
    const result = await system.query(admin, '{ parties(first: 100000) { id name assessments { id type } } }');
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('a `first` beyond the largest page is BAD_USER_INPUT naming the range, whatever its size', async () => {
    for (const first of [501, 100000, 2147483647]) {
      const result = await system.query(admin, `{ parties(first: ${first}) { id name } }`);
      expect([first, result.errors?.[0]?.extensions?.code, result.errors?.[0]?.message]).toEqual([first, 'BAD_USER_INPUT', expect.stringMatching(/from 0 to 500/)]);
    }
  });

  it('ISSUE-11-5: counts `first` given as a variable at its value', async () => {
    const query = 'query ($n: Int) { parties(first: $n) { id name assessments { id type state } } }';
    const big = await system.query(admin, query, { n: 500 });
    expect(big.status).toBe(400);
    expect(big.data ?? null).toBeNull();
    expect(big.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(big.errors?.[0]?.message).toMatch(/^Operation cost 21500 exceeds the limit of 5000/);
    const small = await system.query(admin, query, { n: 5 });
    expect(small.errors).toBeUndefined();
  });

  it('ISSUE-11-5: limits each caller with 429 and Retry-After, other callers unaffected', async () => {
    const limited = await startGateway(
      gatewayConfig({
        ...process.env,
        SEC_ASSURE_DEV: 'true',
        LOG_LEVEL: 'silent',
        GATEWAY_PORT: '0',
        GATEWAY_RATE_LIMIT_PER_MINUTE: '6',
        GATEWAY_RATE_LIMIT_BURST: '2',
        PARTY_REGISTRY_URL: system.services['party-registry']!.url,
        ASSESSMENT_SCHEDULING_URL: system.services['assessment-scheduling']!.url,
        REPORT_DISTRIBUTION_URL: system.services['report-distribution']!.url,
        SSC_MEMBERSHIP_URL: system.services['ssc-membership']!.url,
      }),
    );
    const post = (token: string | null): Promise<Response> =>
      fetch(limited.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: '{ sscSeats { kind } }' }),
      });
    try {
      expect((await post(admin)).status).toBe(200);
      expect((await post(admin)).status).toBe(200);
      const refused = await post(admin);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const body = (await refused.json()) as { errors?: Array<{ message: string; extensions?: { code?: string } }> };
      expect(body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(body.errors?.[0]?.message).toMatch(/too many requests: retry after \d+ s/);
      // Another caller has its own budget; callers without a valid token share their address's.
      expect((await post(await system.token('SSC_MEMBER'))).status).toBe(200);
      expect((await post(null)).status).toBe(401);
      expect((await post(null)).status).toBe(401);
      expect((await post(null)).status).toBe(429);
    } finally {
      await limited.stop();
    }
  });

  it('ISSUE-11-4: a subgraph accepts a gateway identity only for itself, for the operation it was signed for, once', async () => {
    const key = internalIdentitySigningKeyFromEnv({ SEC_ASSURE_DEV: 'true' });
    const caller = { sub: 'e2e-admin', roles: ['SECAS_ADMIN' as const], partyId: null };
    const query = '{ sscSeats { kind } }';
    const identity = await signInternalIdentity(caller, 'corr-identity', key, { subgraph: 'ssc-membership', operation: { query } });
    const send = async (subgraph: string, body: { query: string }): Promise<{ data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> }> => {
      const response = await fetch(system.services[subgraph]!.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [INTERNAL_IDENTITY_HEADER]: identity },
        body: JSON.stringify(body),
      });
      return (await response.json()) as never;
    };
    // Another subgraph, another operation: refused, and the token is not used up by the attempts.
    expect((await send('party-registry', { query: '{ parties(first: 1) { id } }' })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const other = await send('ssc-membership', { query: '{ sscSeats { kind count } }' });
    expect(other.errors?.[0]?.message).toMatch(/signed for another operation/);
    // The operation it was signed for, at the subgraph it was signed for: once.
    expect((await send('ssc-membership', { query })).errors).toBeUndefined();
    const replayed = await send('ssc-membership', { query });
    expect(replayed.errors?.[0]?.message).toMatch(/already used/);
  });

  it('refuses a body larger than the limit with 413', async () => {
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ query: '{ sscSeats { kind } }', variables: { pad: 'x'.repeat(9 * 1024 * 1024) } }),
    });
    expect(response.status).toBe(413);
  });

  it('refuses a simple cross-site request (CSRF prevention)', async () => {
    const response = await fetch(`${system.gatewayUrl}?query=${encodeURIComponent('{ sscSeats { kind } }')}`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(response.status).toBe(400);
  });

  it('never shows a client the query plan, whatever header it sends (the subgraphs and their queries stay internal)', async () => {
    // A federated read, so that Apollo plans it (a one-subgraph read may go along its direct route).
    const query = '{ parties(first: 2) { id nextAssessment { type } documentsReceived { id } } }';
    for (const format of ['prettified', 'internal']) {
      const response = await fetch(system.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}`, 'apollo-query-plan-experimental': '1', 'apollo-query-plan-experimental-format': format },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: unknown; extensions?: Record<string, unknown> };
      expect(response.status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data).toBeDefined();
      expect(body.extensions?.['__queryPlanExperimental']).toBeUndefined();
      expect(JSON.stringify(body)).not.toMatch(/_entities|Fetch|Flatten/);
    }
  });

  it('an impossible Date in variables is BAD_USER_INPUT, not an internal error', async () => {
    const result = await system.query(
      admin,
      'mutation($input: RegisterPartyInput!) { registerParty(input: $input) { id } }',
      { input: { name: `Bad Date ${Date.now()}`, userRoles: [], domesticPremises: 1, premisesEffectiveFrom: '2021-02-30' } },
    );
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/2021-02-30|calendar date/);
  });

  it('a malformed cursor is BAD_USER_INPUT, with no stack trace or SQL', async () => {
    const result = await system.query(admin, '{ parties(first: 1, after: "not-a-cursor") { id } }');
    const text = JSON.stringify(result);
    expect(text).not.toMatch(/stacktrace|SELECT|at \//i);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('has introspection on in development (SEC_ASSURE_DEV), for the playground', async () => {
    const result = await system.query<{ __schema: { queryType: { name: string } } }>(admin, '{ __schema { queryType { name } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data?.__schema.queryType.name).toBe('Query');
  });
});

type GatewayAnswer = { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

describe('gateway without the development switch', () => {
  const auth = { secret: 'a-production-secret-that-is-long-enough-0123456789', issuer: 'https://idp.example', audience: 'sec-assure' };
  let gateway: RunningGateway;
  let admin: string;
  // Stands in for a subgraph that crashes: a 500 whose body carries SQL, a host and a stack trace.
  let crashing: Server;
  // @apollo/gateway's own data collection (usage data about the host, sent to Apollo), watched from before the gateway starts.
  let apolloDataCollection: jest.SpyInstance;
  beforeAll(async () => {
    apolloDataCollection = jest.spyOn(apolloTelemetry, 'createDataCollectionExporter');
    crashing = createServer((_request, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('QueryFailedError: SELECT * FROM "party" at db-primary.internal:5432\n    at PostgresQueryRunner.query (/srv/app/node_modules/typeorm/index.js:1:1)');
    });
    await new Promise<void>((resolve) => crashing.listen(0, '127.0.0.1', resolve));
    const keys = generateInternalIdentityKeyPair();
    gateway = await startGateway(
      gatewayConfig({
        LOG_LEVEL: 'silent',
        GATEWAY_PORT: '0',
        AUTH_JWT_SECRET: auth.secret,
        AUTH_ISSUER: auth.issuer,
        AUTH_AUDIENCE: auth.audience,
        INTERNAL_IDENTITY_PRIVATE_KEY: keys.privateKeyPem,
        SSC_MEMBERSHIP_URL: `http://127.0.0.1:${(crashing.address() as AddressInfo).port}/graphql`,
      }),
    );
    admin = await signLocalToken({ sub: 'e2e-admin', roles: ['SECAS_ADMIN'], partyId: null }, { ...auth, ttlSeconds: 300 });
  });
  afterAll(async () => {
    await gateway?.stop();
    await new Promise((resolve) => crashing?.close(resolve));
    apolloDataCollection?.mockRestore();
  });

  it('sends nothing to a third party: Apollo\'s data collection is off unless an operator sets APOLLO_TELEMETRY_DISABLED=false', () => {
    expect(apolloDataCollection).not.toHaveBeenCalled();
    expect(gatewayConfig({ SEC_ASSURE_DEV: 'true' }).apolloTelemetry).toBe(false);
    expect(gatewayConfig({ SEC_ASSURE_DEV: 'true', APOLLO_TELEMETRY_DISABLED: 'false' }).apolloTelemetry).toBe(true);
  });

  const post = async (query: string, headers: Record<string, string> = {}): Promise<GatewayAnswer> => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}`, ...headers },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as GatewayAnswer;
  };

  it.each([{}, { NODE_ENV: 'production' }, { NODE_ENV: 'prod' }, { NODE_ENV: 'staging' }, { NODE_ENV: 'development' }])(
    'ISSUE-11-3: refuses to start without secrets (%j), naming every variable to set',
    (env) => {
      let message = '';
      try {
        gatewayConfig(env);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^gateway refuses to start/);
      for (const variable of ['AUTH_JWT_SECRET', 'AUTH_ISSUER', 'AUTH_AUDIENCE', 'INTERNAL_IDENTITY_PRIVATE_KEY']) expect(message).toContain(variable);
    },
  );

  it('ISSUE-11-3: starts with the development switch on loopback, and refuses it on a public address', () => {
    expect(gatewayConfig({ SEC_ASSURE_DEV: 'true' }).developmentMode).toBe(true);
    expect(() => gatewayConfig({ SEC_ASSURE_DEV: 'true', BIND_HOST: '0.0.0.0' })).toThrow(/BIND_HOST="0.0.0.0" is not a loopback address/);
  });

  it('has introspection off and the playground disabled', async () => {
    // The token is valid (an ordinary query passes authentication), so only introspection itself is refused.
    expect(await post('{ __typename }')).toEqual({ data: { __typename: 'Query' } });
    const body = await post('{ __schema { types { name } } }');
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
    const playground = await fetch(gateway.url.replace('/graphql', '/playground/'));
    expect(playground.status).toBe(404);
  });

  it('masks an internal error of a subgraph: generic message with the correlation id, no SQL, host or stack', async () => {
    const body = await post('{ sscSeats { kind } }', { 'x-correlation-id': 'mask-check-0001' });
    expect(body.data?.['sscSeats'] ?? null).toBeNull();
    expect(body.errors?.[0]).toMatchObject({
      message: 'Internal server error (correlation id mask-check-0001). Quote this id when you report it.',
      extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId: 'mask-check-0001' },
    });
    expect(JSON.stringify(body)).not.toMatch(/SELECT|db-primary|stacktrace|\/srv\/|QueryFailedError|ssc-membership|127\.0\.0\.1/i);
  });
});
