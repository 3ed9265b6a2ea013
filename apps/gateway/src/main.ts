import { loadConfig } from './config';
import { startGateway } from './server';

const fail = (error: unknown): never => {
  // One line, naming every variable to set; no stack trace for a configuration refusal.
  console.error(JSON.stringify({ level: 'fatal', service: 'gateway', msg: 'gateway failed to start', error: (error as Error).message }));
  process.exit(1);
};

Promise.resolve()
  .then(() => startGateway(loadConfig()))
  .then((gateway) => {
    const stop = (): void => {
      gateway.stop().then(() => process.exit(0), () => process.exit(1));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }, fail);
