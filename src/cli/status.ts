import { existsSync } from 'node:fs';
import { failingFeeds } from '../ingest/feed-health.js';
import { DEFAULT_PREFIX } from '../queue/queues.js';
import { clientRedis, probeRedis, redactRedisUrl, RedisUnavailableError } from '../service/redis.js';
import { gatherStatus, renderStatus, type ServiceStatus } from '../service/status-report.js';
import { openStore, type LedgerEntry } from '../store/store.js';
import type { FeedState } from '../store/types.js';
import { defineCommand } from './command.js';
import { queuePrefixFlag, sharedFlags } from './shared-flags.js';

export const command = defineCommand({
  name: 'status',
  usage: '[--config DIR] [--db FILE] [--redis URL] [--queue-prefix P] [--json]',
  about: `Shows the service's queues (jobs waiting, running, delayed, failed; totals), the
workers connected from every host, the schedules, recent failed jobs, and the feeds
whose polls are failing. Exit status 1 when Redis cannot be reached.`,
  flags: { ...sharedFlags.config, ...sharedFlags.db, ...sharedFlags.redis, ...sharedFlags.queuePrefix, ...sharedFlags.json },
  async run({ values, settings: loadSettings }) {
    queuePrefixFlag(values['queue-prefix']);
    const settings = loadSettings();
    const prefix = values['queue-prefix'] ?? DEFAULT_PREFIX;
    let status: ServiceStatus | null = null;
    let redisLine = redactRedisUrl(settings.redisUrl);
    let redisError: string | undefined;
    try {
      const { version } = await probeRedis(settings.redisUrl);
      redisLine += ` (Redis ${version ?? '?'}), queue prefix "${prefix}"`;
      const conn = clientRedis(settings.redisUrl, 'newsmon-status');
      try {
        await conn.connect();
        status = await gatherStatus(conn, prefix);
      } finally {
        conn.disconnect();
      }
    } catch (err) {
      if (!(err instanceof RedisUnavailableError)) throw err;
      redisError = err.message;
    }
    let feeds: FeedState[] | null = null;
    let digestProblems: LedgerEntry[] = [];
    if (existsSync(settings.dbPath)) {
      const store = openStore(settings.dbPath, { readonly: true });
      try {
        feeds = store.listFeeds();
        // The last failed or unfinished digests of recent days (a later success replaces a row's state).
        digestProblems = store.digestLedger.recent(50).filter((d) => d.state === 'failed' || d.state === 'sending').slice(0, 10);
      } finally {
        store.close();
      }
    }
    const failing = feeds ? failingFeeds(feeds) : null;
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ redis: redactRedisUrl(settings.redisUrl), prefix, redisError: redisError ?? null, ...(status ?? {}), failingFeeds: failing, digestProblems })}\n`);
    } else {
      const text = renderStatus({ redis: redisLine, status, ...(redisError ? { redisError } : {}), failingFeeds: failing, feedsTotal: feeds?.length ?? 0, digestProblems });
      process.stdout.write(text);
    }
    return status ? 0 : 1;
  },
});

export const run = command.run;
