import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { INTERNAL_IDENTITY_HEADER, signInternalIdentity, type InternalIdentitySigningKey } from '@sec-assure/auth';
import { PROJECTIONS_BEHIND_HEADER } from '@sec-assure/service';
import type { GatewayContext } from './context';
import { CORRELATION_HEADER } from './correlation';
import { inFlightKey, InFlight } from './in-flight';
import { postJson, type SubgraphHttp } from './subgraph-http';
import type { TopicEndsReader } from './topic-ends';
import { endsKey } from './kept-answers';

/**
 * Forwards the verified caller to a subgraph as a short-lived identity only the gateway can sign,
 * addressed to that subgraph and bound to the exact operation sent to it.
 *
 * It replaces Apollo's RemoteGraphQLDataSource (same request, same error shapes) for speed,
 * measured with `tools/bench/system-bench.ts`:
 * - requests go out through a keep-alive undici pool instead of make-fetch-happen and node-fetch;
 * - identical queries of the same caller in flight at once share one subgraph call (never
 *   mutations, never across callers: the key holds the caller's whole identity);
 * - a query's later calls carry the topics' ends the gateway read meanwhile (topic-ends.ts), so
 *   those subgraphs need no broker round trip of their own for read-your-writes.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly inFlight = new InFlight<GatewayGraphQLResponse>();

  constructor(
    private readonly subgraph: string,
    private readonly url: string,
    private readonly identityKey: InternalIdentitySigningKey,
    private readonly http: SubgraphHttp,
    /** False: no call is shared (GATEWAY_SHARE_IN_FLIGHT=false, to measure the sharing). */
    private readonly shareInFlight = true,
    /** Reads the topics' ends for a query's later calls (null: each subgraph asks the broker itself). */
    private readonly topicEnds: TopicEndsReader | null = null,
  ) {}

  process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const key = this.shareInFlight ? inFlightKey(options) : null;
    const holder = 'caller' in options.context ? (options.context as Partial<GatewayContext>).topicEnds : undefined;
    // The shared call carries the first request's correlation id; each request's own gateway
    // log line still carries its own. A call that carries topics' ends shares only with calls on
    // the same ends: one sent before they were read may not hold what they hold.
    const sent = key === null ? this.send(options) : this.inFlight.run(holder?.value ? `${key}${endsKey(holder.value)}` : key, () => this.send(options));
    if (holder === undefined) return sent;
    return sent.then((response) => {
      if (response.http?.headers.get(PROJECTIONS_BEHIND_HEADER)) holder.behind = true;
      return response;
    });
  }

  private async send({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    if (!request.query) throw new Error('Missing query');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    // Health probes and composition-time requests carry no caller; they get no identity.
    if ('caller' in context && context.caller) {
      const { caller, correlationId, topicEnds: holder } = context as GatewayContext;
      const topicEnds = holder && this.topicEnds ? await this.topicEnds.forCall(holder) : undefined;
      headers[INTERNAL_IDENTITY_HEADER] = await signInternalIdentity(
        caller,
        correlationId,
        this.identityKey,
        { subgraph: this.subgraph, operation: { query: request.query, variables: request.variables ?? null } },
        topicEnds ? { topicEnds } : {},
      );
      headers[CORRELATION_HEADER] = correlationId;
    }
    const { http: _http, ...body } = request;
    const response = await postJson(this.http, this.url, headers, JSON.stringify(body));
    if (response.status < 200 || response.status > 299) {
      // The error Apollo's data source raises, so clients see what they saw before.
      throw new GraphQLError(`${response.status}: ${response.statusText}`, {
        extensions: {
          response: { url: this.url, status: response.status, statusText: response.statusText, body: response.body },
          ...(response.status === 401 ? { code: 'UNAUTHENTICATED' } : response.status === 403 ? { code: 'FORBIDDEN' } : {}),
        },
      });
    }
    if (typeof response.body !== 'object' || response.body === null) {
      throw new Error(`Expected JSON response body, but received: ${String(response.body)}`);
    }
    return { ...(response.body as GatewayGraphQLResponse), http: { headers: response.headers, status: response.status } };
  }
}
