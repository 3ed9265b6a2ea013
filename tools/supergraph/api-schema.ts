import { printSchema } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';

/**
 * The schema clients see: the supergraph's API schema (federation directives, join/link types and
 * @inaccessible elements removed), printed for front-end teams and their tools (codegen, IDEs).
 */
export function printApiSchema(supergraphSdl: string): string {
  const api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  return `# The gateway's API schema, printed by tools/supergraph/api-schema-cli.ts from supergraph.graphql; do not edit.\n${printSchema(api)}\n`;
}
