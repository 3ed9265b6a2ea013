// Starts the OpenTelemetry SDK for one process: a tracer provider with W3C trace-context
// propagation, an exporter, and the automatic instrumentations. Must run before the instrumented
// modules (http, undici, graphql, pg, kafkajs) are first required: apps do it from the first
// import of their main.ts (src/tracing.ts).
//
// The SDK, the exporter and the instrumentations are required only when tracing starts: with
// tracing off (the default) a process never loads them, which keeps several MB of heap and a
// share of the start-up time out of every service. They are required synchronously (not by
// `import()`), because the instrumentations must be registered before the app's next import.
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { tracingConfigFromEnv } from './config';

export interface Tracing {
  /** Exports what is buffered and stops tracing. */
  shutdown(): Promise<void>;
  /** Exports what is buffered now (tests). */
  flush(): Promise<void>;
}

export interface StartTracingOptions {
  serviceName: string;
  /**
   * Export here, span by span, instead of the OTLP exporter (tests: an InMemorySpanExporter).
   * Given, tracing starts whatever the environment says.
   */
  exporter?: SpanExporter;
  env?: NodeJS.ProcessEnv;
}

let started: Tracing | null = null;

const loadSdk = () => ({
  node: require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node'),
  otlp: require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http'),
  instrumentation: require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation'),
  resources: require('@opentelemetry/resources') as typeof import('@opentelemetry/resources'),
  conventions: require('@opentelemetry/semantic-conventions') as typeof import('@opentelemetry/semantic-conventions'),
  ours: require('./instrumentations') as typeof import('./instrumentations'),
});

/** Starts tracing once per process; returns null when the configuration leaves it off. */
export function startTracing(options: StartTracingOptions): Tracing | null {
  if (started !== null) return started;
  const config = tracingConfigFromEnv(options.serviceName, options.env);
  if (options.exporter === undefined && config.mode === 'off') return null;
  const sdk = loadSdk();
  const processor =
    options.exporter !== undefined
      ? new sdk.node.SimpleSpanProcessor(options.exporter)
      : // The exporter reads OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT and _HEADERS itself (OTLP/HTTP, JSON).
        new sdk.node.BatchSpanProcessor(new sdk.otlp.OTLPTraceExporter());
  const provider = new sdk.node.NodeTracerProvider({
    resource: sdk.resources.resourceFromAttributes({ [sdk.conventions.ATTR_SERVICE_NAME]: config.serviceName }),
    spanProcessors: [processor],
  });
  // Global provider, AsyncLocalStorage context and the W3C traceparent propagator.
  provider.register();
  const unregister = sdk.instrumentation.registerInstrumentations({ instrumentations: sdk.ours.createInstrumentations(), tracerProvider: provider });
  started = {
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      unregister();
      await provider.shutdown();
      started = null;
    },
  };
  return started;
}
