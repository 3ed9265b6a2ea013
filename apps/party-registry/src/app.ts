import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { Kind } from 'graphql';
import { guardResolvers } from '@sec-assure/auth';
import { TOPICS } from '@sec-assure/events';
import { requestTimeOf, startService, type ServiceHandle, type ServiceOptions } from '@sec-assure/service';
import { entities } from './entities';
import { migrations } from './migrations';
import { typeDefs } from './schema';
import { resolvers } from './resolvers';
import { createLoaders } from './queries/loaders';
import { ISSUED_COPIES_CONSUMER, projectIssuedCopies } from './events/issued-copies.handler';
import type { PartyRegistryConfig } from './config';
import type { Context } from './context';
import { policy } from './authorization/policy';
import { notificationsConsumer, startNotificationRounds } from './notifications/notifier';
import type { NotificationConfig } from './notifications/config';

/**
 * Only endEngagement reads the projection of issued copies (R-DIST-7): every other root field
 * answers at once instead of waiting for the consumer to catch up.
 */
const PROJECTION_READERS = new Set(['endEngagement']);
const projectionFreeFields = [
  '_entities',
  ...typeDefs.definitions.flatMap((d) =>
    d.kind === Kind.OBJECT_TYPE_DEFINITION && (d.name.value === 'Query' || d.name.value === 'Mutation')
      ? (d.fields ?? []).map((f) => f.name.value).filter((name) => !PROJECTION_READERS.has(name))
      : [],
  ),
];

/** party-registry as startService runs it, less its configuration (the test harness runs the same). */
export function partyRegistryService(
  settings: Pick<PartyRegistryConfig, 'noticePracticeThresholdWorkingDays' | 'calendar'> & { clock?: () => Date; notifications?: NotificationConfig },
): Omit<ServiceOptions<Context>, 'config'> {
  const clock = settings.clock ?? ((): Date => new Date());
  const notices = { practiceThresholdWorkingDays: settings.noticePracticeThresholdWorkingDays, calendar: settings.calendar };
  return {
    entities,
    migrations,
    typeDefs,
    // Every field behind its rule in authorization/policy.ts, whatever path reaches it.
    resolvers: guardResolvers('party-registry', typeDefs, resolvers, policy) as GraphQLResolverMap<unknown>,
    consumers: [
      { name: ISSUED_COPIES_CONSUMER, topics: [TOPICS.reportDistribution], handle: projectIssuedCopies },
      // Notices are queued only where they are sent: a deployment without SMTP keeps no queue.
      ...(settings.notifications?.enabled ? [notificationsConsumer(settings.clock)] : []),
    ],
    projectionFreeFields,
    context: (base, dataSource) => {
      return { ...base, ...requestTimeOf(clock()), dataSource, notices, ...createLoaders(dataSource) };
    },
  };
}

/** Starts party-registry: database and migrations, outbox relay, its projection of issued copies, GraphQL subgraph. */
export async function startPartyRegistry(config: PartyRegistryConfig & { clock?: () => Date }): Promise<ServiceHandle> {
  const handle = await startService<Context>({ config, ...partyRegistryService(config) });
  if (!config.notifications.enabled) return handle;
  const rounds = startNotificationRounds({ dataSource: handle.dataSource, logger: handle.logger, config: config.notifications, clock: config.clock, calendar: config.calendar });
  return {
    ...handle,
    stop: async () => {
      await rounds.stop();
      await handle.stop();
    },
  };
}
