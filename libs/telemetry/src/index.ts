export { tracingConfigFromEnv, type TracingConfig, type TracingMode } from './config';
export { startTracing, type StartTracingOptions, type Tracing } from './start-tracing';
