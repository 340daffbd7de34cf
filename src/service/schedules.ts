import { createHash } from 'node:crypto';
import type { FeedConfig } from '../model.js';
import { feedSchedulerId } from '../queue/job-ids.js';

// What the schedulers should be, as plain values: one per enabled feed, from its interval
// (BullMQ `every`) or its cron pattern, with a per-feed offset that is the same on every
// boot and every host, so 500 feeds on one interval do not fire in the same second.

export interface FeedSchedule {
  schedulerId: string;
  feedId: string;
  every: number | null;
  pattern: string | null;
  /** Cron patterns are read in this zone. */
  tz: string | null;
  /** Milliseconds after each interval boundary (every-schedules only). */
  offset: number;
}

/** A stable number in [0, 2^32) from a string. */
export function stableHash(value: string): number {
  return createHash('sha256').update(value).digest().readUInt32BE(0);
}

/**
 * The feed's offset within its interval: from 1 ms up to min(jitter, interval), fixed by
 * the feed id. Never 0, since BullMQ reads 0 as "align to now" and the fire time would
 * then depend on when the scheduler happened to be created.
 */
export function feedOffsetMs(feedId: string, everyMs: number, jitterMs: number): number {
  const span = Math.max(1, Math.min(Math.floor(everyMs) - 1, Math.floor(jitterMs)));
  return 1 + (stableHash(feedId) % span);
}

export function planFeedSchedules(feeds: readonly FeedConfig[], jitterMs: number, cronTz = 'UTC'): FeedSchedule[] {
  return feeds
    .filter((f) => f.enabled)
    .map((f) =>
      f.cron
        ? { schedulerId: feedSchedulerId(f.id), feedId: f.id, every: null, pattern: f.cron, tz: cronTz, offset: 0 }
        : {
            schedulerId: feedSchedulerId(f.id),
            feedId: f.id,
            every: Math.max(1_000, Math.round(f.intervalMs)),
            pattern: null,
            tz: null,
            offset: feedOffsetMs(f.id, Math.max(1_000, Math.round(f.intervalMs)), jitterMs),
          },
    );
}

/** The digest's cron pattern from "HH:MM". */
export function digestPattern(time: string): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!m) throw new Error(`expected a time of day "HH:MM", got ${JSON.stringify(time)}`);
  return `${Number(m[2])} ${Number(m[1])} * * *`;
}

/** A scheduler as BullMQ reports it (the fields compared). */
export interface ExistingSchedule {
  key: string;
  every?: number | undefined;
  pattern?: string | undefined;
  tz?: string | undefined;
  offset?: number | undefined;
  feedId?: string | undefined;
}

export interface ScheduleDiff {
  add: FeedSchedule[];
  update: FeedSchedule[];
  remove: string[];
  unchanged: number;
}

function same(e: ExistingSchedule, d: FeedSchedule): boolean {
  if (e.feedId !== d.feedId) return false;
  if (d.every !== null) return e.every === d.every && (e.offset ?? 0) === d.offset && !e.pattern;
  return e.pattern === d.pattern && (e.tz ?? null) === d.tz && !e.every;
}

/** What to upsert and what to remove so the feed schedulers (ids "feed-…") match `desired`. */
export function diffSchedules(existing: readonly ExistingSchedule[], desired: readonly FeedSchedule[]): ScheduleDiff {
  const byKey = new Map(existing.filter((e) => e.key.startsWith('feed-')).map((e) => [e.key, e]));
  const diff: ScheduleDiff = { add: [], update: [], remove: [], unchanged: 0 };
  const wanted = new Set<string>();
  for (const d of desired) {
    wanted.add(d.schedulerId);
    const e = byKey.get(d.schedulerId);
    if (!e) diff.add.push(d);
    else if (!same(e, d)) diff.update.push(d);
    else diff.unchanged++;
  }
  for (const key of byKey.keys()) if (!wanted.has(key)) diff.remove.push(key);
  return diff;
}
