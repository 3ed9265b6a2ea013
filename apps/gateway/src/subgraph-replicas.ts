import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { GatewayContext } from './context';
import type { SubgraphEndpoint } from './config';
import { checkSubgraphs, type GatewayHealth } from './health';
import { CUT_CODES, NOT_SENT_CODES, UnavailableAnswer } from './subgraph-unavailable';

/**
 * Several replicas of a subgraph behind the gateway: `<NAME>_URLS=a,b` (e.g. `PARTY_REGISTRY_URLS`)
 * instead of `<NAME>_URL`. Requests go round-robin; a replica that refuses the connection is
 * skipped for a short while and the request goes to the next. The replicas share their database
 * and their consumer groups, so any of them can answer any request (README "What scales how").
 */

const URL_PATTERN = /^https?:\/\/.+\/graphql$/;

/** Adds each subgraph's replica URLs: `<NAME>_URLS` when set, else its one URL. */
export function withReplicas<T extends { name: string; url: string }>(subgraphs: readonly T[], env: NodeJS.ProcessEnv): Array<T & { replicas: string[] }> {
  return subgraphs.map((subgraph) => {
    const variable = `${subgraph.name.toUpperCase().replace(/-/g, '_')}_URLS`;
    const listed = (env[variable] ?? '').split(',').map((u) => u.trim()).filter((u) => u.length > 0);
    for (const url of listed) {
      if (!URL_PATTERN.test(url)) throw new Error(`Configuration: ${variable} holds "${url}", which is not an http(s) URL ending in /graphql`);
    }
    if (new Set(listed).size !== listed.length) throw new Error(`Configuration: ${variable} names a replica twice`);
    // The first replica stands for the subgraph where one URL is wanted.
    return listed.length > 0 ? { ...subgraph, url: listed[0]!, replicas: listed } : { ...subgraph, replicas: [subgraph.url] };
  });
}

/** Round-robin over the replicas, those that recently refused a connection last. */
export class ReplicaPicker {
  private turn = 0;
  private readonly downUntil = new Map<string, number>();

  constructor(
    readonly urls: readonly string[],
    private readonly cooldownMs = 2000,
    private readonly now: () => number = Date.now,
  ) {
    if (urls.length === 0) throw new Error('ReplicaPicker needs at least one URL');
  }

  /** Every replica, in the order to try them for one request. */
  order(): string[] {
    const start = this.turn;
    this.turn = (this.turn + 1) % this.urls.length;
    const rotated = [...this.urls.slice(start), ...this.urls.slice(0, start)];
    const time = this.now();
    const up = rotated.filter((url) => (this.downUntil.get(url) ?? 0) <= time);
    // Down replicas are still tried, last: one may be back before its cool-down ends.
    return [...up, ...rotated.filter((url) => !up.includes(url))];
  }

  markDown(url: string): void {
    this.downUntil.set(url, this.now() + this.cooldownMs);
  }
}


/**
 * Whether another replica may be asked after this failure. A connection that was never made is
 * always safe. A connection cut under the request (the replica died) is safe only for a read: a
 * mutation may have committed before the replica died, and sending it again could apply it twice,
 * so the client gets the error and decides.
 */
export function mayTryNextReplica(error: unknown, mutation: boolean): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return NOT_SENT_CODES.has(code) || (!mutation && CUT_CODES.has(code));
}

/** The operation a subgraph request carries, as the gateway's query planner writes it. */
export const isMutation = (query: string | undefined): boolean => /^\s*mutation\b/.test(query ?? '');

/** One data source per replica behind one picker. */
export class ReplicatedDataSource implements GraphQLDataSource<GatewayContext> {
  constructor(
    private readonly picker: ReplicaPicker,
    private readonly replicas: ReadonlyMap<string, GraphQLDataSource<GatewayContext>>,
  ) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const mutation = isMutation(options.request.query);
    let lastError: unknown;
    for (const url of this.picker.order()) {
      const source = this.replicas.get(url);
      if (source === undefined) continue;
      try {
        return await source.process(options);
      } catch (error) {
        if (!mayTryNextReplica(error, mutation)) throw error;
        this.picker.markDown(url);
        lastError = error;
      }
    }
    throw lastError;
  }
}

/** The data source of a subgraph: the plain one for a single URL, a replicated one otherwise. */
export function replicatedDataSource(replicas: readonly string[], create: (url: string) => GraphQLDataSource<GatewayContext>): GraphQLDataSource<GatewayContext> {
  if (replicas.length === 1) return new UnavailableAnswer(create(replicas[0]!));
  return new UnavailableAnswer(new ReplicatedDataSource(new ReplicaPicker(replicas), new Map(replicas.map((url) => [url, create(url)]))));
}

/** Readiness: a subgraph is ready when at least one of its replicas is; each replica is listed. */
export async function checkSubgraphReplicas(subgraphs: ReadonlyArray<SubgraphEndpoint & { replicas?: readonly string[] }>): Promise<GatewayHealth & { replicas: Record<string, GatewayHealth['subgraphs']> }> {
  const probes = subgraphs.flatMap((s) =>
    (s.replicas ?? [s.url]).map((url) => ({ subgraph: s.name, endpoint: { name: url, url, healthUrl: url.replace(/\/graphql$/, '/health/ready') } })),
  );
  const results = await checkSubgraphs(probes.map((p) => p.endpoint));
  const replicas: Record<string, GatewayHealth['subgraphs']> = {};
  for (const { subgraph, endpoint } of probes) (replicas[subgraph] ??= {})[endpoint.url] = results.subgraphs[endpoint.url]!;
  const summary = Object.fromEntries(
    Object.entries(replicas).map(([name, each]) => {
      const ready = Object.values(each).filter((r) => r.ok);
      return [name, ready.length > 0 ? { ok: true, status: 200 } : { ...Object.values(each)[0], ok: false }];
    }),
  ) as GatewayHealth['subgraphs'];
  const unhealthy = Object.entries(summary).filter(([, r]) => !r.ok).map(([name]) => name);
  return { status: unhealthy.length ? 'unhealthy' : 'ok', subgraphs: summary, unhealthy, replicas };
}
