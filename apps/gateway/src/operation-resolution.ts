import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode } from 'graphql';

// Which operation of the document to run is the client's choice; when it names none of them (several
// operations and no operationName, or a name the document lacks), or picks a subscription, Apollo's
// gateway executor throws a plain error that the error mask answers as INTERNAL_SERVER_ERROR with
// HTTP 500. Apollo Server's own answer without a gateway is OPERATION_RESOLUTION_FAILURE with 400: the
// same here, before anything is planned or sent, with a message that says what to send.

function operationNames(document: DocumentNode): string[] {
  return document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? '(anonymous)'] : []));
}

const refusal = (message: string, code = 'OPERATION_RESOLUTION_FAILURE'): GraphQLError =>
  new GraphQLError(message, { extensions: { code, http: { status: 400 } } });

/** The refusal of a request whose operation cannot run here, or null. Exported for its unit test. */
export function operationResolutionRefusal(document: DocumentNode, operationName: string | null | undefined, resolved: 'query' | 'mutation' | 'subscription' | undefined): GraphQLError | null {
  if (resolved === 'subscription') {
    return refusal('Subscriptions are not served at this endpoint: send a query or a mutation, and subscribe to the Kafka topics for changes.', 'BAD_REQUEST');
  }
  if (resolved !== undefined) return null;
  const names = operationNames(document);
  if (operationName) return refusal(`The document has no operation named "${operationName}": operationName must be one of ${names.join(', ')}.`);
  return refusal(`The document has ${names.length} operations (${names.join(', ')}): send operationName to say which one to run.`);
}

export function operationResolutionPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          const error = operationResolutionRefusal(document, request.operationName, operation?.operation);
          if (error) throw error;
        },
      };
    },
  };
}
