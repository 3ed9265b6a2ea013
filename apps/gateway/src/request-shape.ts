import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sha256Hex } from './persisted-operations';

// Two ways a body that is valid JSON still cannot be served, refused before anything reads it:
// - nesting deeper than any input of the schema needs: the gateway's and Apollo's walks over variables
//   are recursive, and 100,000 levels overflowed the stack (an INTERNAL_SERVER_ERROR, HTTP 500);
// - extensions.persistedQuery.sha256Hash beside a query text it is not the hash of: Apollo refused it
//   without a code (answered as an internal error), or not at all when the text was served from an
//   answer already in hand.

/** Far more than any input of contract.graphql nests (three levels); far less than a stack holds. */
export const MAX_BODY_DEPTH = 64;

const refuse = (res: Response, code: string, message: string): void => {
  res.status(400).json({ errors: [{ message, extensions: { code } }] });
};

/** Depth of a parsed JSON value (a scalar is 0), walked without recursion; stops counting past `limit`. */
export function jsonDepth(value: unknown, limit = MAX_BODY_DEPTH): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const inner = depth + 1;
    if (inner > deepest) deepest = inner;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, inner]);
    }
  }
  return deepest;
}

interface OperationBody {
  query?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } } | null;
}

function hashMismatch(body: unknown): boolean {
  if (body === null || typeof body !== 'object') return false;
  const { query, extensions } = body as OperationBody;
  const hash = extensions?.persistedQuery?.sha256Hash;
  return typeof query === 'string' && typeof hash === 'string' && sha256Hex(query) !== hash.toLowerCase();
}

/** Express middleware for /graphql, right after the JSON body parser. */
export function requestShapeMiddleware(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const body: unknown = req.body;
    if (body !== null && typeof body === 'object' && jsonDepth(body) > MAX_BODY_DEPTH) {
      return refuse(res, 'BAD_REQUEST', `The request body nests deeper than ${MAX_BODY_DEPTH} levels; no operation here takes input that deep.`);
    }
    if ((Array.isArray(body) ? body : [body]).some(hashMismatch)) {
      return refuse(res, 'BAD_REQUEST', 'extensions.persistedQuery.sha256Hash is not the SHA-256 (hex) of the query text sent with it: send the hash of that exact text, or leave the hash out.');
    }
    next();
  };
}
