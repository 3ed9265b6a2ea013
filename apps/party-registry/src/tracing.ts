// The first import of main.ts: tracing (off unless configured) must start before http, undici,
// graphql, pg and kafkajs are first loaded, or they are not instrumented.
import { startTracing } from '@sec-assure/telemetry';

startTracing({ serviceName: 'party-registry' });
