// The one in-process harness of every subgraph: the service's own definition (entities, migrations,
// schema, guarded resolvers, consumers, context) on a throwaway database, GraphQL executed without
// HTTP as the server would (domain refusals mapped by the same edge), `_entities` included, and
// events applied through the service's own consumer handlers. HTTP and Kafka stay in tools/e2e.
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { DataSource } from 'typeorm';
import type { Caller } from '@sec-assure/auth';
import { buildEvent, definitionOf, type EventData, type EventEnvelope, type EventType } from '@sec-assure/events';
import { createTestDatabase, testLogger, type TestDatabase } from '@sec-assure/events/testing';
import { inputGuardPlugin, requestTimeOf, shortenEchoedValues, subgraphSchema, type BaseContext, type Logger, type ServiceOptions } from '@sec-assure/service';

/** What a service passes to startService, less its configuration. */
export type ServiceDefinition<TContext extends BaseContext> = Omit<ServiceOptions<TContext>, 'config'>;

export interface GqlError {
  message: string;
  /** `extensions.code`, at hand. */
  code?: string;
  extensions?: { code?: string; field?: string; [key: string]: unknown };
  /** Where in the answer the error belongs (a field's path). */
  path?: ReadonlyArray<string | number>;
}

export interface GqlResult<T> {
  data?: T | null;
  errors?: GqlError[];
}

/** A caller as the gateway vouches for it; `sub` defaults to one naming the roles. */
export type TestCaller = Omit<Caller, 'sub' | 'partyId'> & { sub?: string; partyId?: string | null };

export interface SubgraphHarness {
  db: TestDatabase;
  dataSource: DataSource;
  logger: Logger;
  /** Executes an operation as the gateway's verified caller would, in-process. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test that names no shape reads the answer loosely
  gql<T = Record<string, any>>(caller: TestCaller, query: string, variables?: Record<string, unknown>, correlationId?: string): Promise<GqlResult<T>>;
  /** Federation's entity resolution: `_entities` for `representations`, each selected as `... on <typename> { selection }`. */
  entities<T = Record<string, unknown>>(caller: TestCaller, typename: string, selection: string, representations: Array<Record<string, unknown>>): Promise<GqlResult<{ _entities: Array<T | null> }>>;
  /** Applies an event through every consumer of the service subscribed to its topic, each in one transaction (as the consumer does). */
  deliver(event: EventEnvelope<EventType>): Promise<void>;
  /** Builds the event (`buildEvent`) and delivers it; returns its id. */
  publish<T extends EventType>(type: T, data: EventData<T>, options?: Parameters<typeof buildEvent>[2]): Promise<string>;
  /** This service's outbox rows, oldest first. */
  outbox(where?: string): Promise<Array<{ id: string; type: string; key: string; payload: { data: Record<string, unknown> }; headers: Record<string, string> }>>;
  /** Rows per table: a refused mutation must leave every count as it was. */
  counts(tables: readonly string[]): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** The service's clock (default: now). */
  now?: () => Date;
  /** Or a fixed day: the clock reads noon UTC of it. */
  today?: string;
}

export const ADMIN: Caller = { sub: 'admin-1', roles: ['SECAS_ADMIN'], partyId: null };
export const SSC: Caller = { sub: 'ssc-1', roles: ['SSC_MEMBER'], partyId: null };
export const CIO: Caller = { sub: 'cio-1', roles: ['USER_CIO'], partyId: null };
export const partyUser = (partyId: string): Caller => ({ sub: `user-of-${partyId}`, roles: ['PARTY_USER'], partyId });

export async function startSubgraphHarness<TContext extends BaseContext>(
  service: string,
  definition: ServiceDefinition<TContext>,
  options: HarnessOptions = {},
): Promise<SubgraphHarness> {
  const db = await createTestDatabase({ prefix: service.replace(/-/g, '_'), entities: definition.entities, migrations: definition.migrations });
  const { dataSource } = db;
  // The server's own input guard and error shortening (libs/service subgraph-server), so refusals read as they do over HTTP.
  const server = new ApolloServer<TContext>({
    schema: subgraphSchema(definition.typeDefs, definition.resolvers),
    formatError: shortenEchoedValues,
    plugins: [ApolloServerPluginInlineTraceDisabled(), inputGuardPlugin<TContext>()],
  });
  await server.start();
  const logger = testLogger();
  const fixed = options.today;
  const clock = options.now ?? (fixed ? (): Date => new Date(`${fixed}T12:00:00Z`) : (): Date => new Date());

  async function gql<T>(who: TestCaller, query: string, variables: Record<string, unknown> = {}, correlationId: string = randomUUID()): Promise<GqlResult<T>> {
    const caller: Caller = { sub: who.sub ?? `test-${who.roles.join('-').toLowerCase()}`, roles: who.roles, partyId: who.partyId ?? null };
    const contextValue = definition.context(
      { caller, correlationId, logger, ...requestTimeOf(clock()), awaitProjections: async () => true },
      dataSource,
    );
    const response = await server.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    const { data, errors } = response.body.singleResult;
    // As a client reads it over HTTP: plain JSON (no class instances, no undefined members).
    const plain = JSON.parse(JSON.stringify({ data, errors })) as GqlResult<T>;
    return { data: plain.data, errors: plain.errors?.map((e) => ({ ...e, code: e.extensions?.code })) };
  }

  // As libs/events startConsumer applies it: once per (consumer, event id), the processed_event row
  // and the effect in one transaction, so a redelivered event changes nothing.
  async function deliver(event: EventEnvelope<EventType>): Promise<void> {
    const topic = definitionOf(event.type).topic;
    for (const consumer of definition.consumers.filter((c) => c.topics.includes(topic))) {
      await dataSource.transaction(async (manager) => {
        const fresh = (await manager.query(
          `INSERT INTO processed_event (consumer_name, event_id, event_type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`,
          [consumer.name, event.id, event.type],
        )) as unknown[];
        if (fresh.length === 0) return;
        await consumer.handle(event as never, { manager, correlationId: undefined, logger, topic, partition: 0, offset: '0' });
      });
    }
  }

  return {
    db,
    dataSource,
    logger,
    gql,
    entities: (caller, typename, selection, representations) =>
      gql(caller, `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${selection} } } }`, { r: representations }),
    deliver,
    async publish(type, data, eventOptions) {
      const event = buildEvent(type, data, eventOptions);
      await deliver(event as EventEnvelope<EventType>);
      return event.id;
    },
    outbox: (where = 'TRUE') => dataSource.query(`SELECT id, type, key, payload, headers FROM outbox_message WHERE ${where} ORDER BY seq`),
    async counts(tables) {
      const out: Record<string, number> = {};
      for (const table of tables) {
        const [row] = (await dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)) as Array<{ n: number }>;
        out[table] = row?.n ?? 0;
      }
      return out;
    },
    async stop() {
      await server.stop();
      await db.drop();
    },
  };
}
