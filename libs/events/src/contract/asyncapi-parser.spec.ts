import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import type { AsyncAPIDocumentInterface, Diagnostic } from '@asyncapi/parser';
import type { EventDefinition } from '../envelope';
import { EVENT_DEFINITIONS } from '../registry';
import { TOPIC_NAMES } from '../topics';
import { EVENTS_LIB_ROOT } from './render';

// The contract promises one AsyncAPI document another team can subscribe from. Checking it with
// the official parser (the one AsyncAPI's generators and Studio use) proves it is valid AsyncAPI 3
// and that every `$ref` to schemas/*.json resolves, which a string comparison cannot.
const FILE = path.join(EVENTS_LIB_ROOT, 'asyncapi.yaml');

describe('asyncapi.yaml read by @asyncapi/parser', () => {
  let document: AsyncAPIDocumentInterface;
  let problems: Diagnostic[];

  beforeAll(async () => {
    // `source` lets the parser resolve the relative `$ref`s to ./schemas/<EventType>.json.
    const parsed = await new Parser().parse(fs.readFileSync(FILE, 'utf8'), { source: FILE });
    // Information and hints (e.g. "a newer AsyncAPI version exists") are advice, not defects.
    problems = parsed.diagnostics.filter(
      (d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning,
    );
    if (parsed.document === undefined) {
      throw new Error(`not a valid AsyncAPI document:\n${listed(problems)}`);
    }
    document = parsed.document;
  });

  it('contract (events): is valid AsyncAPI with no error or warning', () => {
    expect(listed(problems)).toBe('');
  });

  it('contract (events): has one channel per topic, at its address', () => {
    const addresses = document.channels().all().map((channel) => channel.address());
    expect([...addresses].sort()).toEqual([...TOPIC_NAMES].sort());
  });

  it.each((EVENT_DEFINITIONS as readonly EventDefinition[]).map((d) => [d.type, d] as const))(
    'contract (events): %s is a message of its topic, its payload schema resolved',
    (type, definition) => {
      const channel = document.channels().all().find((c) => c.address() === definition.topic);
      const message = channel?.messages().all().find((m) => m.id() === type);
      expect(message).toBeDefined();
      const payload = message?.payload();
      // A resolved payload has the envelope's fields; an unresolved `$ref` has none.
      expect(payload?.required()).toEqual(expect.arrayContaining(['id', 'type', 'subject', 'data']));
      expect(payload?.properties()?.['type']?.const()).toBe(type);
    },
  );
});

function listed(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${d.code}: ${d.message} at ${d.path.join('.')}`).join('\n');
}
