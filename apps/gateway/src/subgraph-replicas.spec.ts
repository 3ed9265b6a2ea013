import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { GatewayContext } from './context';
import { isMutation, mayTryNextReplica, ReplicaPicker, ReplicatedDataSource, withReplicas } from './subgraph-replicas';

const A = 'http://127.0.0.1:4801/graphql';
const B = 'http://127.0.0.1:4811/graphql';
const C = 'http://127.0.0.1:4821/graphql';
const connectionError = (code: string): Error => Object.assign(new Error(code), { code });

describe('withReplicas (<NAME>_URLS)', () => {
  const subgraphs = [{ name: 'party-registry', url: 'http://127.0.0.1:4001/graphql', healthUrl: 'x' }];

  it('lists every replica of PARTY_REGISTRY_URLS, the first standing for the subgraph', () => {
    const [party] = withReplicas(subgraphs, { PARTY_REGISTRY_URLS: ` ${A}, ${B} ` });
    expect(party).toMatchObject({ url: A, replicas: [A, B] });
  });

  it('keeps the one URL when no replicas are listed', () => {
    expect(withReplicas(subgraphs, {})[0]!.replicas).toEqual(['http://127.0.0.1:4001/graphql']);
  });

  it('refuses a replica that is not a /graphql URL, or one listed twice, naming the variable', () => {
    expect(() => withReplicas(subgraphs, { PARTY_REGISTRY_URLS: `${A},ftp://x` })).toThrow(/PARTY_REGISTRY_URLS.*ftp:\/\/x/);
    expect(() => withReplicas(subgraphs, { PARTY_REGISTRY_URLS: `${A},${A}` })).toThrow(/PARTY_REGISTRY_URLS names a replica twice/);
  });
});

describe('ReplicaPicker', () => {
  it('takes the replicas in turn, each request trying the others after its own', () => {
    const picker = new ReplicaPicker([A, B, C]);
    expect([picker.order(), picker.order(), picker.order(), picker.order()]).toEqual([
      [A, B, C],
      [B, C, A],
      [C, A, B],
      [A, B, C],
    ]);
  });

  it('puts a replica that refused a connection last until its cool-down ends', () => {
    let now = 1_000;
    const picker = new ReplicaPicker([A, B], 2000, () => now);
    picker.markDown(A);
    expect([picker.order()[0], picker.order()[0]]).toEqual([B, B]);
    // still tried, last, so a request is never refused while any replica might answer
    expect(picker.order()).toEqual([B, A]);
    now += 2000;
    expect(picker.order()[0]).toBe(B);
    expect(picker.order()[0]).toBe(A);
  });

  it('refuses to run without replicas', () => {
    expect(() => new ReplicaPicker([])).toThrow(/at least one URL/);
  });
});

describe('mayTryNextReplica', () => {
  it('retries anything whose connection was never made', () => {
    expect(mayTryNextReplica(connectionError('ECONNREFUSED'), true)).toBe(true);
    expect(mayTryNextReplica(connectionError('UND_ERR_CONNECT_TIMEOUT'), true)).toBe(true);
  });

  it('retries a read cut by a dying replica, never a mutation (it may have committed)', () => {
    expect(mayTryNextReplica(connectionError('UND_ERR_SOCKET'), false)).toBe(true);
    expect(mayTryNextReplica(connectionError('ECONNRESET'), false)).toBe(true);
    expect(mayTryNextReplica(connectionError('UND_ERR_SOCKET'), true)).toBe(false);
    expect(mayTryNextReplica(connectionError('ECONNRESET'), true)).toBe(false);
  });

  it('never retries an answer from a subgraph, or an error without a code', () => {
    expect(mayTryNextReplica(new Error('500: Internal Server Error'), false)).toBe(false);
    expect(mayTryNextReplica(undefined, false)).toBe(false);
  });

  it('knows a mutation by the operation the query planner wrote', () => {
    expect(isMutation('mutation($a:RegisterPartyInput!){registerParty(input:$a){id}}')).toBe(true);
    expect(isMutation('query($r:[_Any!]!){_entities(representations:$r){__typename}}')).toBe(false);
    expect(isMutation('{parties{totalCount}}')).toBe(false);
  });
});

describe('ReplicatedDataSource', () => {
  type Outcome = 'ok' | Error;
  const source = (url: string, outcomes: Outcome[], calls: string[]): GraphQLDataSource<GatewayContext> => ({
    process: async () => {
      calls.push(url);
      const outcome = outcomes.shift() ?? 'ok';
      if (outcome !== 'ok') throw outcome;
      return { data: { from: url } } as GatewayGraphQLResponse;
    },
  });
  const request = (query: string): GraphQLDataSourceProcessOptions<GatewayContext> =>
    ({ request: { query }, context: {} }) as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;

  it('sends to the next replica when one refuses the connection, and keeps it aside after', async () => {
    const calls: string[] = [];
    const replicated = new ReplicatedDataSource(new ReplicaPicker([A, B]), new Map([[A, source(A, [connectionError('ECONNREFUSED')], calls)], [B, source(B, [], calls)]]));
    await expect(replicated.process(request('mutation{x}'))).resolves.toEqual({ data: { from: B } });
    await expect(replicated.process(request('{x}'))).resolves.toEqual({ data: { from: B } });
    expect(calls).toEqual([A, B, B]);
  });

  it('gives a mutation cut mid-request back to the client instead of sending it twice', async () => {
    const calls: string[] = [];
    const cut = connectionError('UND_ERR_SOCKET');
    const replicated = new ReplicatedDataSource(new ReplicaPicker([A, B]), new Map([[A, source(A, [cut], calls)], [B, source(B, [], calls)]]));
    await expect(replicated.process(request('mutation{x}'))).rejects.toBe(cut);
    expect(calls).toEqual([A]);
  });

  it('fails with the last connection error when no replica answers', async () => {
    const calls: string[] = [];
    const last = connectionError('ECONNREFUSED');
    const replicated = new ReplicatedDataSource(new ReplicaPicker([A, B]), new Map([[A, source(A, [connectionError('ECONNREFUSED')], calls)], [B, source(B, [last], calls)]]));
    await expect(replicated.process(request('{x}'))).rejects.toBe(last);
    expect(calls).toEqual([A, B]);
  });
});
