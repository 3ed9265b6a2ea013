// The automatic instrumentations, tuned so that a trace is a request or an event, not noise:
// health and metrics scrapes are not traced, and database queries or outgoing calls with no
// traced work around them (the relay's polling, readiness probes) start no trace of their own.
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';

const UNTRACED_PATHS = /^\/(health|metrics)(\/|\?|$)/;

export function createInstrumentations(): Instrumentation[] {
  return [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? ''),
      // Outgoing calls are traced by undici (the gateway's subgraph pool and fetch).
      ignoreOutgoingRequestHook: () => true,
    }),
    new UndiciInstrumentation({ requireParentforSpans: true }),
    // One span per operation phase (parse, validate, execute), not per field.
    new GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, ignoreResolveSpans: true, mergeItems: true }),
    new PgInstrumentation({ requireParentSpan: true }),
    new KafkaJsInstrumentation(),
  ];
}
