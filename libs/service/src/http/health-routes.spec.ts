import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { HEALTH_TOKEN_HEADER, mountHealthRoutes } from './health-routes';

/** An address of this machine that is not loopback: requests to it do not come from 127.0.0.1. */
function externalAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a !== undefined && a.family === 'IPv4' && !a.internal)?.address;
}

async function serve(host: string, ok: boolean): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express();
  mountHealthRoutes(app, {
    healthToken: 'operator-token-0123456789',
    ready: async () => ({ ok, details: { checks: { database: { ok, error: 'connect ECONNREFUSED 10.0.0.5:5432' } } } }),
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://${host}:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const get = async (url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> => {
  const response = await fetch(url, { headers });
  return { status: response.status, body: await response.json() };
};

describe('health routes (ISSUE-11-7)', () => {
  it('ISSUE-11-7: liveness is ok while the process answers, readiness follows the checks', async () => {
    const server = await serve('127.0.0.1', false);
    try {
      expect(await get(`${server.url}/health/live`)).toEqual({ status: 200, body: { status: 'ok' } });
      expect((await get(`${server.url}/health/ready`)).status).toBe(503);
      expect((await get(`${server.url}/health`)).status).toBe(503);
    } finally {
      await server.close();
    }
  });

  it('ISSUE-11-7: a caller on this machine gets the details, unless a proxy relayed it', async () => {
    const server = await serve('127.0.0.1', false);
    try {
      expect((await get(`${server.url}/health/ready`)).body).toMatchObject({ status: 'unhealthy', checks: { database: { ok: false } } });
      // Relayed by a reverse proxy on this machine: the client is elsewhere.
      expect((await get(`${server.url}/health/ready`, { 'x-forwarded-for': '203.0.113.9' })).body).toEqual({ status: 'unhealthy' });
    } finally {
      await server.close();
    }
  });

  const external = externalAddress();
  (external ? it : it.skip)('ISSUE-11-7: another machine gets the status only, details with the operator token', async () => {
    const server = await serve(external!, false);
    try {
      const anonymous = await get(`${server.url}/health/ready`);
      expect(anonymous).toEqual({ status: 503, body: { status: 'unhealthy' } });
      expect(JSON.stringify(anonymous.body)).not.toMatch(/ECONNREFUSED|10\.0\.0\.5/);
      expect((await get(`${server.url}/health`, { [HEALTH_TOKEN_HEADER]: 'wrong-token-0123456789xx' })).body).toEqual({ status: 'unhealthy' });
      expect((await get(`${server.url}/health`, { [HEALTH_TOKEN_HEADER]: 'operator-token-0123456789' })).body).toMatchObject({
        status: 'unhealthy',
        checks: { database: { ok: false, error: 'connect ECONNREFUSED 10.0.0.5:5432' } },
      });
    } finally {
      await server.close();
    }
  });
});
