// Starts the OpenTelemetry SDK for one process: a tracer provider with W3C trace-context
// propagation, an exporter, and the automatic instrumentations. Must run before the instrumented
// modules (http, undici, graphql, pg, kafkajs) are first required: apps do it from the first
// import of their main.ts (src/tracing.ts).
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { BatchSpanProcessor, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { tracingConfigFromEnv } from './config';
import { createInstrumentations } from './instrumentations';

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

/** Starts tracing once per process; returns null when the configuration leaves it off. */
export function startTracing(options: StartTracingOptions): Tracing | null {
  if (started !== null) return started;
  const config = tracingConfigFromEnv(options.serviceName, options.env);
  if (options.exporter === undefined && config.mode === 'off') return null;
  const processor =
    options.exporter !== undefined
      ? new SimpleSpanProcessor(options.exporter)
      : // The exporter reads OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT and _HEADERS itself (OTLP/HTTP, JSON).
        new BatchSpanProcessor(new OTLPTraceExporter());
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName }),
    spanProcessors: [processor],
  });
  // Global provider, AsyncLocalStorage context and the W3C traceparent propagator.
  provider.register();
  const unregister = registerInstrumentations({ instrumentations: createInstrumentations(), tracerProvider: provider });
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
