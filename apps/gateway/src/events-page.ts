// The event contract as a page for teams that subscribe to the topics: /events (HTML),
// /events/asyncapi.yaml and /events/schemas/<EventType>.json, rendered in memory from the same zod
// schemas as the committed files (so no file has to ship with the gateway's build). A plain page
// instead of AsyncAPI's React viewer: no browser bundle or CDN to serve for a list of messages.
import { Router } from 'express';
import type { EventDefinition } from '@sec-assure/events';

export const EVENTS_PAGE_PATH = '/events';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/**
 * The event library (every event's zod schema) and the rendered contract, loaded and rendered on the
 * first request for a page rather than at start: a gateway that serves no page keeps neither.
 */
const contract = (() => {
  let rendered: { files: Map<string, string>; html: string } | undefined;
  return (): { files: Map<string, string>; html: string } => {
    if (rendered === undefined) {
      const events = require('@sec-assure/events/contract') as typeof import('@sec-assure/events/contract');
      rendered = { files: events.renderContractFiles(), html: page(events) };
    }
    return rendered;
  };
})();

function page({ EVENT_DEFINITIONS, TOPIC_NAMES }: typeof import('@sec-assure/events/contract')): string {
  const definitions = EVENT_DEFINITIONS as readonly EventDefinition[];
  const topics = TOPIC_NAMES.map((topic) => {
    const rows = definitions
      .filter((d) => d.topic === topic)
      .map(
        (d) =>
          `<tr><td><a href="${EVENTS_PAGE_PATH}/schemas/${d.type}.json">${escapeHtml(d.type)}</a></td>` +
          `<td>${escapeHtml(d.description)}</td><td><code>data.${escapeHtml(d.subjectField)}</code></td></tr>`,
      )
      .join('\n');
    return `<h2><code>${escapeHtml(topic)}</code></h2>\n<table><tr><th>type</th><th>meaning</th><th>key (subject)</th></tr>\n${rows}\n</table>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SEC assure events</title></head><body>
<h1>SEC assure events</h1>
<p>Value: a JSON envelope <code>{ id, type, version, occurredAt, source, subject, data }</code>; key: the subject.
At least once (de-duplicate on <code>id</code>), ordered per key. Full description:
<a href="${EVENTS_PAGE_PATH}/asyncapi.yaml">AsyncAPI 3.0 document</a>. TypeScript types and zod schemas:
<code>@sec-assure/events/public</code>.</p>
${topics.join('\n')}
</body></html>
`;
}

/** Serves the pages when enabled (with the playground: development, or PLAYGROUND_ENABLED=true). */
export function eventsPageRouter(enabled: boolean): Router {
  const router = Router();
  if (!enabled) return router;
  router.get(EVENTS_PAGE_PATH, (_req, res) => {
    res.setHeader('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    res.type('html').send(contract().html);
  });
  router.get(`${EVENTS_PAGE_PATH}/asyncapi.yaml`, (_req, res) => {
    res.type('application/yaml').send(contract().files.get('asyncapi.yaml'));
  });
  router.get(`${EVENTS_PAGE_PATH}/schemas/:file`, (req, res) => {
    const body = contract().files.get(`schemas/${req.params.file}`);
    if (body === undefined) {
      res.status(404).type('text/plain').send('no such event schema\n');
      return;
    }
    res.type('application/schema+json').send(body);
  });
  return router;
}
