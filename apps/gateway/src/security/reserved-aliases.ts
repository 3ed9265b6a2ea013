import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, visit, type DocumentNode, type FieldNode } from 'graphql';

/**
 * Aliases the gateway keeps for itself. To join an entity across subgraphs the query plan selects
 * its key (`id`, the only key in the supergraph) and `__typename` under their own names; a client
 * alias by either name on another field collides with them in a subgraph's answer, and Apollo
 * Gateway then fails the request (after a mutation was made) or answers the field null without an
 * error. Such a document is refused before anything runs, saying what to change.
 */
export function reservedAliasOf(field: Pick<FieldNode, 'alias' | 'name'>): string | null {
  const alias = field.alias?.value;
  if (alias === undefined || alias === field.name.value) return null;
  return alias === 'id' || alias.startsWith('__') ? alias : null;
}

// Apollo Server keeps one parsed document per query text, so each is walked once.
const refusals = new WeakMap<DocumentNode, GraphQLError | null>();

/** The refusal of a document that uses a reserved alias, or null. */
export function reservedAliasRefusal(document: DocumentNode): GraphQLError | null {
  let refusal = refusals.get(document);
  if (refusal === undefined) {
    refusal = null;
    visit(document, {
      Field(node) {
        const alias = reservedAliasOf(node);
        if (alias === null || refusal !== null) return;
        refusal = new GraphQLError(
          `The alias "${alias}" on field "${node.name.value}" is reserved: the gateway selects "id" and "__typename" under their own names to join data across services. Choose another alias (for example "${node.name.value}").`,
          { nodes: [node], extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } },
        );
      },
    });
    refusals.set(document, refusal);
  }
  return refusal;
}

/** Refuses, before execution, an operation that uses a reserved alias (BAD_USER_INPUT: nothing is made). */
export function reservedAliasesPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document }) {
          const refusal = reservedAliasRefusal(document);
          if (refusal) throw refusal;
        },
      };
    },
  };
}
