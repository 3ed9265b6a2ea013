import type { ApolloServerPlugin } from '@apollo/server';

/**
 * The gateway treats a non-2xx subgraph answer as an internal failure. A bad variable (say, an
 * impossible Date) is the client's mistake and must reach it as BAD_USER_INPUT, so a subgraph
 * answers such a refusal with 200 and the error in the body, as GraphQL over HTTP allows.
 */
export function inputErrorsAs200Plugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, errors }) {
          if (response.http.status === 400 && errors?.length && errors.every((e) => e.extensions?.code === 'BAD_USER_INPUT')) {
            response.http.status = 200;
          }
        },
      };
    },
  };
}
