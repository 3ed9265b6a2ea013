import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { INTERNAL_IDENTITY_HEADER, internalIdentitySigningKeyFromEnv, signInternalIdentity } from '@sec-assure/auth';
import { dropDatabase, type ServiceHandle } from '@sec-assure/service';
import { loadConfig as sscMembershipConfig } from '../../../apps/ssc-membership/src/config';
import { startSscMembership } from '../../../apps/ssc-membership/src/app';
import { loadConfig as assessmentSchedulingConfig } from '../../../apps/assessment-scheduling/src/config';
import { startAssessmentScheduling } from '../../../apps/assessment-scheduling/src/app';
import { loadConfig as gatewayConfig } from '../../../apps/gateway/src/config';
import { startGateway } from '../../../apps/gateway/src/server';
import { eventually, startSystem, type RunningSystem } from './system';
import { startProxy, type CuttableProxy } from './tcp-proxy';

const healthOf = async (url: string): Promise<{ status: number; body: Record<string, unknown> }> => {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('health', () => {
  let system: RunningSystem;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('gateway /health is 200 when the gateway and all four subgraphs answer', async () => {
    const health = await healthOf(system.gatewayUrl.replace('/graphql', '/health'));
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', unhealthy: [] });
  });

  it('ISSUE-11-7: gateway and subgraphs answer /health/live and /health/ready', async () => {
    for (const base of [system.gatewayUrl, ...Object.values(system.services).map((s) => s.url)]) {
      expect(await healthOf(base.replace('/graphql', '/health/live'))).toEqual({ status: 200, body: { status: 'ok' } });
      expect((await healthOf(base.replace('/graphql', '/health/ready'))).status).toBe(200);
    }
  });

  it('ISSUE-11-7: a subgraph shows its dead-letter counts to the operator', async () => {
    const health = await healthOf(system.services['assessment-scheduling']!.url.replace('/graphql', '/health/ready'));
    expect(health.body).toMatchObject({ status: 'ok', deadLetters: expect.any(Object) });
  });

  it('gateway /health is 503 and names the subgraph that does not answer', async () => {
    const closed = await startProxy('127.0.0.1', 9);
    closed.cut();
    const gateway = await startGateway(
      gatewayConfig({
        ...process.env,
        SEC_ASSURE_DEV: 'true',
        LOG_LEVEL: 'silent',
        GATEWAY_PORT: '0',
        PARTY_REGISTRY_URL: system.services['party-registry']!.url,
        ASSESSMENT_SCHEDULING_URL: system.services['assessment-scheduling']!.url,
        REPORT_DISTRIBUTION_URL: system.services['report-distribution']!.url,
        SSC_MEMBERSHIP_URL: `http://127.0.0.1:${closed.port}/graphql`,
      }),
    );
    try {
      const health = await healthOf(gateway.url.replace('/graphql', '/health'));
      expect(health.status).toBe(503);
      expect(health.body.unhealthy).toEqual(['ssc-membership']);
    } finally {
      await gateway.stop();
      await closed.close();
    }
  });

  it('the gateway keeps a client correlation id and returns it', async () => {
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await system.token('SECAS_ADMIN')}`,
        'x-correlation-id': 'test-correlation-0001',
      },
      body: JSON.stringify({ query: '{ sscSeats { kind } }' }),
    });
    expect(response.headers.get('x-correlation-id')).toBe('test-correlation-0001');
  });

  it('the gateway keeps an idle client connection 65 s and says so, so a client never reuses one the gateway already closed (ECONNRESET)', async () => {
    const agent = new http.Agent({ keepAlive: true });
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const request = http.request(`${system.gatewayUrl.replace(/\/graphql$/, '')}/health`, { agent }, resolve);
      request.on('error', reject);
      request.end();
    });
    response.resume();
    agent.destroy();
    expect({ connection: response.headers.connection, keepAlive: response.headers['keep-alive'] }).toEqual({ connection: 'keep-alive', keepAlive: 'timeout=65' });
  });
});

describe('a subgraph whose database goes away', () => {
  let proxy: CuttableProxy;
  let service: ServiceHandle;
  let database: { name: string };
  beforeAll(async () => {
    proxy = await startProxy(process.env.PGHOST ?? '127.0.0.1', Number(process.env.PGPORT ?? 5432));
    const config = sscMembershipConfig({
      ...process.env,
      LOG_LEVEL: 'silent',
      PGPORT: String(proxy.port),
      SSC_MEMBERSHIP_PORT: '0',
      SSC_MEMBERSHIP_DB_NAME: `health_${randomBytes(4).toString('hex')}`,
      KAFKA_GROUP_PREFIX: `health-${randomBytes(4).toString('hex')}`,
    });
    database = config.database;
    service = await startSscMembership(config);
  });
  afterAll(async () => {
    proxy.restore();
    await service?.stop();
    await proxy?.close();
    await dropDatabase({ host: '127.0.0.1', port: Number(process.env.PGPORT ?? 5432), user: 'postgres', password: '', name: database.name });
  });

  it('reports unhealthy on /health while it is unreachable, and recovers by itself', async () => {
    const url = service.url.replace('/graphql', '/health');
    expect((await healthOf(url)).status).toBe(200);
    proxy.cut();
    const down = await eventually(async () => {
      const health = await healthOf(url);
      return health.status === 503 ? health : undefined;
    });
    expect(down.body).toMatchObject({ status: 'unhealthy', checks: { database: { ok: false }, kafka: { ok: true } } });
    proxy.restore();
    const up = await eventually(async () => {
      const health = await healthOf(url);
      return health.status === 200 ? health : undefined;
    });
    expect(up.body).toMatchObject({ status: 'ok' });
  });
});

describe('a subgraph whose broker is unreachable', () => {
  it('starts, answers, and reports the broker unhealthy on /health', async () => {
    const closed = await startProxy('127.0.0.1', 9);
    closed.cut();
    const config = assessmentSchedulingConfig({
      ...process.env,
      LOG_LEVEL: 'silent',
      KAFKA_BROKERS: `127.0.0.1:${closed.port}`,
      ASSESSMENT_SCHEDULING_PORT: '0',
      ASSESSMENT_SCHEDULING_DB_NAME: `health_${randomBytes(4).toString('hex')}`,
    });
    const service = await startAssessmentScheduling(config);
    try {
      // It answers: a read from its own database, as the gateway would send it.
      const query = '{ assessment(id: "00000000-0000-0000-0000-000000000000") { id } }';
      const caller = { sub: 'e2e-admin', roles: ['SECAS_ADMIN' as const], partyId: null };
      const key = internalIdentitySigningKeyFromEnv({ SEC_ASSURE_DEV: 'true' });
      const identity = await signInternalIdentity(caller, 'health-broker-down', key, { subgraph: 'assessment-scheduling', operation: { query } });
      const answer = await fetch(service.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [INTERNAL_IDENTITY_HEADER]: identity },
        body: JSON.stringify({ query }),
      });
      expect({ status: answer.status, body: await answer.json() }).toEqual({ status: 200, body: { data: { assessment: null } } });
      const health = await healthOf(service.url.replace('/graphql', '/health'));
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ checks: { database: { ok: true }, kafka: { ok: false } } });
    } finally {
      await service.stop();
      await closed.close();
      await dropDatabase(config.database);
    }
  });
});
