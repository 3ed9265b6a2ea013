import fs from 'node:fs';
import path from 'node:path';

/** The composed, committed supergraph; the gateway never composes at runtime. */
export const SUPERGRAPH_FILE = path.join(__dirname, '..', 'supergraph.graphql');

export function loadSupergraph(): string {
  if (!fs.existsSync(SUPERGRAPH_FILE)) {
    throw new Error(`${SUPERGRAPH_FILE} is missing: run \`npx tsx tools/supergraph/compose-cli.ts\``);
  }
  return fs.readFileSync(SUPERGRAPH_FILE, 'utf8');
}
