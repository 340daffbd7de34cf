import { defaultRepeatStrategy, type AdvancedRepeatOptions, type RepeatStrategy } from 'bullmq';
import { nextDailyInstant } from '../time/daily-time.js';
import type { QueueName } from './jobs.js';

// When the digest schedulers fire. Their patterns are daily ("M H * * *" in the
// recipient's zone), and cron-parser, which BullMQ uses, reads a time that a spring-
// forward skips as an hour later (02:30 → 03:30), and from a start inside 03:00–03:30
// skips the day altogether. newsmon's rule instead (src/time/daily-time.ts): due when the
// zone's clocks first reach the time, so 03:00 after the gap, and the first 01:30 only
// when clocks fall back. Queue and worker both need it: each computes the next run.

const DAILY = /^(\d{1,2}) (\d{1,2}) \* \* \*$/;

export const digestRepeatStrategy: RepeatStrategy = (millis, opts) => {
  const m = DAILY.exec(opts.pattern ?? '');
  if (!m || opts.every) return defaultRepeatStrategy(millis, opts);
  // As BullMQ's own: counted from the later of now and the scheduler's start date.
  const start = opts.startDate === undefined ? millis : new Date(opts.startDate).getTime();
  const time = `${m[2]!.padStart(2, '0')}:${m[1]!.padStart(2, '0')}`;
  return nextDailyInstant(Math.max(millis, start), time, opts.tz ?? 'UTC');
};

/** Per-queue settings shared by the queue (which makes a scheduler's first job) and its worker (which makes the next ones). */
export function queueSettings(name: QueueName): AdvancedRepeatOptions | undefined {
  return name === 'digest' ? { repeatStrategy: digestRepeatStrategy } : undefined;
}
