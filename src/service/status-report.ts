import type { Redis } from 'ioredis';
import type { LedgerEntry } from '../store/store.js';
import type { FeedState } from '../store/types.js';
import { ALL_QUEUES, type QueueName } from '../queue/jobs.js';
import { openQueues } from '../queue/queues.js';
import { formatSpan, formatTable } from '../text/terminal-format.js';

// What `newsmon status` shows: the queues (depth by state, totals, workers), the
// schedules, the most recent failed jobs, and the failing feeds from the database.

export interface QueueStatus {
  name: QueueName;
  counts: Record<string, number>;
  completedTotal: number;
  failedTotal: number;
  workers: Array<{ name: string; addr: string; ageSeconds: number }>;
}

export interface FailedJob {
  queue: QueueName;
  id: string;
  feedId: string | null;
  attempts: number;
  reason: string;
  failedAt: string | null;
}

export interface ServiceStatus {
  queues: QueueStatus[];
  schedules: { feeds: number; nextPoll: { feedId: string; at: string } | null; digest: Array<{ recipient: string; pattern: string; tz: string | null; next: string | null }> };
  recentFailures: FailedJob[];
}

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;

export async function gatherStatus(connection: Redis, prefix: string, failedPerQueue = 5): Promise<ServiceStatus> {
  const queues = openQueues({ connection, prefix });
  try {
    const out: QueueStatus[] = [];
    const failures: FailedJob[] = [];
    for (const name of ALL_QUEUES) {
      const q = queues.byName(name);
      const [counts, done, failed, workers, recent] = await Promise.all([
        q.getJobCounts(...STATES),
        q.getMetrics('completed', 0, 0),
        q.getMetrics('failed', 0, 0),
        q.getWorkers(),
        q.getFailed(0, failedPerQueue - 1),
      ]);
      out.push({
        name,
        counts,
        completedTotal: done.meta.count,
        failedTotal: failed.meta.count,
        workers: workers.map((w) => ({ name: w.rawname ?? w.name ?? '?', addr: w.addr ?? '?', ageSeconds: Number(w.age ?? 0) })),
      });
      for (const j of recent) {
        if (!j) continue;
        const d = j.data as { feedId?: unknown; input?: { feedId?: unknown } };
        const feedId = d?.feedId ?? d?.input?.feedId;
        failures.push({
          queue: name,
          id: String(j.id),
          feedId: typeof feedId === 'string' ? feedId : null,
          attempts: j.attemptsMade,
          reason: j.failedReason ?? '',
          failedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
        });
      }
    }
    const schedulers = await queues.poll.getJobSchedulers(0, -1, true);
    const feedSchedulers = schedulers.filter((s) => s.key.startsWith('feed-'));
    const next = feedSchedulers.filter((s) => s.next).sort((a, b) => (a.next ?? 0) - (b.next ?? 0))[0];
    const digest = await queues.digest.getJobSchedulers(0, -1, true);
    failures.sort((a, b) => (b.failedAt ?? '').localeCompare(a.failedAt ?? ''));
    return {
      queues: out,
      schedules: {
        feeds: feedSchedulers.length,
        nextPoll: next ? { feedId: String(next.template?.data?.feedId ?? next.key), at: new Date(next.next!).toISOString() } : null,
        digest: digest.map((d) => ({
          recipient: String(d.template?.data?.recipient ?? d.key),
          pattern: d.pattern ?? '',
          tz: d.tz ?? null,
          next: d.next ? new Date(d.next).toISOString() : null,
        })),
      },
      recentFailures: failures.slice(0, 10),
    };
  } finally {
    await queues.close();
  }
}

/** Left-aligned columns; the cells named in `clipAt` are cut to that many display columns. */
function table(head: string[], rows: string[][], clipAt: Record<number, number> = {}): string {
  return formatTable(head.map((header, i) => ({ header, ...(clipAt[i] !== undefined ? { max: clipAt[i] } : {}) })), rows);
}

/** Digests that failed or were left half-sent, with their errors. */
function digestProblemsTable(rows: readonly LedgerEntry[]): string {
  return `Digests not sent (retried with backoff; the next scheduled run or a restart tries again):\n${table(
    ['RECIPIENT', 'DAY', 'STATE', 'TRIES', 'WHEN', 'ERROR'],
    rows.map((d) => [d.recipient, d.date, d.state, String(d.attempts), d.updatedAt, d.lastError ?? '-']),
    { 5: 70 },
  ).replace(/^/gm, '  ')}`;
}

/** The terminal view. `redis` is a line about the connection; feeds come from the database (null: no database). */
export function renderStatus(o: { redis: string; status: ServiceStatus | null; redisError?: string; failingFeeds: FeedState[] | null; feedsTotal: number; digestProblems?: LedgerEntry[] }): string {
  const parts: string[] = [`Redis: ${o.redis}`];
  const s = o.status;
  if (!s) {
    parts.push(`  ! ${o.redisError ?? 'not reachable'}`);
  } else {
    parts.push(
      '',
      table(
        ['QUEUE', 'WAITING', 'ACTIVE', 'DELAYED', 'FAILED', 'DONE(all)', 'FAILED(all)', 'WORKERS'],
        s.queues.map((q) => [
          q.name,
          String((q.counts.waiting ?? 0) + (q.counts.prioritized ?? 0)),
          String(q.counts.active ?? 0),
          String(q.counts.delayed ?? 0),
          String(q.counts.failed ?? 0),
          String(q.completedTotal),
          String(q.failedTotal),
          String(q.workers.length),
        ]),
      ),
    );
    const workers = s.queues.flatMap((q) => q.workers.map((w) => [q.name, w.name, w.addr, formatSpan(w.ageSeconds * 1000)]));
    parts.push('', workers.length ? `Workers:\n${table(['QUEUE', 'WORKER', 'ADDRESS', 'UP'], workers).replace(/^/gm, '  ')}` : 'Workers: none connected (is "newsmon run" running?)');
    const sch = s.schedules;
    parts.push(
      '',
      `Schedules: ${sch.feeds} feed${sch.feeds === 1 ? '' : 's'}${sch.nextPoll ? `; next poll ${sch.nextPoll.feedId} at ${sch.nextPoll.at}` : ''}`,
      sch.digest.length
        ? `Digest:\n${sch.digest.map((d) => `  ${d.recipient}: daily "${d.pattern}" ${d.tz ?? ''}${d.next ? `, next at ${d.next}` : ''}`).join('\n')}`
        : 'Digest: not scheduled',
    );
    if (s.recentFailures.length) {
      parts.push(
        '',
        `Recent failed jobs (kept for inspection):\n${table(
          ['QUEUE', 'JOB', 'FEED', 'TRIES', 'WHEN', 'ERROR'],
          s.recentFailures.map((f) => [f.queue, f.id, f.feedId ?? '-', String(f.attempts), f.failedAt ?? '-', f.reason]),
          { 1: 28, 5: 70 },
        ).replace(/^/gm, '  ')}`,
      );
    }
  }
  if (o.digestProblems?.length) parts.push('', digestProblemsTable(o.digestProblems));
  if (o.failingFeeds === null) {
    parts.push('', 'Feeds: no database yet');
  } else if (o.failingFeeds.length === 0) {
    parts.push('', `Feeds: ${o.feedsTotal} known, none failing`);
  } else {
    parts.push(
      '',
      `Failing feeds: ${o.failingFeeds.length} of ${o.feedsTotal}\n${table(
        ['FEED', 'FAILURES', 'FAILING SINCE', 'NEXT TRY', 'LAST ERROR'],
        o.failingFeeds.map((f) => [f.id, String(f.failureCount), f.failingSince ?? '-', f.nextCheckAt ?? '-', `${f.lastErrorKind ?? ''}: ${f.lastError ?? ''}`]),
        { 4: 70 },
      ).replace(/^/gm, '  ')}`,
    );
  }
  return `${parts.join('\n')}\n`;
}
