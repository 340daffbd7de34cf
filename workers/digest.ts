import { UnrecoverableError, type Job, type Processor } from 'bullmq';
import type { Settings } from '../src/config/settings-types.js';
import { DigestSendError, sendDigest, type DigestStore, type MailTransport } from '../src/digest/send.js';
import type { SentLog } from '../src/digest/sent-log.js';
import type { DigestEntity } from '../src/digest/types.js';
import { addDays, localDate } from '../src/time/zoned-day.js';
import type { Clock } from '../src/model.js';
import type { DigestJobData } from '../src/queue/jobs.js';

// Digest worker: the daily scheduler's job → sendDigest for the last complete local day.
// The sent log makes a repeat (a retry, a second process, a restart) send nothing twice.

export interface DigestWorkerDeps {
  store: DigestStore;
  transport: () => MailTransport;
  sentLog: SentLog;
  settings: Pick<Settings, 'digest'>;
  /** The watch-list's order and names as configured now (config/entities.yaml; SIGHUP reloads it). */
  entities: () => readonly DigestEntity[];
  now: Clock;
}

export interface DigestJobResult {
  date: string;
  status: 'sent' | 'already-sent';
  events: number;
  messageId: string | null;
}

/** The day a digest run at `now` covers: yesterday in the digest's zone. */
export function digestDay(now: Date, timezone: string): string {
  return addDays(localDate(now, timezone), -1);
}

export function digestProcessor(deps: DigestWorkerDeps): Processor<DigestJobData, DigestJobResult> {
  return async (job: Job<DigestJobData, DigestJobResult>) => {
    const date = job.data.date ?? digestDay(deps.now(), deps.settings.digest.timezone);
    if (deps.settings.digest.to.length === 0) throw new UnrecoverableError('no digest recipients: set digest.to in config/newsmon.yaml');
    try {
      const r = await sendDigest({ store: deps.store, transport: deps.transport(), settings: deps.settings, date, sentLog: deps.sentLog, entities: deps.entities(), now: deps.now });
      return { date, status: r.status, events: r.events, messageId: r.messageId };
    } catch (err) {
      // SMTP trouble is worth retrying with backoff; the message already says what went wrong.
      if (err instanceof DigestSendError) throw new Error(err.message, { cause: err });
      throw err;
    }
  };
}
