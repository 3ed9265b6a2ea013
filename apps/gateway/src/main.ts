import './tracing';
import { shutdownDeadlineMs, stopOnSignals } from '@sec-assure/service';
import { loadConfig } from './config';
import { startGateway } from './server';

const fail = (error: unknown): never => {
  // One line, naming every variable to set; no stack trace for a configuration refusal.
  console.error(JSON.stringify({ level: 'fatal', service: 'gateway', msg: 'gateway failed to start', error: (error as Error).message }));
  process.exit(1);
};

// The same bounded stop as the subgraphs: drain within SHUTDOWN_DEADLINE_MS, a second signal exits at once.
Promise.resolve()
  .then(() => ({ deadlineMs: shutdownDeadlineMs(), config: loadConfig() }))
  .then(async ({ deadlineMs, config }) => {
    const gateway = await startGateway(config);
    stopOnSignals({ name: 'gateway', stop: gateway.stop, log: gateway.logger, deadlineMs, exit: (code) => process.exit(code) });
  })
  .catch(fail);
