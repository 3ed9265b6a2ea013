// Persisted operations (APQ-style): a client may send `extensions.persistedQuery.sha256Hash`
// instead of the query text. With GATEWAY_PERSISTED_OPERATIONS:
// - off (default): nothing here; Apollo Server's own automatic persisted queries apply;
// - accept: a hash of the manifest is served from the manifest, any other operation as usual;
// - safelist: only operations of the manifest run (by hash, or by their exact text); any other
//   is refused with PERSISTED_QUERY_NOT_IN_LIST before parsing, validation or planning.
// The manifest (apps/gateway/persisted-operations.json) is generated from the contract's
// operations by tools/persisted-operations and checked for staleness like the supergraph.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export type PersistedOperationsMode = 'off' | 'accept' | 'safelist';

export interface PersistedOperationsConfig {
  mode: PersistedOperationsMode;
  /** sha256 hex of the document text -> the document. Empty when off. */
  documents: ReadonlyMap<string, string>;
}

export const DEFAULT_MANIFEST_FILE = path.join(__dirname, '..', 'persisted-operations.json');

/** GATEWAY_PERSISTED_OPERATIONS (off|accept|safelist) and GATEWAY_PERSISTED_OPERATIONS_MANIFEST (a path). */
export function persistedOperationsFromEnv(env: NodeJS.ProcessEnv): PersistedOperationsConfig {
  const mode = (env.GATEWAY_PERSISTED_OPERATIONS?.trim().toLowerCase() || 'off') as PersistedOperationsMode;
  if (!['off', 'accept', 'safelist'].includes(mode)) {
    throw new Error(`Configuration: GATEWAY_PERSISTED_OPERATIONS="${env.GATEWAY_PERSISTED_OPERATIONS}" must be off, accept or safelist`);
  }
  if (mode === 'off') return { mode, documents: new Map() };
  return { mode, documents: loadManifest(env.GATEWAY_PERSISTED_OPERATIONS_MANIFEST?.trim() || DEFAULT_MANIFEST_FILE) };
}

export function loadManifest(file: string): Map<string, string> {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { operations?: Record<string, { document?: unknown }> };
  const documents = new Map<string, string>();
  for (const [hash, entry] of Object.entries(parsed.operations ?? {})) {
    if (typeof entry.document !== 'string' || sha256Hex(entry.document) !== hash) {
      throw new Error(`Configuration: ${file}: entry ${hash} is not the sha256 of its document`);
    }
    documents.set(hash, entry.document);
  }
  return documents;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

interface OperationBody {
  query?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
}

const refusal = (res: Response, status: number, code: string, message: string): void => {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
};

const NOT_IN_LIST = 'This gateway runs only the persisted operations of its safelist: send extensions.persistedQuery.sha256Hash of one of them';

/** Express middleware for /graphql, after the JSON body parser. */
export function persistedOperationsMiddleware(config: PersistedOperationsConfig): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (config.mode === 'off') return next();
    // A GET carries the operation in the query string; the safelist applies there too.
    const body = (req.method === 'GET' ? getOperation(req) : req.body) as OperationBody | OperationBody[] | undefined;
    if (Array.isArray(body)) {
      if (config.mode === 'safelist') return refusal(res, 400, 'PERSISTED_QUERY_NOT_IN_LIST', `${NOT_IN_LIST} (one operation per request)`);
      return next();
    }
    if (body === undefined || body === null || typeof body !== 'object') return next();
    const hash = body.extensions?.persistedQuery?.sha256Hash;
    const text = typeof body.query === 'string' ? body.query : undefined;
    if (text === undefined && typeof hash === 'string') {
      const document = config.documents.get(hash);
      if (document === undefined) {
        // accept: let Apollo answer PERSISTED_QUERY_NOT_FOUND (the client then sends the text).
        if (config.mode === 'safelist') return refusal(res, 400, 'PERSISTED_QUERY_NOT_IN_LIST', NOT_IN_LIST);
        return next();
      }
      if (req.method === 'GET') return refusal(res, 400, 'BAD_REQUEST', 'Send persisted operations by POST');
      body.query = document;
      return next();
    }
    if (config.mode === 'safelist' && (text === undefined || !config.documents.has(sha256Hex(text)))) {
      return refusal(res, 400, 'PERSISTED_QUERY_NOT_IN_LIST', NOT_IN_LIST);
    }
    next();
  };
}

function getOperation(req: Request): OperationBody {
  const query = req.query.query;
  const extensions = req.query.extensions;
  let parsed: OperationBody['extensions'];
  try {
    parsed = typeof extensions === 'string' ? (JSON.parse(extensions) as OperationBody['extensions']) : undefined;
  } catch {
    parsed = undefined;
  }
  return { query: typeof query === 'string' ? query : undefined, extensions: parsed };
}
