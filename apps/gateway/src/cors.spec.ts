import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { corsFromEnv, corsMiddleware } from './cors';

// A front end on another origin may call the gateway only when its origin is on the allowlist.
describe('gateway CORS', () => {
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    const app = express();
    app.use('/graphql', corsMiddleware(corsFromEnv({ CORS_ALLOWED_ORIGINS: 'https://app.example.org, http://localhost:5173' })));
    app.post('/graphql', (_req, res) => void res.json({ data: {} }));
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const preflight = (origin: string) =>
    fetch(url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });

  it('contract (front ends): an allowed origin passes the preflight with the headers it needs', async () => {
    const response = await preflight('https://app.example.org');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('contract (front ends): a listed origin reads the response and its correlation id header', async () => {
    const response = await fetch(url, { method: 'POST', headers: { origin: 'http://localhost:5173' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.headers.get('access-control-expose-headers')).toContain('x-correlation-id');
  });

  it('contract (front ends): an origin not on the list gets no CORS headers', async () => {
    const response = await preflight('https://evil.example.com');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('contract (front ends): by default no origin is allowed; a wildcard or a path is refused at start', () => {
    expect(corsFromEnv({}).allowedOrigins).toEqual([]);
    expect(() => corsFromEnv({ CORS_ALLOWED_ORIGINS: '*' })).toThrow(/CORS_ALLOWED_ORIGINS/);
    expect(() => corsFromEnv({ CORS_ALLOWED_ORIGINS: 'https://app.example.org/' })).toThrow(/not an origin/);
  });
});
