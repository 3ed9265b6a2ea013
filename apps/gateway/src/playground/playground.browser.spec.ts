import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { buildSchema, graphql } from 'graphql';
import { chromium, type Browser } from 'playwright-core';
import { playgroundPaths, playgroundRouter, repoRoot } from './index';

// End to end in a real browser: the page is built on demand, loads with no network access beyond
// 127.0.0.1, sends the pasted token, runs an operation against a stub /graphql and shows the result.
jest.setTimeout(180_000);

const CHROMIUM = '/usr/bin/chromium';
const TOKEN = 'test-token-abc.def.ghi';

const schema = buildSchema(`
  type SscSeat { kind: String! count: Int! }
  type Query { sscSeats: [SscSeat!]! }
`);
const rootValue = { sscSeats: () => [{ kind: 'LARGE_SUPPLIER', count: 2 }, { kind: 'TABASC', count: 1 }] };

describe('playground in a browser', () => {
  let server: Server;
  let baseUrl: string;
  let browser: Browser | undefined;
  let outDir: string;
  const authorizations: (string | undefined)[] = [];
  const buildLog: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: run \`apt-get update && apt-get install -y chromium\` first.`);
    }
    outDir = mkdtempSync(path.join(os.tmpdir(), 'sec-assure-playground-'));
    const app = express();
    app.use(playgroundRouter({ enabled: true, paths: { ...playgroundPaths(), outDir }, log: (line) => buildLog.push(line) }));
    app.post('/graphql', express.json(), async (req, res) => {
      authorizations.push(req.headers.authorization);
      const { query, variables, operationName } = req.body as { query: string; variables?: Record<string, unknown>; operationName?: string };
      res.json(await graphql({ schema, rootValue, source: query, variableValues: variables ?? null, operationName: operationName ?? null }));
    });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('runs a query with the pasted token and shows the result, talking only to 127.0.0.1', async () => {
    if (!browser) throw new Error('browser did not start');
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const requested: string[] = [];
    const pageErrors: string[] = [];
    context.on('request', (request) => requested.push(request.url()));
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(`${baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/playground/');
    expect(buildLog.join('\n')).toMatch(/bundle missing, building it now[\s\S]*built into/);

    await page.fill('#sa-token', `Bearer ${TOKEN}`);
    await page.click('button:has-text("Use token")');
    await expect(page.textContent('[data-testid="token-state"]')).resolves.toMatch(/token set/);
    // This file is compiled without DOM types, hence the narrow cast of the page's globalThis.
    const stored = await page.evaluate(() =>
      (globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage.getItem('sec-assure.playground.bearer-token'),
    );
    expect(stored).toBe(TOKEN);

    // The first tab holds the welcome query (query SscSeats); wait for the editor, then run it.
    await page.waitForSelector('.graphiql-query-editor .monaco-editor', { timeout: 60_000 });
    await page.click('.graphiql-execute-button');
    // A locator, not waitForFunction: the page's CSP forbids the eval a string predicate needs.
    await page.locator('.graphiql-response').filter({ hasText: 'LARGE_SUPPLIER' }).waitFor({ timeout: 30_000 });

    expect(authorizations).toContain(`Bearer ${TOKEN}`);
    // The contract's examples are embedded as further tabs.
    expect(await page.locator('.graphiql-tab').count()).toBeGreaterThan(1);

    const screenshotDir = path.join(repoRoot(), 'test-output');
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, 'playground.png'), fullPage: true });

    const offsite = requested.filter((url) => {
      const { protocol, hostname } = new URL(url);
      return !(protocol === 'data:' || protocol === 'blob:' || hostname === '127.0.0.1');
    });
    expect(offsite).toEqual([]);
    expect(requested.some((url) => url.includes('/playground/workers/'))).toBe(true);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
