import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { DEFAULT_MANIFEST_FILE, loadManifest, persistedOperationsFromEnv, persistedOperationsMiddleware, sha256Hex, type PersistedOperationsMode } from './persisted-operations';

// What reaches Apollo (the echo handler stands in for it) for each kind of request, per mode.
describe('persisted operations', () => {
  const listed = 'query Listed {\n  parties {\n    id\n  }\n}';
  const documents = new Map([[sha256Hex(listed), listed]]);
  const servers: http.Server[] = [];
  const urls = new Map<PersistedOperationsMode, string>();

  beforeAll(async () => {
    for (const mode of ['off', 'accept', 'safelist'] as const) {
      const app = express();
      app.use('/graphql', express.json(), persistedOperationsMiddleware({ mode, documents }), (req, res) => void res.json({ reached: req.body ?? null }));
      const server = http.createServer(app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push(server);
      urls.set(mode, `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
    }
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  const post = async (mode: PersistedOperationsMode, body: unknown) => {
    const response = await fetch(urls.get(mode)!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { reached?: { query?: string }; errors?: Array<{ extensions: { code: string } }> } };
  };
  const byHash = (hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

  it('off: passes every request through untouched', async () => {
    expect((await post('off', byHash(sha256Hex(listed)))).body.reached).toEqual(byHash(sha256Hex(listed)));
    expect((await post('off', { query: '{ anything }' })).body.reached).toEqual({ query: '{ anything }' });
  });

  it('accept: a listed hash is served from the manifest; other operations pass', async () => {
    expect((await post('accept', byHash(sha256Hex(listed)))).body.reached?.query).toBe(listed);
    expect((await post('accept', { query: '{ anything }' })).body.reached).toEqual({ query: '{ anything }' });
    // An unknown hash goes on to Apollo, which answers PERSISTED_QUERY_NOT_FOUND (APQ).
    expect((await post('accept', byHash('0'.repeat(64)))).body.reached).toEqual(byHash('0'.repeat(64)));
  });

  it('safelist: a listed operation runs, by hash or by its exact text', async () => {
    expect((await post('safelist', byHash(sha256Hex(listed)))).body.reached?.query).toBe(listed);
    expect((await post('safelist', { query: listed })).body.reached?.query).toBe(listed);
  });

  it('safelist: any other operation is refused with PERSISTED_QUERY_NOT_IN_LIST before Apollo sees it', async () => {
    for (const body of [{ query: '{ parties { id name } }' }, byHash('0'.repeat(64)), { query: `${listed} ` }, [{ query: listed }], {}]) {
      const answer = await post('safelist', body);
      expect(answer.status).toBe(400);
      expect(answer.body.reached).toBeUndefined();
      expect(answer.body.errors?.[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    }
  });

  it('safelist: applies to GET requests too', async () => {
    const response = await fetch(`${urls.get('safelist')}?query=${encodeURIComponent('{ parties { id } }')}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
  });

  it('is off by default and refuses an unknown mode, naming the variable', () => {
    expect(persistedOperationsFromEnv({}).mode).toBe('off');
    expect(persistedOperationsFromEnv({ GATEWAY_PERSISTED_OPERATIONS: 'safelist' }).documents.size).toBeGreaterThan(0);
    expect(() => persistedOperationsFromEnv({ GATEWAY_PERSISTED_OPERATIONS: 'strict' })).toThrow(/GATEWAY_PERSISTED_OPERATIONS="strict"/);
  });

  it('the committed manifest holds every entry under the sha256 of its document', () => {
    const manifest = loadManifest(DEFAULT_MANIFEST_FILE);
    for (const [hash, document] of manifest) expect(sha256Hex(document)).toBe(hash);
  });
});
