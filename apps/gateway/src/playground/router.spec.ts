import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { readExampleOperations } from './examples';
import { playgroundEnabledFromEnv, playgroundPaths, playgroundRouter, type PlaygroundRouterOptions } from './index';

async function serve(options: PlaygroundRouterOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express();
  app.use(playgroundRouter(options));
  app.use((_req, res) => res.status(404).send('fallthrough'));
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('playgroundRouter', () => {
  let outDir: string;
  beforeEach(() => {
    outDir = mkdtempSync(path.join(os.tmpdir(), 'playground-router-'));
  });
  afterEach(() => rmSync(outDir, { recursive: true, force: true }));

  it('answers 404 everywhere under /playground when disabled, and leaves / alone', async () => {
    const server = await serve({ enabled: false, paths: { ...playgroundPaths(), outDir } });
    try {
      for (const route of ['/playground', '/playground/', '/playground/app.js']) {
        const response = await fetch(server.url + route, { redirect: 'manual' });
        expect(response.status).toBe(404);
        expect(await response.text()).toMatch(/playground is disabled/);
      }
      expect(await (await fetch(`${server.url}/`, { redirect: 'manual' })).text()).toBe('fallthrough');
    } finally {
      await server.close();
    }
  });

  it('redirects / and /playground to /playground/, builds once on demand and serves the page', async () => {
    const log: string[] = [];
    const build = jest.fn(async () => {
      mkdirSync(outDir, { recursive: true });
      writeFileSync(path.join(outDir, 'index.html'), '<!doctype html><title>pg</title>');
      writeFileSync(path.join(outDir, 'app.js'), 'console.log(1)');
    });
    const server = await serve({ enabled: true, paths: { ...playgroundPaths(), outDir }, log: (line) => log.push(line), build });
    try {
      expect((await fetch(`${server.url}/`, { redirect: 'manual' })).headers.get('location')).toBe('/playground/');
      expect((await fetch(`${server.url}/playground`, { redirect: 'manual' })).headers.get('location')).toBe('/playground/');
      const [page, again] = await Promise.all([fetch(`${server.url}/playground/`), fetch(`${server.url}/playground/`)]);
      expect(page.status).toBe(200);
      expect(again.status).toBe(200);
      expect(await page.text()).toContain('<title>pg</title>');
      expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect((await fetch(`${server.url}/playground/app.js`)).status).toBe(200);
      expect((await fetch(`${server.url}/playground/missing.js`)).status).toBe(404);
      expect(build).toHaveBeenCalledTimes(1);
      expect(log).toEqual(['playground: bundle missing, building it now']);
    } finally {
      await server.close();
    }
  });

  it('answers 503 when the build fails, and retries on the next request', async () => {
    const build = jest.fn(async () => {
      throw new Error('esbuild exploded');
    });
    const log: string[] = [];
    const server = await serve({ enabled: true, paths: { ...playgroundPaths(), outDir }, log: (line) => log.push(line), build });
    try {
      expect((await fetch(`${server.url}/playground/`)).status).toBe(503);
      expect((await fetch(`${server.url}/playground/`)).status).toBe(503);
      expect(build).toHaveBeenCalledTimes(2);
      expect(log).toContain('playground: build failed: esbuild exploded');
    } finally {
      await server.close();
    }
  });
});

describe('playgroundEnabledFromEnv', () => {
  it.each([
    [{ SEC_ASSURE_DEV: 'true' }, true],
    [{ SEC_ASSURE_DEV: 'true', PLAYGROUND_ENABLED: 'false' }, false],
    [{}, false],
    [{ NODE_ENV: 'development' }, false],
    [{ PLAYGROUND_ENABLED: 'yes' }, false],
    [{ PLAYGROUND_ENABLED: 'true' }, true],
  ])('off unless the development switch or PLAYGROUND_ENABLED=true: %j -> %s', (env, enabled) => {
    expect(playgroundEnabledFromEnv(env)).toBe(enabled);
  });
});

describe('readExampleOperations', () => {
  it('uses the first folder with operations, and copes with none', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'contract-'));
    try {
      mkdirSync(path.join(dir, 'operations'));
      writeFileSync(path.join(dir, 'operations', 'b.graphql'), 'query B { b }');
      writeFileSync(path.join(dir, 'operations', 'a.graphql'), 'query A { a }');
      writeFileSync(path.join(dir, 'operations', 'notes.txt'), 'ignored');
      expect(readExampleOperations([path.join(dir, 'nowhere'), dir])).toEqual({
        dir,
        files: [
          { name: 'a.graphql', source: 'query A { a }' },
          { name: 'b.graphql', source: 'query B { b }' },
        ],
      });
      expect(readExampleOperations([path.join(dir, 'nowhere')])).toEqual({ dir: undefined, files: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('honours SEC_ASSURE_CONTRACT_DIR', () => {
    expect(playgroundPaths({ SEC_ASSURE_CONTRACT_DIR: '/srv/contract' }).contractDirs).toEqual(['/srv/contract']);
  });
});
