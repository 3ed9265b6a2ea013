import path from 'node:path';

/** The subgraphs the gateway composes, with the local URL each one listens on by default. */
export const SUBGRAPHS = [
  { name: 'party-registry', port: 4001 },
  { name: 'assessment-scheduling', port: 4002 },
  { name: 'report-distribution', port: 4003 },
  { name: 'ssc-membership', port: 4004 },
] as const;

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SUPERGRAPH_FILE = path.join(REPO_ROOT, 'apps/gateway/supergraph.graphql');
/** The published API schema (what clients see), printed from the supergraph. */
export const API_SCHEMA_FILE = path.join(REPO_ROOT, 'apps/gateway/api-schema.graphql');

export const schemaFileOf = (name: string): string => path.join(REPO_ROOT, 'apps', name, 'src/schema.graphql');
export const localUrlOf = (port: number): string => `http://127.0.0.1:${port}/graphql`;

/** ../shared/contract beside the repository, or SEC_ASSURE_CONTRACT_DIR. */
export const CONTRACT_DIR = process.env.SEC_ASSURE_CONTRACT_DIR ?? path.resolve(REPO_ROOT, '..', 'shared', 'contract');
