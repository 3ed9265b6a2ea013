/**
 * Writes apps/gateway/supergraph.graphql and the API schema printed from it
 * (apps/gateway/api-schema.graphql), or with --check fails when the committed supergraph is stale.
 * Usage: npx tsx tools/supergraph/compose-cli.ts [--check]
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeApiSchema } from './api-schema-cli';
import { composeSupergraph } from './compose';
import { REPO_ROOT, SUPERGRAPH_FILE } from './subgraphs';

function main(): void {
  const check = process.argv.includes('--check');
  const composed = composeSupergraph();
  const relative = path.relative(REPO_ROOT, SUPERGRAPH_FILE);
  if (check) {
    const committed = fs.existsSync(SUPERGRAPH_FILE) ? fs.readFileSync(SUPERGRAPH_FILE, 'utf8') : '';
    if (committed !== composed) {
      console.error(`${relative} is stale: run \`npx tsx tools/supergraph/compose-cli.ts\` and commit it.`);
      process.exit(1);
    }
    console.log(`${relative} is up to date.`);
    return;
  }
  fs.writeFileSync(SUPERGRAPH_FILE, composed);
  console.log(`wrote ${relative}`);
  console.log(`wrote ${writeApiSchema(composed)}`);
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
