import { availableParallelism } from 'node:os';
import { loadAnalyzer } from '../ingest/load-analyzer.js';
import { feedFromUrl, loadFeeds } from '../config/feeds.js';
import { createHttpClient } from '../fetch/http-client.js';
import { ingestOnce, type IngestProgress, type IngestSummary } from '../ingest/ingest-once.js';
import { analysisLimits, ReaderPool, readerPoolOptions } from '../ingest/reader-pool.js';
import { openStore } from '../store/store.js';
import { CliError } from './cli-error.js';
import { defineCommand } from './command.js';
import { sharedFlags } from './shared-flags.js';

function progressLine(p: IngestProgress): string {
  return `feeds ${p.feedsDone}/${p.feedsTotal}  articles ${p.articlesDone}/${p.articlesQueued}  stored ${p.articlesStored}  events ${p.events}  errors ${p.errors}`;
}

function summaryText(s: IngestSummary): string {
  const lines = [
    `feeds:    ${s.feedsTotal} (${s.feedsOk} new content, ${s.feedsNotModified} unchanged, ${s.feedsFailed} failed, ${s.feedsNotDue} not due)`,
    `articles: ${s.articlesStored} stored, ${s.duplicates} duplicates, ${s.articlesDone - s.articlesStored - s.duplicates} failed`,
    `events:   ${s.events}${s.articlesTruncated ? ` (${s.articlesTruncated} article${s.articlesTruncated === 1 ? '' : 's'} cut at the per-article caps)` : ''}`,
    `time:     ${(s.elapsedMs / 1000).toFixed(1)} s`,
  ];
  for (const f of s.failures.slice(0, 20)) lines.push(`  ! ${f.feed} ${f.kind}: ${f.message} (${f.url})`);
  if (s.failures.length > 20) lines.push(`  … and ${s.failures.length - 20} more failures`);
  for (const f of s.ruleFallbacks.slice(0, 20)) lines.push(`  ~ ${f.feed} automatic extraction instead: ${f.message} (${f.url})`);
  return lines.join('\n');
}

/**
 * Partial failure is normal operation for a feed reader: exit 1 only if nothing worked,
 * or if the database could not write (disk full, locked), which is never normal.
 */
function exitCode(summary: IngestSummary): number {
  const storeFailed = summary.failures.some((f) => f.kind === 'store-error');
  if (storeFailed) process.stderr.write('newsmon ingest: the database could not store some articles (see the store-error lines); they stay unseen and are tried on the next pass\n');
  return summary.feedsFailed === summary.feedsTotal || storeFailed ? 1 : 0;
}

export const command = defineCommand({
  name: 'ingest',
  usage: '--once [--config DIR] [--db FILE] [--feed URL]... [--force] [--allow-private-network] [--json]',
  about: `One pass over every configured feed (or only the --feed URLs, with no feeds file needed):
poll, fetch new articles, extract, store. Runs in-process, without Redis. A feed that is
not due yet (backing off, or its server asked to wait) is skipped unless --force.`,
  flags: {
    once: { type: 'boolean', help: 'required: the continuous service is "newsmon run"' },
    ...sharedFlags.config,
    ...sharedFlags.db,
    feed: { type: 'string', multiple: true, arg: 'URL', help: 'ingest this feed only; repeatable' },
    force: { type: 'boolean', help: 'poll every feed now, even those backing off after failures or\nasked to wait (Retry-After, Cache-Control, <ttl>)' },
    ...sharedFlags.allowPrivateNetwork,
    threads: { type: 'string', arg: 'N', help: 'threads that parse feeds and read articles, each document\nunder a time limit (default: one per core)' },
    json: { type: 'boolean', help: 'print the summary as JSON' },
    quiet: { type: 'boolean', help: 'no progress line' },
  },
  async run({ values, settings: loadSettings }) {
    if (!values.once) throw new CliError('only --once is supported here; run the continuous service with "newsmon run"', 2);
    const threads = values.threads === undefined ? availableParallelism() : Number(values.threads);
    if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new CliError(`--threads must be a whole number from 1 to 64, got "${values.threads}"`, 2);
    const settings = loadSettings();
    const feeds = values.feed?.length
      ? values.feed.map((url) => feedFromUrl(url, settings.poll.defaultIntervalMs))
      : loadFeeds(settings.configDir, { defaultIntervalMs: settings.poll.defaultIntervalMs }).filter((f) => f.enabled);
    if (feeds.length === 0) throw new CliError('no enabled feeds: add one with "newsmon feeds add URL" or pass --feed URL');

    // Loaded here even when reader threads do the work: it validates the watch-list and
    // tagger config up front, so a typo is one clear error, not a failure per article.
    const analyzer = loadAnalyzer(settings.configDir, analysisLimits(settings.limits));
    const store = openStore(settings.dbPath);
    const http = createHttpClient(settings.http);
    const reader = ReaderPool.create(settings.configDir, threads, readerPoolOptions(settings.limits));
    const showProgress = !values.quiet && process.stderr.isTTY === true;
    let lastDraw = 0;
    try {
      const summary = await ingestOnce(feeds, {
        http, store, analyzer, now: () => new Date(), maxBackoffMs: settings.poll.maxBackoffMs,
        jitter: { jitterMs: settings.poll.jitterMs, random: Math.random }, force: values.force === true,
        ...(reader ? { reader, parser: reader } : {}),
        onProgress: showProgress
          ? (p) => {
              const t = Date.now();
              if (t - lastDraw < 100) return;
              lastDraw = t;
              process.stderr.write(`\r\x1b[K${progressLine(p)}`);
            }
          : undefined,
      });
      if (showProgress) process.stderr.write('\r\x1b[K');
      process.stdout.write(values.json ? `${JSON.stringify(summary)}\n` : `${summaryText(summary)}\n`);
      return exitCode(summary);
    } finally {
      await reader?.close();
      http.close();
      store.close();
    }
  },
});

export const run = command.run;
