import fs from 'node:fs';
import path from 'node:path';
import { BreakingChangeType, buildSchema, findBreakingChanges, parse, validate, type GraphQLSchema } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { composeSupergraph } from '../supergraph/compose';
import { CONTRACT_DIR } from '../supergraph/subgraphs';

/** Breaking changes that only mean "not built yet"; everything else is an incompatibility. */
const MISSING_KINDS = new Set<string>([
  BreakingChangeType.TYPE_REMOVED,
  BreakingChangeType.FIELD_REMOVED,
  BreakingChangeType.VALUE_REMOVED_FROM_ENUM,
  BreakingChangeType.ARG_REMOVED,
  BreakingChangeType.TYPE_REMOVED_FROM_UNION,
  BreakingChangeType.IMPLEMENTED_INTERFACE_REMOVED,
  BreakingChangeType.DIRECTIVE_REMOVED,
]);

export interface OperationReport {
  file: string;
  name: string;
  errors: string[];
}

export interface ContractReport {
  missing: string[];
  incompatible: string[];
  operations: OperationReport[];
}

export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

export function compareWithContract(supergraphSdl = composeSupergraph(), contractDir = CONTRACT_DIR): ContractReport {
  const contractFile = path.join(contractDir, 'contract.graphql');
  if (!fs.existsSync(contractFile)) {
    throw new Error(`No contract at ${contractFile}: set SEC_ASSURE_CONTRACT_DIR to the folder holding contract.graphql`);
  }
  const contract = buildSchema(fs.readFileSync(contractFile, 'utf8'));
  const api = apiSchemaOf(supergraphSdl);
  const changes = findBreakingChanges(contract, api);
  const missing = changes.filter((c) => MISSING_KINDS.has(c.type)).map((c) => c.description);
  const incompatible = changes.filter((c) => !MISSING_KINDS.has(c.type)).map((c) => `${c.type}: ${c.description}`);

  const operationsDir = path.join(contractDir, 'operations');
  const operations: OperationReport[] = [];
  for (const file of fs.existsSync(operationsDir) ? fs.readdirSync(operationsDir).sort() : []) {
    if (!file.endsWith('.graphql')) continue;
    const document = parse(fs.readFileSync(path.join(operationsDir, file), 'utf8'));
    for (const definition of document.definitions) {
      if (definition.kind !== 'OperationDefinition') continue;
      const single = { ...document, definitions: [definition, ...document.definitions.filter((d) => d.kind === 'FragmentDefinition')] };
      operations.push({
        file,
        name: definition.name?.value ?? '(anonymous)',
        errors: validate(api, single).map((e) => e.message),
      });
    }
  }
  return { missing, incompatible, operations };
}
