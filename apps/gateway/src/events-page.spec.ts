import * as fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import express from 'express';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the page loads the event library lazily to keep it out of the gateway's start; its test may load it at once.
import { EVENT_DEFINITIONS } from '@sec-assure/events';
import { eventsPageRouter } from './events-page';

// Teams subscribing to the topics read the event contract from the gateway.
describe('events page', () => {
  const servers: http.Server[] = [];
  const start = async (enabled: boolean): Promise<string> => {
    const app = express();
    app.use(eventsPageRouter(enabled));
    const server = http.createServer(app);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('contract (events): /events lists every event type and serves the committed AsyncAPI document and schemas', async () => {
    const base = await start(true);
    const html = await (await fetch(`${base}/events`)).text();
    for (const definition of EVENT_DEFINITIONS) expect(html).toContain(`/events/schemas/${definition.type}.json`);

    const yaml = await (await fetch(`${base}/events/asyncapi.yaml`)).text();
    expect(yaml).toBe(fs.readFileSync(path.resolve(__dirname, '../../../libs/events/asyncapi.yaml'), 'utf8'));
    const schema = (await (await fetch(`${base}/events/schemas/PartyRegistered.json`)).json()) as { title?: string };
    expect(schema.title).toBe('PartyRegistered');
    expect((await fetch(`${base}/events/schemas/nope.json`)).status).toBe(404);
  });

  it('contract (events): off with the playground (production default): nothing is served', async () => {
    const base = await start(false);
    expect((await fetch(`${base}/events`)).status).toBe(404);
  });
});
