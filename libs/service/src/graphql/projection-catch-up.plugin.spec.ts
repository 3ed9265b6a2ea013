import { ApolloServer, type GraphQLResponse } from '@apollo/server';
import type { TopicEnds } from '@sec-assure/auth';
import { PROJECTIONS_BEHIND_HEADER, projectionCatchUpPlugin, type ProjectionGate } from './projection-catch-up.plugin';

/** A projection whose value the consumer moves on; each context caches its first read (as loaders do). */
interface Ctx {
  id: number;
  cached?: number;
  /** The topics' ends the gateway signed into the request's identity. */
  ends?: TopicEnds;
}

function setUp(gate: ProjectionGate) {
  const projection = { value: 1, reads: 0, writes: 0 };
  let contexts = 0;
  const made = (ends?: TopicEnds): Ctx => ({ id: ++contexts, ...(ends ? { ends } : {}) });
  let server: ApolloServer<Ctx> | null = null;
  server = new ApolloServer<Ctx>({
    typeDefs: 'type Query { value: Int, rules: Int } type Mutation { bump: Int }',
    resolvers: {
      Query: {
        value: (_: unknown, __: unknown, ctx: Ctx) => {
          projection.reads += 1;
          ctx.cached ??= projection.value;
          return ctx.cached;
        },
        rules: () => 42,
      },
      Mutation: {
        bump: () => {
          projection.writes += 1;
          return projection.value;
        },
      },
    },
    plugins: [
      projectionCatchUpPlugin<Ctx>(
        gate,
        {
          freshContext: () => made(),
          execute: (request, contextValue) => (server as ApolloServer<Ctx>).executeOperation(request, { contextValue }),
          topicEndsOf: (contextValue) => contextValue.ends,
        },
        ['rules'],
      ),
    ],
  });
  return { server, projection, made };
}

const single = (response: GraphQLResponse): unknown => (response.body.kind === 'single' ? response.body.singleResult.data : undefined);

/** A gate whose check ends when the test says, moving the projection on first when told. */
function controlledGate(options: { current: boolean; behindAtStart?: boolean; endsHeld?: boolean; waitRunsOut?: boolean }) {
  const calls = { wait: 0, alongside: 0, reached: 0 };
  let end: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (end = resolve));
  const gate: ProjectionGate = {
    wait: async () => {
      calls.wait += 1;
      await ended;
      return true;
    },
    alongside: () => {
      calls.alongside += 1;
      if (options.behindAtStart) return null;
      return ended.then(() => options.current);
    },
    reached: () => {
      calls.reached += 1;
      return options.endsHeld ? null : ended.then(() => !options.waitRunsOut);
    },
  };
  return { gate, calls, end };
}

describe('projectionCatchUpPlugin (read-your-writes without a wait before each read)', () => {
  it('runs a query while the check runs, and holds its answer until the check ends', async () => {
    const { gate, calls, end } = controlledGate({ current: true });
    const { server, projection, made } = setUp(gate);
    await server.start();
    let answered = false;
    const response = server.executeOperation({ query: '{ value }' }, { contextValue: made() }).then((r) => {
      answered = true;
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(projection.reads).toBe(1);
    expect(answered).toBe(false);
    end();
    expect(single(await response)).toEqual({ value: 1 });
    expect(projection.reads).toBe(1);
    expect(calls).toEqual({ wait: 0, alongside: 1, reached: 0 });
    await server.stop();
  });

  it('runs the query again, with a fresh context, when the projections were behind as it started', async () => {
    const { gate, end } = controlledGate({ current: false });
    const { server, projection, made } = setUp(gate);
    await server.start();
    const response = server.executeOperation({ query: '{ value }' }, { contextValue: made() });
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The consumer stores the event the client had been told of; then the check ends.
    projection.value = 2;
    end();
    expect(single(await response)).toEqual({ value: 2 });
    expect(projection.reads).toBe(2);
    await server.stop();
  });

  it('waits first when the projections are known to be behind, and reads once', async () => {
    const { gate, calls, end } = controlledGate({ current: false, behindAtStart: true });
    const { server, projection, made } = setUp(gate);
    await server.start();
    const response = server.executeOperation({ query: '{ value }' }, { contextValue: made() });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(projection.reads).toBe(0);
    projection.value = 3;
    end();
    expect(single(await response)).toEqual({ value: 3 });
    expect(projection.reads).toBe(1);
    expect(calls).toEqual({ wait: 1, alongside: 1, reached: 0 });
    await server.stop();
  });

  it('a mutation waits before it runs, and runs once', async () => {
    const { gate, calls, end } = controlledGate({ current: false });
    const { server, projection, made } = setUp(gate);
    await server.start();
    const response = server.executeOperation({ query: 'mutation { bump }' }, { contextValue: made() });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(projection.writes).toBe(0);
    end();
    expect(single(await response)).toEqual({ bump: 1 });
    expect(projection.writes).toBe(1);
    expect(calls).toEqual({ wait: 1, alongside: 0, reached: 0 });
    await server.stop();
  });

  it('a projection-free field neither waits nor checks', async () => {
    const { gate, calls } = controlledGate({ current: false });
    const { server, made } = setUp(gate);
    await server.start();
    expect(single(await server.executeOperation({ query: '{ rules }' }, { contextValue: made() }))).toEqual({ rules: 42 });
    expect(calls).toEqual({ wait: 0, alongside: 0, reached: 0 });
    await server.stop();
  });

  const ends: TopicEnds = { 'sec.party-registry.v1': [4, 0, 9] };

  it('with the topics\' ends the gateway read, answers at once when the consumers hold them: no check, one read', async () => {
    const { gate, calls } = controlledGate({ current: false, endsHeld: true });
    const { server, projection, made } = setUp(gate);
    await server.start();
    expect(single(await server.executeOperation({ query: '{ value }' }, { contextValue: made(ends) }))).toEqual({ value: 1 });
    expect(projection.reads).toBe(1);
    expect(calls).toEqual({ wait: 0, alongside: 0, reached: 1 });
    await server.stop();
  });

  it('with the topics\' ends the gateway read, waits first when the consumers do not hold them yet, and reads once', async () => {
    const { gate, calls, end } = controlledGate({ current: false, endsHeld: false });
    const { server, projection, made } = setUp(gate);
    await server.start();
    const response = server.executeOperation({ query: '{ value }' }, { contextValue: made(ends) });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(projection.reads).toBe(0);
    projection.value = 5;
    end();
    expect(single(await response)).toEqual({ value: 5 });
    expect(projection.reads).toBe(1);
    expect(calls).toEqual({ wait: 0, alongside: 0, reached: 1 });
    await server.stop();
  });

  it('with the topics\' ends the gateway read, says so on the answer when the bounded wait ran out before the consumers held them (the gateway keeps nothing of it)', async () => {
    for (const waitRunsOut of [true, false]) {
      const { gate, end } = controlledGate({ current: false, endsHeld: false, waitRunsOut });
      const { server, made } = setUp(gate);
      await server.start();
      end();
      const response = await server.executeOperation({ query: '{ value }' }, { contextValue: made(ends) });
      expect(response.http.headers.get(PROJECTIONS_BEHIND_HEADER)).toBe(waitRunsOut ? 'true' : undefined);
      await server.stop();
    }
  });
});
