import path from 'node:path';

/** The subgraphs the gateway composes, with the local port each one listens on by default. */
export { SUBGRAPHS } from '@sec-assure/service/subgraphs';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SUPERGRAPH_FILE = path.join(REPO_ROOT, 'apps/gateway/supergraph.graphql');
/** The published API schema (what clients see), printed from the supergraph. */
export const API_SCHEMA_FILE = path.join(REPO_ROOT, 'apps/gateway/api-schema.graphql');

export const schemaFileOf = (name: string): string => path.join(REPO_ROOT, 'apps', name, 'src/schema.graphql');
export { localSubgraphUrl as localUrlOf } from '@sec-assure/service/subgraphs';

/** ../shared/contract beside the repository, or SEC_ASSURE_CONTRACT_DIR. */
export const CONTRACT_DIR = process.env.SEC_ASSURE_CONTRACT_DIR ?? path.resolve(REPO_ROOT, '..', 'shared', 'contract');
