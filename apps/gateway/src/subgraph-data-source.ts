import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { INTERNAL_IDENTITY_HEADER, signInternalIdentity, type InternalIdentitySigningKey } from '@sec-assure/auth';
import type { GatewayContext } from './context';
import { CORRELATION_HEADER } from './correlation';

/**
 * Forwards the verified caller to a subgraph as a short-lived identity only the gateway can sign,
 * addressed to that subgraph and bound to the exact operation sent to it.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    url: string,
    private readonly identityKey: InternalIdentitySigningKey,
  ) {
    super({ url });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Health probes and composition-time requests carry no caller; they get no identity.
    if (!('caller' in context) || !context.caller) return;
    const identity = await signInternalIdentity(context.caller, context.correlationId, this.identityKey, {
      subgraph: this.subgraph,
      operation: { query: request.query ?? '', variables: request.variables ?? null },
    });
    request.http?.headers.set(INTERNAL_IDENTITY_HEADER, identity);
    request.http?.headers.set(CORRELATION_HEADER, context.correlationId);
  }
}
