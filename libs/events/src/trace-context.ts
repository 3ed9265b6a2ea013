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
 * Splits rows (in publishing order) into runs of consecutive rows that share a stored trace
 * context, so that a batch publish can run each run under its own context without reordering.
 * Without tracing no row has one: a single run.
 */
export function runsOfTraceContext<T extends { headers: Record<string, string> }>(rows: readonly T[]): T[][] {
  const runs: T[][] = [];
  for (const row of rows) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last[0]?.headers.traceparent === row.headers.traceparent) last.push(row);
    else runs.push([row]);
  }
  return runs;
}

/**
 * Runs a consumer's handling of one event in a span: a child of the message's `traceparent` (or
 * of the kafkajs instrumentation's span for that message, when it is loaded).
 */
export function inEventSpan<T>(name: string, headers: Record<string, HeaderValue> | undefined, attributes: Attributes, handle: () => Promise<T>): Promise<T> {
  const active = context.active();
  const fromMessage = propagation.extract(ROOT_CONTEXT, headers ?? {}, kafkaHeaderGetter);
  const messageTrace = trace.getSpanContext(fromMessage)?.traceId;
  // The instrumentation's span for this message when it is in the message's trace; not its span
  // for a whole fetched batch (a trace of its own), nor anything else that happens to be active.
  const instrumented = messageTrace !== undefined && trace.getSpanContext(active)?.traceId === messageTrace;
  const parent: Context = instrumented || messageTrace === undefined ? active : fromMessage;
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
