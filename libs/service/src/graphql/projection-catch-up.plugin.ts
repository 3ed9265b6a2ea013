import type { ApolloServerPlugin, GraphQLRequest, GraphQLResponse } from '@apollo/server';
import type { TopicEnds } from '@sec-assure/auth';

/** The service's projection catch-up (kafka-catch-up.ts), as the plugin uses it. */
export interface ProjectionGate {
  /** Waits (bounded) until the projections hold what was on their topics at the call. */
  wait(): Promise<boolean>;
  /**
   * The same wait, for a read that runs meanwhile: true when a read started at the call was
   * current, false when it must read again; null when the read must wait first.
   */
  alongside(): Promise<boolean> | null;
  /** For topics' ends the request brought: null when they are held already, else the wait (bounded). */
  reached(ends: TopicEnds): Promise<boolean> | null;
}

/**
 * Set on an answer given while this service's projections had not reached the topics' ends the
 * request brought (the bounded wait ran out): the gateway then keeps nothing of it
 * (apps/gateway/src/kept-answers.ts), since it may lack events those ends hold.
 */
export const PROJECTIONS_BEHIND_HEADER = 'x-projections-behind';

/**
 * Marks the context of a query run again: its wait is over. A property, not a WeakSet entry: Apollo
 * runs each operation with a shallow copy of the context it is given (its enumerable own properties).
 */
const CAUGHT_UP = Symbol('projections caught up');

/**
 * Every operation of a service that keeps projections waits (bounded) for its consumers to catch
 * up with the topics, so that a client never reads this service's view of a change that another
 * service has already confirmed as done.
 *
 * A request that brings the topics' ends the gateway read for it (a later call of a federated
 * query) waits only when this service's consumers have not stored them yet: no broker round trip.
 * Otherwise a query does not wait before it runs: it runs while the check asks the broker (a round
 * trip that would otherwise add to every read), and its answer is held until the check ends. In the rare case
 * the projections were behind when it started, it is run again, with a fresh context (per-request
 * loaders would otherwise answer from what the first run read), now that they have caught up. A
 * mutation waits first: it must never run twice.
 */
export function projectionCatchUpPlugin<TContext extends object>(
  gate: ProjectionGate,
  again: {
    /** A new context for the same caller and moment, for a query run again. */
    freshContext: (used: TContext) => TContext;
    /** Runs an operation through the whole server (its plugins, its error formatting). */
    execute: (request: GraphQLRequest, contextValue: TContext) => Promise<GraphQLResponse>;
    /** The topics' ends the gateway read for this request (signed with its identity), if any. */
    topicEndsOf?: (contextValue: TContext) => TopicEnds | undefined;
  },
  /** Root fields that read no projection (pure rules, say): no need to wait for them. */
  projectionFreeFields: readonly string[] = [],
): ApolloServerPlugin<TContext> {
  const free = new Set(['_service', ...projectionFreeFields]);
  return {
    async requestDidStart() {
      let heldAnswer: Promise<boolean> | null = null;
      let behind = false;
      return {
        async didResolveOperation({ operation, contextValue }) {
          // Federation's own probes (_service) and projection-free fields need no waiting.
          const needsNothing = !operation || operation.selectionSet.selections.every((s) => s.kind === 'Field' && free.has(s.name.value));
          if (needsNothing || (contextValue as Partial<Record<typeof CAUGHT_UP, true>>)[CAUGHT_UP]) return;
          // The gateway read the topics' ends after the client's request arrived: compared with what
          // the consumers here have stored, usually with nothing to wait for and no broker round trip.
          const ends = again.topicEndsOf?.(contextValue);
          if (ends) {
            behind = (await gate.reached(ends)) === false;
            return;
          }
          if (operation.operation === 'query') heldAnswer = gate.alongside();
          if (!heldAnswer) behind = !(await gate.wait());
        },
        async willSendResponse(requestContext) {
          if (behind) requestContext.response.http.headers.set(PROJECTIONS_BEHIND_HEADER, 'true');
          if (!heldAnswer || (await heldAnswer)) return;
          const contextValue = again.freshContext(requestContext.contextValue);
          Object.defineProperty(contextValue, CAUGHT_UP, { value: true, enumerable: true });
          const { request } = requestContext;
          const rerun = await again.execute(
            { query: requestContext.source, variables: request.variables, operationName: request.operationName, extensions: request.extensions, http: request.http },
            contextValue,
          );
          requestContext.response.body = rerun.body;
          requestContext.response.http.status = rerun.http.status;
          for (const [name, value] of rerun.http.headers) requestContext.response.http.headers.set(name, value);
        },
      };
    },
  };
}
