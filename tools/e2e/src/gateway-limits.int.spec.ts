import { generateInternalIdentityKeyPair } from '@sec-assure/auth';
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
    const result = await system.query(admin, '{ parties(first: 100000) { id name } }');
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
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

  it('masks internal errors: no stack trace or SQL reaches the client', async () => {
    const result = await system.query(admin, '{ parties(first: 1, after: "not-a-cursor") { id } }');
    const text = JSON.stringify(result);
    expect(text).not.toMatch(/stacktrace|SELECT|at \//i);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('gateway in production', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    const keys = generateInternalIdentityKeyPair();
    gateway = await startGateway(
      gatewayConfig({
        NODE_ENV: 'production',
        LOG_LEVEL: 'silent',
        GATEWAY_PORT: '0',
        AUTH_JWT_SECRET: 'a-production-secret-that-is-long-enough-0123456789',
        INTERNAL_IDENTITY_PRIVATE_KEY: keys.privateKeyPem,
      }),
    );
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('refuses to start on the local default secret', () => {
    expect(() => gatewayConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_JWT_SECRET/);
  });

  it('has introspection off and the playground disabled', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
    });
    const body = (await response.json()) as { data?: unknown };
    expect(body.data ?? null).toBeNull();
    const playground = await fetch(gateway.url.replace('/graphql', '/playground/'));
    expect(playground.status).toBe(404);
  });
});
