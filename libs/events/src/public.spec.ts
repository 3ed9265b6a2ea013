import * as fs from 'node:fs';
import * as path from 'node:path';

// The public entry is what another team installs: it must not drag in our persistence or
// broker plumbing. Walks the relative imports from public.ts and lists every package reached.
function packagesReachedFrom(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = fs.readFileSync(file, 'utf8');
    for (const match of source.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)) {
      const target = match[1] as string;
      if (target.startsWith('.')) {
        const base = path.resolve(path.dirname(file), target);
        visit(fs.existsSync(`${base}.ts`) ? `${base}.ts` : path.join(base, 'index.ts'));
      } else {
        packages.add(target.startsWith('node:') ? target : target.split('/').slice(0, target.startsWith('@') ? 2 : 1).join('/'));
      }
    }
  };
  visit(entry);
  return packages;
}

describe('@sec-assure/events/public', () => {
  it('contract (events): the event types package needs zod and nothing of the outbox, TypeORM or Kafka', () => {
    const packages = packagesReachedFrom(path.join(__dirname, 'public.ts'));
    expect([...packages].filter((p) => !p.startsWith('node:')).sort()).toEqual(['zod']);
  });

  it('contract (events): exports every event schema and the parser of a topic value', async () => {
    const entry = await import('./public');
    expect(entry.EVENT_DEFINITIONS.length).toBeGreaterThan(0);
    expect(typeof entry.parseEvent).toBe('function');
    expect(entry.TOPICS.partyRegistry).toBe('sec.party-registry.v1');
  });
});
