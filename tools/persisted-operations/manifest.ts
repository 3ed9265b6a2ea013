// The safelist of persisted operations: every operation of ../shared/contract/operations, printed
// by graphql-js (the text libs/client's `request` sends: `print(document)`), keyed by the sha256
// of that text, as Apollo's automatic persisted queries hash it (hex).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, type DocumentNode } from 'graphql';

export const OPERATIONS_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'contract', 'operations');
export const MANIFEST_FILE = path.resolve(__dirname, '..', '..', 'apps', 'gateway', 'persisted-operations.json');

export interface PersistedOperationsManifest {
  format: 'apq-sha256';
  /** sha256 hex of the printed document -> the document. */
  operations: Record<string, { name: string; document: string }>;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

export function buildManifest(dir: string = OPERATIONS_DIR): PersistedOperationsManifest {
  const operations: PersistedOperationsManifest['operations'] = {};
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort();
  for (const file of files) {
    const parsed = parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    for (const definition of parsed.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) {
        throw new Error(`${file}: only operations are expected (no fragments), found ${definition.kind}`);
      }
      if (!definition.name) throw new Error(`${file}: every contract operation has a name`);
      const document = print({ kind: Kind.DOCUMENT, definitions: [definition] } satisfies DocumentNode);
      operations[sha256Hex(document)] = { name: definition.name.value, document };
    }
  }
  return { format: 'apq-sha256', operations };
}

export const renderManifest = (manifest: PersistedOperationsManifest): string => `${JSON.stringify(manifest, null, 2)}\n`;
