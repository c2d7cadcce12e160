import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/** Structured JSON logs on stdout (one object a line), ready for any log shipper. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'sahel-graph' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}
