/**
 * Enforces the project boundaries declared by the `tags` of each project.json:
 * - an app never imports another app (they talk through Kafka, not code);
 * - a `type:domain` library imports no other project and no framework (pure rules);
 * - a library never imports an app;
 * - projects reach each other only through `@sec-assure/<lib>` entry points, never by relative
 *   paths into another project's folder.
 * Usage: npx tsx tools/boundaries/check.ts
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;
const FRAMEWORKS = ['typeorm', 'kafkajs', 'pg', 'express', 'graphql', '@apollo/', 'pino', 'jose'];

interface Project {
  name: string;
  root: string;
  kind: 'app' | 'lib';
  tags: string[];
}

function projects(): Project[] {
  return (['apps', 'libs'] as const).flatMap((dir) =>
    fs
      .readdirSync(path.join(ROOT, dir))
      .filter((name) => fs.existsSync(path.join(ROOT, dir, name, 'project.json')))
      .map((name) => {
        const json = JSON.parse(fs.readFileSync(path.join(ROOT, dir, name, 'project.json'), 'utf8')) as { tags?: string[] };
        return { name, root: path.join(ROOT, dir, name), kind: dir === 'apps' ? 'app' : 'lib', tags: json.tags ?? [] } as Project;
      }),
  );
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return ['node_modules', '__generated__', 'dist'].includes(entry.name) ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

export function violations(all: Project[] = projects()): string[] {
  const found: string[] = [];
  for (const project of all) {
    const domain = project.tags.includes('type:domain');
    for (const file of sourceFiles(path.join(project.root, 'src'))) {
      const test = /\.(spec|test)\.tsx?$/.test(file) || file.endsWith('testing.ts');
      const text = fs.readFileSync(file, 'utf8');
      const where = path.relative(ROOT, file);
      for (const match of text.matchAll(IMPORT)) {
        const spec = match[1] ?? match[2] ?? match[3] ?? '';
        if (spec.startsWith('.')) {
          const target = path.resolve(path.dirname(file), spec);
          if (!target.startsWith(project.root + path.sep)) found.push(`${where}: "${spec}" reaches outside ${project.name}; import its @sec-assure entry point`);
          continue;
        }
        if (spec.startsWith('@sec-assure/')) {
          const lib = spec.slice('@sec-assure/'.length).split('/')[0];
          if (domain && !test && lib !== project.name) found.push(`${where}: type:domain library ${project.name} imports ${spec}`);
          continue;
        }
        if (domain && !test && FRAMEWORKS.some((f) => spec === f || spec.startsWith(f.endsWith('/') ? f : `${f}/`))) {
          found.push(`${where}: type:domain library ${project.name} imports the framework "${spec}"`);
        }
      }
    }
  }
  return found;
}

if (require.main === module) {
  const found = violations();
  for (const line of found) console.error(`boundary: ${line}`);
  console.log(found.length ? `boundaries: ${found.length} violation(s)` : 'boundaries: every import respects the project tags');
  process.exit(found.length ? 1 : 0);
}
