import fs from 'node:fs';
import path from 'node:path';
import type { EventDefinition } from './envelope';
import { EVENT_DEFINITIONS } from './registry';
import { TOPIC_NAMES, TOPIC_SOURCES } from './topics';

const definitions = EVENT_DEFINITIONS as readonly EventDefinition[];
// ../shared/contract beside the repository, or SEC_ASSURE_CONTRACT_DIR (as tools/contract reads it).
const CONTRACT_DIR = process.env.SEC_ASSURE_CONTRACT_DIR ?? path.resolve(__dirname, '../../../../shared/contract');

describe('event registry', () => {
  // Derived, not listed: every event file of a topic folder is registered on that folder's topic.
  it.each(TOPIC_NAMES.map((topic) => [topic, topic.replace(/^sec\.|\.v\d+$/g, '')] as const))('registers every event file of %s', (topic, folder) => {
    const dir = path.join(__dirname, folder);
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.spec.ts'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      // Each file as the folder's index loads it.
      const exported = Object.values(require(path.join(dir, file)) as Record<string, unknown>).filter((v) => definitions.includes(v as EventDefinition));
      expect({ file, registered: exported.length }).toEqual({ file, registered: 1 });
      expect((exported[0] as EventDefinition).topic).toBe(topic);
    }
    expect(definitions.filter((d) => d.topic === topic)).toHaveLength(files.length);
  });

  it('has at least the types the contract names per topic (README §3)', () => {
    const readme = fs.readFileSync(path.join(CONTRACT_DIR, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| `(sec\.[a-z-]+\.v\d+)` \| (.+) \|$/gm)];
    expect(rows.map((r) => r[1]).sort()).toEqual([...TOPIC_NAMES].sort());
    for (const [, topic, types] of rows) {
      const named = [...(types ?? '').matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]);
      expect(definitions.filter((d) => d.topic === topic).map((d) => d.type)).toEqual(expect.arrayContaining(named));
    }
  });

  it('has unique types, each published by the owner of its topic', () => {
    expect(new Set(definitions.map((d) => d.type)).size).toBe(definitions.length);
    for (const d of definitions) expect(d.source).toBe(TOPIC_SOURCES[d.topic]);
  });

  it('takes every subject from a required string field of the data', () => {
    for (const d of definitions) {
      expect(Object.keys(d.data.shape)).toContain(d.subjectField);
    }
  });
});
