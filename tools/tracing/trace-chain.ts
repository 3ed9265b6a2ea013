/**
 * Shows one trace from the gateway to a consuming service. Starts tracing with an in-memory
 * exporter, then the whole system in this process (four subgraphs, the gateway; throwaway
 * databases; the real PostgreSQL and the broker of KAFKA_BROKERS), registers a party through the
 * gateway and waits for assessment-scheduling to handle its PartyRegistered event. Prints the
 * spans of that trace in start order and, last, one JSON line (`{"trace": ...}`) for tests.
 * Run in its own process: the instrumentations patch modules as they are required, which jest's
 * module registry bypasses. Usage: npx tsx tools/tracing/trace-chain.ts
 */
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startTracing } from '@sec-assure/telemetry';

export interface ChainSpan {
  name: string;
  kind: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  /** Which part of the system made it, from the port it served or called. */
  where: string;
  startMs: number;
}

export interface ChainReport {
  traceId: string;
  partyId: string;
  spans: ChainSpan[];
}

async function main(): Promise<void> {
  const exporter = new InMemorySpanExporter();
  const tracing = startTracing({ serviceName: 'sec-assure', exporter });
  if (tracing === null) throw new Error('tracing did not start');
  // Only now, and by require: the instrumented modules must load after tracing started, through
  // the CommonJS loader the instrumentations hook (a dynamic import() would bypass it).
  const { startSystem, eventually } = require('../e2e/src/system') as typeof import('../e2e/src/system');
  const system = await startSystem();
  try {
    const ports = new Map<number, string>([[system.gateway.port, 'gateway'], ...Object.entries(system.services).map(([name, s]) => [s.port, name] as [number, string])]);
    const admin = await system.token('SECAS_ADMIN');
    const registered = await system.query<{ registerParty: { id: string } }>(
      admin,
      `mutation RegisterParty($input: RegisterPartyInput!) { registerParty(input: $input) { id } }`,
      { input: { name: `Traced Supplier ${Date.now()}`, userRoles: ['IMPORT_SUPPLIER'], rolesEffectiveFrom: '2024-01-01', domesticPremises: 300000, premisesEffectiveFrom: '2024-01-01' } },
    );
    if (registered.errors || !registered.data) throw new Error(`registerParty failed: ${JSON.stringify(registered.errors)}`);
    const partyId = registered.data.registerParty.id;
    // The consumer's span, for this party's event, in assessment-scheduling.
    const handled = await eventually(async () =>
      exporter
        .getFinishedSpans()
        // The broker's topics are shared: other runs' events pass through this consumer too.
        .find((s) => s.attributes['sec.event.subject'] === partyId && String(s.attributes['messaging.consumer.group.name']).endsWith('.assessment-scheduling.party-projection')),
      // Long enough for a consumer behind other runs' events on a busy shared broker.
      180_000,
    );
    const traceId = handled.spanContext().traceId;
    // The kafkajs instrumentation's message span ends after the handler's, once the offset is committed.
    const parentId = handled.parentSpanContext?.spanId;
    await eventually(async () => parentId === undefined || exporter.getFinishedSpans().some((s) => s.spanContext().spanId === parentId), 10_000).catch(() => undefined);
    await tracing.flush();
    const spans = describeAll(
      exporter
        .getFinishedSpans()
        .filter((s) => s.spanContext().traceId === traceId)
        .sort((a, b) => toMs(a) - toMs(b)),
      ports,
    );
    const report: ChainReport = { traceId, partyId, spans };
    const t0 = spans[0]?.startMs ?? 0;
    for (const s of spans) {
      console.log(`${String(Math.round(s.startMs - t0)).padStart(5)} ms  ${s.where.padEnd(22)} ${s.kind.padEnd(8)} ${s.spanId} <- ${(s.parentSpanId ?? '-').padEnd(16)} ${s.name}`);
    }
    console.log(`${spans.length} spans in trace ${traceId}`);
    console.log(JSON.stringify({ trace: report }));
  } finally {
    await system.stop();
    await tracing.shutdown();
  }
}

const toMs = (span: ReadableSpan): number => span.startTime[0] * 1000 + span.startTime[1] / 1e6;

/** Names where each span ran: a server span by its port, a consumer span by its group, others by their parent. */
function describeAll(spans: ReadableSpan[], ports: Map<number, string>): ChainSpan[] {
  const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
  const ownWhere = (span: ReadableSpan): string | undefined => {
    const group = span.attributes['messaging.consumer.group.name'];
    if (span.kind === SpanKind.SERVER) return ports.get(Number(span.attributes['server.port']));
    if (typeof group === 'string') return group.split('.')[1]; // groups are <run>.<service>.<consumer>
    return span.kind === SpanKind.CONSUMER ? 'kafka consumer' : undefined;
  };
  const whereOf = (span: ReadableSpan | undefined): string | undefined => {
    if (span === undefined) return undefined;
    return ownWhere(span) ?? whereOf(byId.get(span.parentSpanContext?.spanId ?? ''));
  };
  return spans.map((span) => {
    const calledPort = /:(\d+)\//.exec(String(span.attributes['url.full'] ?? ''))?.[1];
    let where = whereOf(span) ?? span.instrumentationScope.name.replace('@opentelemetry/instrumentation-', '');
    if (span.kind === SpanKind.CLIENT && calledPort !== undefined) where = `${where} -> ${ports.get(Number(calledPort)) ?? calledPort}`;
    return {
      name: span.name,
      kind: SpanKind[span.kind] ?? String(span.kind),
      traceId: span.spanContext().traceId,
      spanId: span.spanContext().spanId,
      parentSpanId: span.parentSpanContext?.spanId ?? null,
      where,
      startMs: toMs(span),
    };
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
