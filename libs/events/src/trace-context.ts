// W3C trace context across the outbox. The outbox breaks the automatic chain (the event commits
// with the request, Kafka gets it later from the relay), so the request's `traceparent` is stored
// with the row's Kafka headers, the relay publishes under it, and the consumer handles the event
// in a child span of it. Only @opentelemetry/api here: without a started SDK (tests, tracing off)
// every call below does nothing.
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type TextMapGetter } from '@opentelemetry/api';

const tracer = trace.getTracer('@sec-assure/events');

type HeaderValue = Buffer | string | (Buffer | string)[] | undefined;

/** Kafka headers arrive as Buffers; the propagators read strings. */
const kafkaHeaderGetter: TextMapGetter<Record<string, HeaderValue>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined ? undefined : first.toString();
  },
};

/** Adds the current trace context (`traceparent`, `tracestate`) to headers about to be stored. */
export function withTraceContext(headers: Record<string, string>): Record<string, string> {
  propagation.inject(context.active(), headers);
  return headers;
}

/** Runs `publish` in the trace context stored with an outbox row, so its producer span joins that trace. */
export function inStoredTraceContext<T>(headers: Record<string, string>, publish: () => Promise<T>): Promise<T> {
  return context.with(propagation.extract(ROOT_CONTEXT, headers), publish);
}

/**
 * Runs a consumer's handling of one event in a span: a child of the span the kafkajs
 * instrumentation opened for the message when it is loaded, else of the message's `traceparent`.
 */
export function inEventSpan<T>(name: string, headers: Record<string, HeaderValue> | undefined, attributes: Attributes, handle: () => Promise<T>): Promise<T> {
  const active = context.active();
  const instrumented = trace.getSpan(active) !== undefined;
  const parent: Context = instrumented ? active : propagation.extract(active, headers ?? {}, kafkaHeaderGetter);
  const kind = instrumented ? SpanKind.INTERNAL : SpanKind.CONSUMER;
  return tracer.startActiveSpan(name, { kind, attributes }, parent, async (span) => {
    try {
      return await handle();
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}
