import { parse, type OperationDefinitionNode } from 'graphql';
import type { Caller } from '@sec-assure/auth';
import { operationLabel } from '@sec-assure/service';

/** An answer as the gateway sends it: what a waiting identical request can be sent as it is. */
export interface Answer {
  status: number;
  headers: ReadonlyArray<readonly [string, string]>;
  body: string;
}

/** The parts of a request that decide its answer, besides the caller. */
export interface OperationRequest {
  method: string;
  /** The JSON body (after the persisted-operation lookup). */
  body: unknown;
  /** The Accept header: it chooses the response's media type. */
  accept: string | undefined;
}

/** A query that may share answers (or a mutation, which never does), before the caller is known. */
export interface Candidate {
  /** The request's part of the key: Accept, operation name, text, variables, extensions; null for a mutation (never shared; it may still go along a direct route). */
  request: string | null;
  /** The query text. */
  query: string;
  /** `Query.parties`, … for the metrics of a request answered with a shared answer. */
  label: string;
  operationName: string | null;
  /** The operation's root field names, or null when its root selects through fragments (kept-answers.ts). */
  rootFields: readonly string[] | null;
}

/** A query the gateway may answer once for several identical requests of one caller in flight. */
export interface ShareableQuery extends Candidate {
  key: string;
}

/** Query texts whose operation kinds are known; beyond it the oldest is forgotten. */
const KNOWN_TEXTS = 1000;

/**
 * In-flight sharing of whole answers: while the gateway answers a query, an identical request of
 * the same caller (same subject, roles and party; same text, operation name, variables and
 * extensions; same Accept) waits for that answer instead of planning, fetching and serialising it
 * again. Only queries (never mutations), and only clean answers (status 200, no `errors`): an error
 * names the correlation id of the request it happened to, so each request then runs on its own.
 * It is the gateway-wide step of the per-subgraph sharing in `in-flight.ts`, under the same rule:
 * an answer only ever goes to a request that would have been given the very same answer.
 */
export class SharedAnswers {
  private readonly pending = new Map<string, Promise<Answer | null>>();
  private readonly operations = new Map<string, Map<string | null, KnownOperation> | null>();

  /** `enabled` false: every request runs on its own (GATEWAY_SHARE_IN_FLIGHT=false, to measure the sharing). */
  constructor(
    private readonly maxTokens: number,
    private readonly enabled = true,
  ) {}

  /** The request's part of the sharing key, or null when Apollo must run it (not a POST of one query or mutation). */
  candidate(request: OperationRequest): Candidate | null {
    if (request.method !== 'POST' || typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) return null;
    const { query, operationName, variables, extensions } = request.body as Record<string, unknown>;
    if (typeof query !== 'string' || (operationName !== undefined && operationName !== null && typeof operationName !== 'string')) return null;
    const known = this.operationOf(query, operationName ?? null);
    if (known === undefined || (known.operation.operation !== 'query' && known.operation.operation !== 'mutation')) return null;
    return {
      request: known.operation.operation === 'query' ? JSON.stringify([request.accept ?? null, operationName ?? null, query, variables ?? null, extensions ?? null]) : null,
      query,
      label: known.label,
      operationName: operationName ?? null,
      rootFields: known.rootFields,
    };
  }

  /** The whole key of a query: the caller's subject, roles and party, then the request's part (null: a mutation, never shared). */
  keyed(candidate: Candidate, caller: Caller): ShareableQuery | null {
    if (candidate.request === null) return null;
    return { ...candidate, key: `${JSON.stringify([caller.sub, [...caller.roles].sort(), caller.partyId])}${candidate.request}` };
  }

  /** The answer of an identical request in flight, once it is there (null: it was not shareable), or undefined when there is none. */
  joinable(key: string): Promise<Answer | null> | undefined {
    return this.enabled ? this.pending.get(key) : undefined;
  }

  /**
   * Runs `run` as the request others with `key` wait for; they get its `answer` when that is clean
   * (status 200, no errors), else null and run on their own.
   */
  async lead<T>(key: string, run: () => Promise<{ sent: T; answer: Answer | null }>): Promise<T> {
    let settle: (shared: Answer | null) => void = () => undefined;
    if (this.enabled) this.pending.set(key, new Promise((resolve) => (settle = resolve)));
    try {
      const { sent, answer } = await run();
      settle(answer !== null && isShareable(answer) ? answer : null);
      return sent;
    } catch (err) {
      settle(null);
      throw err;
    } finally {
      if (this.enabled) this.pending.delete(key);
    }
  }

  get inFlight(): number {
    return this.pending.size;
  }

  private operationOf(query: string, operationName: string | null): KnownOperation | undefined {
    let byName = this.operations.get(query);
    if (byName === undefined) {
      byName = operationsOf(query, this.maxTokens);
      if (this.operations.size >= KNOWN_TEXTS) this.operations.delete(this.operations.keys().next().value as string);
      this.operations.set(query, byName);
    }
    if (byName === null) return undefined;
    // As graphql-js picks it: the named one, or the only one when no name is given.
    if (operationName !== null) return byName.get(operationName);
    return byName.size === 1 ? [...byName.values()][0] : undefined;
  }
}

/** An operation of a known text, with its metrics label (worked out once per text). */
interface KnownOperation {
  operation: OperationDefinitionNode;
  label: string;
  rootFields: readonly string[] | null;
}

/** Operations of a document by name (null for an anonymous one), or null when it does not parse. */
function operationsOf(query: string, maxTokens: number): Map<string | null, KnownOperation> | null {
  try {
    const document = parse(query, { maxTokens, noLocation: true });
    const byName = new Map<string | null, KnownOperation>();
    for (const definition of document.definitions) {
      if (definition.kind === 'OperationDefinition') byName.set(definition.name?.value ?? null, { operation: definition, label: operationLabel(definition), rootFields: rootFieldsOf(definition) });
    }
    return byName;
  } catch {
    return null;
  }
}

function rootFieldsOf(operation: OperationDefinitionNode): readonly string[] | null {
  const fields: string[] = [];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== 'Field') return null;
    fields.push(selection.name.value);
  }
  return fields;
}

/** Status 200 and no top-level `errors` (a data field or alias named "errors" only makes it not shared). */
function isShareable(answer: Answer): boolean {
  return answer.status === 200 && !answer.body.includes('"errors":');
}
