import fs from 'node:fs';
import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import { SUBGRAPHS, schemaFileOf, localUrlOf } from './subgraphs';

/** Composes the four subgraph schemas into the supergraph SDL; throws with every composition error. */
export function composeSupergraph(): string {
  const services = SUBGRAPHS.filter(({ name }) => fs.existsSync(schemaFileOf(name))).map(({ name, port }) => ({
    name,
    url: localUrlOf(port),
    typeDefs: parse(fs.readFileSync(schemaFileOf(name), 'utf8')),
  }));
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return `# Composed by tools/supergraph/compose-cli.ts from apps/*/src/schema.graphql; do not edit.\n${result.supergraphSdl}`;
}
