import { pino, type DestinationStream, type Logger } from 'pino';

// Structured JSON logs, one object per line on standard output (a service's stream:
// journald, Docker and Kubernetes collect it). Every job line carries queue and job id,
// and the feed id where there is one.

export type { Logger } from 'pino';

export function createLogger(level: string, stream?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid, svc: 'newsmon' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    stream ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** A logger that drops everything (tests that do not read logs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
