import { createHash } from 'node:crypto';

/** The one GraphQL request an internal identity is good for. */
export interface OperationBinding {
  query: string;
  variables?: Readonly<Record<string, unknown>> | null;
}

/** The audience of identities meant for one subgraph: a token for one cannot be used at another. */
export function subgraphAudience(subgraph: string): string {
  return `sec-assure-subgraph:${subgraph}`;
}

/**
 * Digest of the operation's text and variables. Variables are serialised with sorted keys, so the
 * gateway (which builds them as objects) and the subgraph (which parses them from JSON) agree.
 */
export function operationDigest(operation: OperationBinding): string {
  return createHash('sha256')
    .update(canonicalJson([operation.query, operation.variables ?? {}]))
    .digest('base64url');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Remembers the ids of identities already used until they expire, so one lifted from a log or a
 * proxy cannot be sent again. Memory is bounded by the traffic of one token lifetime.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  /** False when the id was already seen (and has not expired). */
  firstUse(id: string, expiresAtSeconds: number, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
    if (this.seen.size > 0 && this.seen.size % 1024 === 0) this.prune(nowSeconds);
    const known = this.seen.get(id);
    if (known !== undefined && known >= nowSeconds) return false;
    this.seen.set(id, expiresAtSeconds);
    return true;
  }

  private prune(nowSeconds: number): void {
    for (const [id, expiresAt] of this.seen) if (expiresAt < nowSeconds) this.seen.delete(id);
  }
}
