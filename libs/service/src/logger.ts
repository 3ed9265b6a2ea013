import pino, { type Logger } from 'pino';

export type { Logger };

/** One JSON line per request or event handled; `service` on every line. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}
