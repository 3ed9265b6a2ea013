// In-process harness for this service's integration tests: a throwaway database with the service's
// migrations, the subgraph schema executed without HTTP, and party-registry events applied through the
// projection's own handler (as the consumer would, in one transaction each).
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { guardResolvers, type Role } from '@sec-assure/auth';
import { buildEvent, TOPICS, type EventData, type EventType } from '@sec-assure/events';
import { createTestDatabase, testLogger, type TestDatabase } from '@sec-assure/events/testing';
import { createRuleSettings } from '@sec-assure/rules';
import { DEFAULT_TARIFF } from '../config';
import type { Context } from '../context';
import { entities } from '../entities';
import { migrations } from '../migrations';
import { projectPartyRegistry } from '../events/party-registry.handler';
import { determinationLoader } from '../queries/determination-loader';
import { assessmentLoader } from '../queries/assessment-loader';
import { resolvers } from '../resolvers';
import { policy } from '../authorization/policy';
import { typeDefs } from '../schema';

export interface GraphQLOutcome<T> {
  data: T | null | undefined;
  errors: Array<{ message: string; code: unknown }> | undefined;
}

export interface Harness {
  db: TestDatabase;
  exec<T = Record<string, any>>(
    caller: { roles: Role[]; partyId?: string | null },
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLOutcome<T>>;
  /** Applies a party-registry event as the projection consumer does; returns its envelope id. */
  project<T extends EventType>(type: T, data: EventData<T>): Promise<string>;
  /** Outbox rows of this service, oldest first. */
  outbox(): Promise<Array<{ type: string; key: string; payload: { data: Record<string, unknown> } }>>;
  stop(): Promise<void>;
}

export async function startHarness(today = '2026-01-15', rules = createRuleSettings()): Promise<Harness> {
  const db = await createTestDatabase({ prefix: 'assessment_scheduling', entities, migrations });
  const server = new ApolloServer<Context>({
    // As app.ts serves it: every field behind its rule.
    schema: buildSubgraphSchema({ typeDefs, resolvers: guardResolvers('assessment-scheduling', typeDefs, resolvers, policy) as GraphQLResolverMap<unknown> }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await server.start();
  const logger = testLogger();
  return {
    db,
    async exec(caller, query, variables) {
      const response = await server.executeOperation(
        { query, variables },
        {
          contextValue: {
            caller: { sub: `test-${caller.roles.join('-').toLowerCase()}`, roles: caller.roles, partyId: caller.partyId ?? null },
            correlationId: randomUUID(),
            logger,
            dataSource: db.dataSource,
            today,
            now: new Date(`${today}T12:00:00Z`),
            tariff: DEFAULT_TARIFF,
            rules,
            assessmentById: assessmentLoader(db.dataSource),
            determinations: determinationLoader(db.dataSource, rules.registry),
          },
        },
      );
      if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
      const { data, errors } = response.body.singleResult;
      return { data: data as never, errors: errors?.map((e) => ({ message: e.message, code: e.extensions?.code })) };
    },
    async project(type, data) {
      const event = buildEvent(type, data);
      await db.dataSource.transaction((manager) =>
        projectPartyRegistry(event as never, { manager, correlationId: undefined, logger, topic: TOPICS.partyRegistry, partition: 0, offset: '0' }),
      );
      return event.id;
    },
    async outbox() {
      return db.dataSource.query('SELECT type, key, payload FROM outbox_message ORDER BY seq');
    },
    async stop() {
      await server.stop();
      await db.drop();
    },
  };
}
