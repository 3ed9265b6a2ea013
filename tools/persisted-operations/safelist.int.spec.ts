// The safelist through the real gateway and subgraphs: a contract operation sent by its hash runs;
// anything else is refused with PERSISTED_QUERY_NOT_IN_LIST and never reaches a subgraph.
import { startSystem, type RunningSystem } from '../e2e/src/system';
import { buildManifest } from './manifest';

describe('gateway safelist of persisted operations (GATEWAY_PERSISTED_OPERATIONS=safelist)', () => {
  let system: RunningSystem;
  const saved = process.env.GATEWAY_PERSISTED_OPERATIONS;
  const [hash, required] = Object.entries(buildManifest().operations).find(([, o]) => o.name === 'RequiredAssessment')!;
  const variables = { input: { userRoles: ['IMPORT_SUPPLIER'], domesticPremises: 300000 } };

  beforeAll(async () => {
    process.env.GATEWAY_PERSISTED_OPERATIONS = 'safelist';
    system = await startSystem();
  });

  afterAll(async () => {
    await system?.stop();
    if (saved === undefined) delete process.env.GATEWAY_PERSISTED_OPERATIONS;
    else process.env.GATEWAY_PERSISTED_OPERATIONS = saved;
  });

  const post = async (body: Record<string, unknown>) => {
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await system.token('SECAS_ADMIN')}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, ...((await response.json()) as { data?: Record<string, { type?: string }>; errors?: Array<{ message: string; extensions?: { code?: string } }> }) };
  };

  it('R-MATRIX-1: a contract operation sent by its sha256 alone runs and answers', async () => {
    const answer = await post({ operationName: required.name, variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.requiredAssessment?.type).toBe('FULL');
  });

  it('the same operation sent as its exact text runs too', async () => {
    const answer = await post({ query: required.document, variables });
    expect(answer.errors).toBeUndefined();
  });

  it('an operation outside the safelist is refused with PERSISTED_QUERY_NOT_IN_LIST, by text or by unknown hash', async () => {
    for (const body of [{ query: '{ parties { id name } }' }, { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }]) {
      const answer = await post(body);
      expect(answer.status).toBe(400);
      expect(answer.data).toBeUndefined();
      expect(answer.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    }
  });
});
