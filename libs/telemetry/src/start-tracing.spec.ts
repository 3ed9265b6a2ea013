import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';

// Which of the SDK's packages a test made the module under test load.
const loaded: string[] = [];
const recordLoad = (name: string): void => {
  jest.doMock(name, () => {
    loaded.push(name);
    return jest.requireActual(name);
  });
};

describe('startTracing', () => {
  let startTracing: typeof import('./start-tracing').startTracing;

  beforeEach(() => {
    loaded.length = 0;
    jest.resetModules();
    for (const name of ['@opentelemetry/sdk-trace-node', '@opentelemetry/exporter-trace-otlp-http', '@opentelemetry/instrumentation-http']) recordLoad(name);
    ({ startTracing } = jest.requireActual<typeof import('./start-tracing')>('./start-tracing'));
  });

  it('with tracing off, starts nothing and never loads the SDK, the exporter or the instrumentations', () => {
    expect(startTracing({ serviceName: 'gateway', env: {} })).toBeNull();
    expect(startTracing({ serviceName: 'gateway', env: { TRACING: 'off', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' } })).toBeNull();
    expect(loaded).toEqual([]);
  });

  it('with an exporter, loads the SDK on demand and exports the spans made through the API', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = startTracing({ serviceName: 'gateway', exporter, env: {} });
    expect(tracing).not.toBeNull();
    expect(loaded).toEqual(expect.arrayContaining(['@opentelemetry/sdk-trace-node', '@opentelemetry/instrumentation-http']));
    trace.getTracer('test').startSpan('lazy-loaded').end();
    await tracing?.flush();
    expect(exporter.getFinishedSpans().map((s) => s.name)).toContain('lazy-loaded');
    await tracing?.shutdown();
  });
});
