import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { INTERNAL_IDENTITY_HEADER, signInternalIdentity, type InternalIdentitySigningKey } from '@sec-assure/auth';
import type { GatewayContext } from './context';
import { CORRELATION_HEADER } from './correlation';

/** Forwards the verified caller to a subgraph as a short-lived identity only the gateway can sign. */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string, private readonly identityKey: InternalIdentitySigningKey) {
    super({ url });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Health probes and composition-time requests carry no caller; they get no identity.
    if (!('caller' in context) || !context.caller) return;
    request.http?.headers.set(INTERNAL_IDENTITY_HEADER, await signInternalIdentity(context.caller, context.correlationId, this.identityKey));
    request.http?.headers.set(CORRELATION_HEADER, context.correlationId);
  }
}
