/**
 * Writes apps/gateway/api-schema.graphql (the published API schema) from the committed
 * supergraph, or with --check fails when it is stale. compose-cli.ts also writes it.
 * Usage: npx tsx tools/supergraph/api-schema-cli.ts [--check]
 */
import fs from 'node:fs';
import path from 'node:path';
import { printApiSchema } from './api-schema';
import { API_SCHEMA_FILE, REPO_ROOT, SUPERGRAPH_FILE } from './subgraphs';

export function writeApiSchema(supergraphSdl: string): string {
  fs.writeFileSync(API_SCHEMA_FILE, printApiSchema(supergraphSdl));
  return path.relative(REPO_ROOT, API_SCHEMA_FILE);
}

function main(): void {
  const supergraph = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');
  if (!process.argv.includes('--check')) {
    console.log(`wrote ${writeApiSchema(supergraph)}`);
    return;
  }
  const relative = path.relative(REPO_ROOT, API_SCHEMA_FILE);
  const committed = fs.existsSync(API_SCHEMA_FILE) ? fs.readFileSync(API_SCHEMA_FILE, 'utf8') : '';
  if (committed !== printApiSchema(supergraph)) {
    console.error(`${relative} is stale: run \`npx tsx tools/supergraph/compose-cli.ts\` and commit it.`);
    process.exit(1);
  }
  console.log(`${relative} is up to date.`);
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
