import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayContext } from './context';
import { InFlight, inFlightKey } from './in-flight';

const caller = { sub: 'u1', roles: ['SECAS_ADMIN' as const], partyId: null };
const options = (operation: 'query' | 'mutation', who = caller): GraphQLDataSourceProcessOptions<GatewayContext> =>
  ({
    kind: 'incoming operation',
    request: { query: '{ parties { id } }', variables: { first: 1 } },
    context: { caller: who, correlationId: 'c', logger: undefined },
    incomingRequestContext: { operation: { operation } },
  }) as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;

describe('in-flight sharing of identical subgraph queries', () => {
  it('shares a query of the same caller, never a mutation nor a query of another caller', () => {
    expect(inFlightKey(options('query'))).toBe(inFlightKey(options('query')));
    expect(inFlightKey(options('mutation'))).toBeNull();
    expect(inFlightKey(options('query', { ...caller, partyId: 'p1' } as never))).not.toBe(inFlightKey(options('query')));
    expect(inFlightKey(options('query', { ...caller, sub: 'u2' }))).not.toBe(inFlightKey(options('query')));
  });

  it('sends once for requests in flight together, and each gets its own copy', async () => {
    const inFlight = new InFlight();
    let sent = 0;
    let release: (value: { data: { n: number[] } }) => void = () => undefined;
    const send = () => {
      sent += 1;
      return new Promise<{ data: { n: number[] } }>((resolve) => (release = resolve));
    };
    const first = inFlight.run('k', send);
    const second = inFlight.run('k', send);
    release({ data: { n: [1] } });
    const [a, b] = await Promise.all([first, second]);
    expect(sent).toBe(1);
    (a.data as { n: number[] }).n.push(2);
    expect(b.data).toEqual({ n: [1] });
    // Once answered, the next request goes out again.
    const third = inFlight.run('k', send);
    release({ data: { n: [3] } });
    expect(await third).toEqual({ data: { n: [3] } });
    expect(sent).toBe(2);
  });
  it('copies before any waiter resumes, even when the first one changes its answer at once', async () => {
    const inFlight = new InFlight();
    let release: (value: { data: { n: number[] } }) => void = () => undefined;
    const send = () => new Promise<{ data: { n: number[] } }>((resolve) => (release = resolve));
    const first = inFlight.run('k', send).then((answer) => {
      (answer.data as { n: number[] }).n.push(99);
      return answer;
    });
    const others = [inFlight.run('k', send), inFlight.run('k', send)];
    release({ data: { n: [1] } });
    expect((await first).data).toEqual({ n: [1, 99] });
    for (const other of await Promise.all(others)) expect(other.data).toEqual({ n: [1] });
  });
});
