import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Caller } from '@sec-assure/auth';
import { graphqlEndpoint } from './graphql-endpoint';
import { SharedAnswers } from './shared-answers';

interface Context {
  caller: Caller;
}

/** Callers by bearer token; any other token is refused as the gateway's context would. */
const CALLERS: Record<string, Caller> = {
  admin: { sub: 'admin', roles: ['SECAS_ADMIN'], partyId: null },
  party1: { sub: 'user', roles: ['PARTY_USER'], partyId: 'p1' },
  party2: { sub: 'user', roles: ['PARTY_USER'], partyId: 'p2' },
};

describe('the /graphql endpoint with whole answers shared in flight', () => {
  let server: http.Server;
  let url: string;
  let apollo: ApolloServer<Context>;
  const runs = { whoAmI: 0, failing: 0, register: 0 };
  const shared: string[] = [];
  // Resolvers wait for `open()`, so that requests are in flight together.
  let gate: Promise<void> = Promise.resolve();
  let arrived = 0;
  let open: () => void = () => undefined;
  const closeGate = (): void => {
    gate = new Promise((resolve) => (open = resolve));
  };

  beforeAll(async () => {
    apollo = new ApolloServer<Context>({
      typeDefs: 'type Query { whoAmI(tag: String): String failing: String } type Mutation { register: Int }',
      resolvers: {
        Query: {
          whoAmI: async (_: unknown, { tag }: { tag?: string }, { caller }: Context) => {
            runs.whoAmI += 1;
            await gate;
            return `${caller.sub}/${caller.partyId ?? '-'}/${tag ?? ''}`;
          },
          failing: async () => {
            runs.failing += 1;
            await gate;
            throw new GraphQLError('refused', { extensions: { code: 'FORBIDDEN' } });
          },
        },
        Mutation: {
          register: async () => {
            const n = (runs.register += 1);
            await gate;
            return n;
          },
        },
      },
    });
    await apollo.start();
    const app = express();
    let correlation = 0;
    app.use(
      '/graphql',
      (_req, res, next) => {
        arrived += 1;
        res.setHeader('x-correlation-id', `c${++correlation}`);
        next();
      },
      express.json(),
      graphqlEndpoint(apollo, {
        context: async (req) => {
          const caller = CALLERS[String(req.headers.authorization)];
          if (caller === undefined) throw new GraphQLError('who are you?', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
          return { caller };
        },
        sharing: { answers: new SharedAnswers(2000), callerOf: (context) => context.caller, answered: (context, _query, how) => { if (how === 'shared') shared.push(context.caller.sub); } },
      }),
    );
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await apollo.stop();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    runs.whoAmI = runs.failing = runs.register = 0;
    shared.length = 0;
  });

  const post = async (token: string, query: string, variables?: Record<string, unknown>) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ query, variables }) });
    return { status: response.status, correlationId: response.headers.get('x-correlation-id'), body: (await response.json()) as { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: string } }> } };
  };
  /** Sends all at once, lets them all arrive and wait in the resolvers (or for the first), then opens the gate. */
  const together = async <T>(requests: Array<() => Promise<T>>): Promise<T[]> => {
    closeGate();
    arrived = 0;
    const answers = requests.map((r) => r());
    while (arrived < requests.length) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 50));
    open();
    return Promise.all(answers);
  };

  it('runs an identical query of one caller once and answers each request, each with its own correlation id', async () => {
    const answers = await together(Array.from({ length: 5 }, () => () => post('admin', 'query($t: String) { whoAmI(tag: $t) }', { t: 'x' })));
    expect(runs.whoAmI).toBe(1);
    expect(shared).toHaveLength(4);
    for (const answer of answers) expect(answer).toMatchObject({ status: 200, body: { data: { whoAmI: 'admin/-/x' } } });
    expect(new Set(answers.map((a) => a.correlationId)).size).toBe(5);
  });

  it('never gives one caller the answer of another, nor of other variables', async () => {
    const answers = await together([
      () => post('party1', '{ whoAmI }'),
      () => post('party2', '{ whoAmI }'),
      () => post('admin', '{ whoAmI }'),
      () => post('admin', 'query($t: String) { whoAmI(tag: $t) }', { t: 'other' }),
    ]);
    expect(runs.whoAmI).toBe(4);
    expect(answers.map((a) => a.body.data?.whoAmI)).toEqual(['user/p1/', 'user/p2/', 'admin/-/', 'admin/-/other']);
  });

  it('runs every mutation, however identical', async () => {
    const answers = await together(Array.from({ length: 3 }, () => () => post('admin', 'mutation { register }')));
    expect(runs.register).toBe(3);
    expect(answers.map((a) => a.body.data?.register).sort()).toEqual([1, 2, 3]);
  });

  it('lets each request run on its own when the answer carries errors', async () => {
    const answers = await together(Array.from({ length: 3 }, () => () => post('admin', '{ failing }')));
    expect(runs.failing).toBeGreaterThanOrEqual(2);
    expect(shared).toHaveLength(0);
    for (const answer of answers) expect(answer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('answers a refused caller as Apollo does, and shares nothing with it', async () => {
    const [refused, admitted] = await together([() => post('nobody', '{ whoAmI }'), () => post('admin', '{ whoAmI }')]);
    expect(refused?.status).toBe(401);
    expect(refused?.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(admitted?.body.data?.whoAmI).toBe('admin/-/');
  });
});
