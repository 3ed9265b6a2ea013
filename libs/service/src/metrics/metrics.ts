// Prometheus metrics of one service (prom-client, the de-facto Node client, rather than hand-made
// exposition text): process metrics, and GraphQL operations counted and timed per root field.
import type { ApolloServerPlugin } from '@apollo/server';
import type { Express } from 'express';
import type { OperationDefinitionNode } from 'graphql';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { isOperator } from '../http/health-routes';

export interface ServiceMetrics {
  registry: Registry;
  operations: Counter<'operation' | 'outcome'>;
  duration: Histogram<'operation'>;
}

/** How often the event loop's delay is sampled (prom-client's `eventLoopMonitoringPrecision`). */
export const EVENT_LOOP_SAMPLE_MS = 100;

export function createServiceMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  // The event-loop lag histogram samples on a timer: at prom-client's default 10 ms that is 100
  // wake-ups a second of every idle process, 6-10 CPU ms per second each on this machine (a bare
  // process 4, with it 10-14, at 100 ms 5-7). Sampled every 100 ms, a stall still shows.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
  return {
    registry,
    operations: new Counter({
      name: 'graphql_operations_total',
      help: 'GraphQL operations handled, by root field(s) and outcome (ok or error).',
      labelNames: ['operation', 'outcome'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'Time to answer a GraphQL operation, by root field(s).',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
}

/**
 * The label is `Query.party`, `Mutation.registerParty`, … (the root fields, which the schema bounds),
 * never the client-chosen operation name, so a caller cannot create unbounded series.
 */
export function operationLabel(operation: OperationDefinitionNode | undefined): string {
  if (operation === undefined) return 'unparsed';
  const type = operation.operation === 'query' ? 'Query' : operation.operation === 'mutation' ? 'Mutation' : 'Subscription';
  const fields = operation.selectionSet.selections.flatMap((s) => (s.kind === 'Field' ? [s.name.value] : []));
  return fields.length === 0 ? type : [...new Set(fields)].sort().map((f) => `${type}.${f}`).join(',');
}

export function metricsPlugin<TContext extends object>(metrics: ServiceMetrics): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const stopTimer = process.hrtime.bigint();
      return {
        async willSendResponse({ operation, response }) {
          const label = operationLabel(operation ?? undefined);
          const failed = response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
          metrics.operations.inc({ operation: label, outcome: failed ? 'error' : 'ok' });
          metrics.duration.observe({ operation: label }, Number(process.hrtime.bigint() - stopTimer) / 1e9);
        },
      };
    },
  };
}

/** GET /metrics in Prometheus text, for operators only (this machine or HEALTH_TOKEN), like health details. */
export function mountMetricsRoute(app: Express, metrics: ServiceMetrics, healthToken: string | undefined): void {
  app.get('/metrics', async (req, res) => {
    if (!isOperator(req, healthToken)) {
      res.status(403).type('text/plain').send('metrics are for operators: send x-health-token\n');
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
