import { pino, type DestinationStream, type Logger } from 'pino';
import { redactUrlsIn } from '../text/redact-url.js';

// Structured JSON logs, one object per line on standard output (a service's stream:
// journald, Docker and Kubernetes collect it). Every job line carries queue and job id,
// and the feed id where there is one.

export type { Logger } from 'pino';

/** Log lines carry URLs and error messages: credentials in them are redacted (one level deep). */
function redactFields(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'string') out[k] = redactUrlsIn(v);
    else if (v instanceof Error) out[k] = { type: v.name || 'Error', message: redactUrlsIn(v.message), stack: v.stack === undefined ? undefined : redactUrlsIn(v.stack) };
    else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = Object.fromEntries(Object.entries(v).map(([k2, v2]) => [k2, typeof v2 === 'string' ? redactUrlsIn(v2) : v2]));
    } else out[k] = v;
  }
  return out;
}

export function createLogger(level: string, stream?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid, svc: 'newsmon' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: redactFields },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? redactUrlsIn(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    stream ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** A logger that drops everything (tests that do not read logs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
