// Routes kafkajs's own logging into pino, one level down: kafkajs logs routine events (joins,
// rebalances, reconnects) at INFO and transient errors at ERROR, which would drown a service's log.
import { logLevel, type logCreator, type LogEntry } from 'kafkajs';
import type { Logger } from 'pino';

/** kafkajs messages that are expected in normal operation and carry no information for us. */
const ROUTINE_ERRORS = [
  'The group is rebalancing, re-joining', // after every membership change
  'Crash: KafkaJSNumberOfRetriesExceeded', // reported again, with context, by our own code
];

export function pinoLogCreator(logger: Logger): logCreator {
  return () => (entry: LogEntry) => {
    const { message, ...extra } = entry.log;
    const fields = { kafkajs: entry.namespace, ...extra };
    const routine = ROUTINE_ERRORS.some((text) => message.includes(text));
    switch (entry.level) {
      case logLevel.ERROR:
        if (routine) logger.debug(fields, message);
        else logger.warn(fields, message);
        break;
      case logLevel.WARN:
        logger.info(fields, message);
        break;
      case logLevel.INFO:
      case logLevel.DEBUG:
        logger.debug(fields, message);
        break;
      default:
        break;
    }
  };
}
