// Tracing settings, read once from the environment. Off unless asked for: an exporter endpoint
// (the OpenTelemetry variable every collector documents) or TRACING=otlp; TRACING=off wins.
export type TracingMode = 'off' | 'otlp';

export interface TracingConfig {
  mode: TracingMode;
  /** OTEL_SERVICE_NAME, else the name the app passes. */
  serviceName: string;
}

export function tracingConfigFromEnv(serviceName: string, env: NodeJS.ProcessEnv = process.env): TracingConfig {
  const chosen = env.TRACING?.trim().toLowerCase() ?? '';
  if (chosen !== '' && chosen !== 'off' && chosen !== 'otlp') {
    throw new Error(`Configuration: TRACING="${env.TRACING}" must be "off" or "otlp"`);
  }
  const endpoint = (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT ?? '').trim();
  const mode: TracingMode = chosen === 'off' ? 'off' : chosen === 'otlp' || endpoint !== '' ? 'otlp' : 'off';
  return { mode, serviceName: env.OTEL_SERVICE_NAME?.trim() || serviceName };
}
