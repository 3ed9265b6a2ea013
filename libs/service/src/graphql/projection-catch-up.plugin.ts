import type { ApolloServerPlugin } from '@apollo/server';

/**
 * Every operation of a service that keeps projections waits (bounded) for its consumers to catch
 * up with the topics first, so that a client never reads this service's view of a change that
 * another service has already confirmed as done.
 */
export function projectionCatchUpPlugin<TContext extends object>(
  catchUp: () => Promise<boolean>,
  /** Root fields that read no projection (pure rules, say): no need to wait for them. */
  projectionFreeFields: readonly string[] = [],
): ApolloServerPlugin<TContext> {
  const free = new Set(['_service', ...projectionFreeFields]);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          // Federation's own probes (_service) and projection-free fields need no waiting.
          const needsNothing = !operation || operation.selectionSet.selections.every((s) => s.kind === 'Field' && free.has(s.name.value));
          if (!needsNothing) await catchUp();
        },
      };
    },
  };
}
