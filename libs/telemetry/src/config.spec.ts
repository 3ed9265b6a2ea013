import { tracingConfigFromEnv } from './config';

describe('tracingConfigFromEnv', () => {
  it('is off by default', () => {
    expect(tracingConfigFromEnv('gateway', {})).toEqual({ mode: 'off', serviceName: 'gateway' });
  });

  it('turns on with an exporter endpoint, or with TRACING=otlp', () => {
    expect(tracingConfigFromEnv('gateway', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).mode).toBe('otlp');
    expect(tracingConfigFromEnv('gateway', { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }).mode).toBe('otlp');
    expect(tracingConfigFromEnv('gateway', { TRACING: 'otlp' }).mode).toBe('otlp');
  });

  it('TRACING=off wins over an endpoint', () => {
    expect(tracingConfigFromEnv('gateway', { TRACING: 'off', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).mode).toBe('off');
  });

  it('takes OTEL_SERVICE_NAME over the app name', () => {
    expect(tracingConfigFromEnv('gateway', { OTEL_SERVICE_NAME: 'gateway-eu' }).serviceName).toBe('gateway-eu');
  });

  it('refuses an unknown mode, naming the variable', () => {
    expect(() => tracingConfigFromEnv('gateway', { TRACING: 'jaeger' })).toThrow(/TRACING="jaeger"/);
  });
});
