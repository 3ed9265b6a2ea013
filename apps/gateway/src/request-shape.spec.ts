import http from 'node:http';
import express from 'express';
import { jsonDepth, MAX_BODY_DEPTH, requestShapeMiddleware } from './request-shape';
import { sha256Hex } from './persisted-operations';

describe('request shape at the gateway', () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    const app = express();
    app.use('/graphql', express.json({ limit: '10mb' }), requestShapeMiddleware(), (_req: express.Request, res: express.Response) => void res.json({ data: { served: true } }));
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = async (body: string): Promise<{ status: number; body: { data?: unknown; errors?: Array<{ message: string; extensions: { code: string } }> } }> => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return { status: res.status, body: (await res.json()) as never };
  };
  const nested = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;

  it('counts depth without recursion, and stops past the limit', () => {
    expect(jsonDepth(7)).toBe(0);
    expect(jsonDepth({ a: [1, { b: null }] })).toBe(3);
    expect(jsonDepth(JSON.parse(nested(100_000)) as unknown)).toBe(MAX_BODY_DEPTH + 1);
  });

  it('variables nested 100,000 deep: 400 BAD_REQUEST naming the limit, not a stack overflow', async () => {
    const answer = await post(`{"query":"{ sscSeats { kind } }","variables":{"x":${nested(100_000)}}}`);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions.code).toBe('BAD_REQUEST');
    expect(answer.body.errors?.[0]?.message).toMatch(/deeper than 64 levels/);
  });

  it('an input as deep as the schema needs is served', async () => {
    const answer = await post(JSON.stringify({ query: 'q', variables: { input: { userRoles: ['GAS_SUPPLIER'], window: { from: '2025-01-01' } } } }));
    expect(answer).toEqual({ status: 200, body: { data: { served: true } } });
  });

  it('a persisted-query hash that is not the hash of the query text sent with it: 400 BAD_REQUEST', async () => {
    const query = '{ sscSeats { kind } }';
    const wrong = await post(JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }));
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' }, message: expect.stringMatching(/sha256Hash is not the SHA-256/) });
    const batched = await post(JSON.stringify([{ query }, { query, extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }]));
    expect(batched.status).toBe(400);
    const right = await post(JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(query).toUpperCase() } } }));
    expect(right.status).toBe(200);
  });
});
