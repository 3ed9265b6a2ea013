/**
 * Writes apps/gateway/persisted-operations.json, the safelist the gateway enforces with
 * GATEWAY_PERSISTED_OPERATIONS=safelist, from ../shared/contract/operations. `--check` fails when
 * the committed file is stale. Usage: npx tsx tools/persisted-operations/generate.ts [--check]
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildManifest, MANIFEST_FILE, renderManifest } from './manifest';

const text = renderManifest(buildManifest());
const count = Object.keys(JSON.parse(text).operations as object).length;
const where = path.relative(process.cwd(), MANIFEST_FILE);
if (process.argv.includes('--check')) {
  const committed = fs.existsSync(MANIFEST_FILE) ? fs.readFileSync(MANIFEST_FILE, 'utf8') : '';
  if (committed !== text) {
    console.error(`${where} is stale: run \`npx tsx tools/persisted-operations/generate.ts\``);
    process.exit(1);
  }
  console.log(`${where}: up to date (${count} operations)`);
} else {
  fs.writeFileSync(MANIFEST_FILE, text);
  console.log(`wrote ${where} (${count} operations)`);
}
