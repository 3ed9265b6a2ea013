// Writes libs/events/schemas/*.json and libs/events/asyncapi.yaml from the zod schemas.
//   npx tsx libs/events/scripts/generate.ts     (or: npx nx run events:generate)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EVENTS_LIB_ROOT, renderContractFiles } from '../src/contract/render';

const files = renderContractFiles();
const schemaDir = path.join(EVENTS_LIB_ROOT, 'schemas');
fs.mkdirSync(schemaDir, { recursive: true });
// Remove schemas of event types that no longer exist.
for (const name of fs.readdirSync(schemaDir)) {
  if (!files.has(path.join('schemas', name))) {
    fs.rmSync(path.join(schemaDir, name));
    console.log(`removed schemas/${name}`);
  }
}
let written = 0;
for (const [relative, content] of files) {
  const target = path.join(EVENTS_LIB_ROOT, relative);
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
  if (current !== content) {
    fs.writeFileSync(target, content);
    written += 1;
    console.log(`wrote ${relative}`);
  }
}
console.log(`${files.size} contract files, ${written} changed`);
