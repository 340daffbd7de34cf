import { UnrecoverableError, type Job, type Processor } from 'bullmq';
import type { DigestRecipient, Settings } from '../src/config/settings-types.js';
import type { DigestSource } from '../src/digest/day-source.js';
import { deliverDigest, type DeliverResult, type DigestLedger } from '../src/digest/deliver.js';
import { digestRecipients, unknownCompanyProblem, webBaseOf } from '../src/digest/recipients.js';
import { DigestSendError, type MailTransport } from '../src/digest/send.js';
import type { DigestEntity } from '../src/digest/watch-list.js';
import { addDays, localDate } from '../src/time/zoned-day.js';
import type { Clock } from '../src/model.js';
import type { DigestJobData } from '../src/queue/jobs.js';

// Digest worker: a recipient's scheduler job (or a catch-up, or a manual add) → the digest
// of the recipient's local yesterday, counted from when the job was due, so a job run late
// (the service was down at send time) still sends the day it was meant for. The ledger
// makes a repeat (a retry, a second process, a restart) send nothing twice. An SMTP
// failure is thrown after every recipient of the job was tried, so BullMQ retries it with
// backoff; the recipients already sent are then 'already-sent'. A day that still failed
// after those tries is tried again by the recipient's next scheduled run (up to a week back).

export interface DigestWorkerDeps {
  source: DigestSource;
  ledger: DigestLedger;
  transport: () => MailTransport;
  /** The digest settings in effect now (SIGHUP re-reads config/newsmon.yaml's digest section). */
  settings: () => Pick<Settings, 'digest' | 'api'>;
  /** The watch-list's order and names as configured now (config/entities.yaml; SIGHUP reloads it). */
  entities: () => readonly DigestEntity[];
  now: Clock;
}

/** How far back a scheduled run retries days whose digest failed. */
export const RETRY_DAYS = 7;

export interface DigestJobResult {
  results: Array<Pick<DeliverResult, 'address' | 'date' | 'status' | 'stories' | 'messageId'>>;
}

/** The day a digest due at `at` covers: yesterday in the recipient's zone. */
export function digestDay(at: Date, timezone: string): string {
  return addDays(localDate(at, timezone), -1);
}

/** When the job was due: its scheduled time for scheduler and delayed jobs, else when it was added. */
export function dueAt(job: Pick<Job, 'timestamp' | 'delay'>, now: Date): Date {
  return job.timestamp ? new Date(job.timestamp + (job.delay ?? 0)) : now;
}

function jobRecipients(settings: Pick<Settings, 'digest'>, data: DigestJobData): DigestRecipient[] {
  const all = digestRecipients(settings.digest);
  if (data.recipient === undefined) return all;
  const r = all.find((x) => x.address.toLowerCase() === data.recipient!.toLowerCase());
  if (!r) throw new UnrecoverableError(`${data.recipient} is no longer a digest recipient (digest.recipients in config/newsmon.yaml)`);
  return [r];
}

export function digestProcessor(deps: DigestWorkerDeps): Processor<DigestJobData, DigestJobResult> {
  return async (job: Job<DigestJobData, DigestJobResult>) => {
    const settings = deps.settings();
    const recipients = jobRecipients(settings, job.data);
    if (recipients.length === 0) throw new UnrecoverableError('no digest recipients: set digest.recipients or digest.to in config/newsmon.yaml');
    const watch = deps.entities();
    const problem = unknownCompanyProblem(recipients, watch);
    if (problem) throw new UnrecoverableError(problem);
    const due = dueAt(job, deps.now());
    const results: DigestJobResult['results'] = [];
    const failures: string[] = [];
    const jobs = recipients.flatMap((recipient) => {
      if (job.data.date) return [{ recipient, date: job.data.date }];
      const date = digestDay(due, recipient.timezone);
      const failed = deps.ledger.failedDays(recipient.address, addDays(date, -RETRY_DAYS)).filter((d) => d < date);
      return [...failed, date].map((d) => ({ recipient, date: d }));
    });
    for (const { recipient, date } of jobs) {
      try {
        const r = await deliverDigest({
          source: deps.source, ledger: deps.ledger, transport: deps.transport(), from: settings.digest.from,
          recipient, date, watch, webBase: webBaseOf(settings), now: deps.now,
        });
        results.push({ address: r.address, date, status: r.status, stories: r.stories, messageId: r.messageId });
      } catch (err) {
        if (!(err instanceof DigestSendError)) throw err;
        failures.push(`${recipient.address} (${date}): ${err.message}`);
      }
    }
    // SMTP trouble is worth retrying with backoff; the ledger already holds each error.
    if (failures.length) throw new Error(`digest not sent to ${failures.join('; ')}`);
    return { results };
  };
}
