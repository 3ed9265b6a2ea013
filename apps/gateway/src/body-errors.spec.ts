import http from 'node:http';
import express from 'express';
import { bodyErrorAsGraphQL } from './body-errors';

// ISSUE-12-3: a body over the limit or not JSON is answered as a GraphQL error in JSON, not an HTML page.
describe('body errors at the gateway', () => {
  let server: http.Server;
  let url: string;
  const logged: unknown[] = [];
  beforeAll(async () => {
    const app = express();
    // Errors other than the body parser's, as a middleware might raise them.
    app.use('/graphql/short', (_req, _res, next) => next(Object.assign(new Error('request size did not match content length at /srv/app/x.js:1'), { status: 400, type: 'request.size.invalid' })));
    app.use('/graphql/broken', (_req, _res, next) => next(new Error('connect ECONNREFUSED db-primary.internal:5432')));
    app.use('/graphql', express.json({ limit: 64 }), (_req: express.Request, res: express.Response) => void res.json({ data: {} }));
    app.use('/graphql', bodyErrorAsGraphQL(64, { error: (details) => logged.push(details) }));
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (body: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('answers 413 with a JSON GraphQL error naming the limit', async () => {
    const res = await post(JSON.stringify({ query: 'x'.repeat(200) }));
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(body.errors[0]?.message).toMatch(/larger than 64 bytes/);
  });

  it('answers 400 with a JSON GraphQL error for a body that is not JSON', async () => {
    const res = await post('{"query": ');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
  });

  it('answers any other error as a JSON GraphQL error too, with no stack or internal detail (express would show its stack outside production)', async () => {
    for (const [path, status, code] of [['short', 400, 'BAD_REQUEST'], ['broken', 500, 'INTERNAL_SERVER_ERROR']] as const) {
      const res = await fetch(`${url}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      const text = await res.text();
      expect((JSON.parse(text) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(code);
      expect(text).not.toMatch(/ECONNREFUSED|db-primary|\/srv\/app|at \w|<html|<pre/i);
    }
    // The internal one is logged for operators; the client's fault is not.
    expect(logged).toEqual([expect.objectContaining({ err: expect.objectContaining({ message: 'connect ECONNREFUSED db-primary.internal:5432' }) })]);
  });

  it('lets a good body through', async () => {
    const res = await post('{"query":"{a}"}');
    expect(res.status).toBe(200);
  });
});
