import type { ApolloServerPlugin } from '@apollo/server';

/**
 * Every operation of a service that keeps projections waits (bounded) for its consumers to catch
 * up with the topics first, so that a client never reads this service's view of a change that
 * another service has already confirmed as done.
 */
export function projectionCatchUpPlugin<TContext extends object>(catchUp: () => Promise<boolean>): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          // Federation's own probes (_service) need no projection.
          const probe = !operation || operation.selectionSet.selections.every((s) => s.kind === 'Field' && s.name.value === '_service');
          if (!probe) await catchUp();
        },
      };
    },
  };
}
