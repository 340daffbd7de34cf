import type { Analyzer } from '../../analyze/analyzer.js';
import { loadAnalyzer } from '../../ingest/load-analyzer.js';
import { analysisLimits, ReaderPool, readerPoolOptions } from '../../ingest/reader-pool.js';
import { extractProcessor } from '../../../workers/extract.js';
import { observedHttp } from '../http-wrappers.js';
import type { RoleContext, StartedRole } from './context.js';

// The extract role: stateless (no database), the watch-list and tagger loaded once, main
// text and analysis on this thread or a pool of threads. SIGHUP reloads the watch-list.

export function startExtractRole(ctx: RoleContext): StartedRole {
  const { settings, log, metrics } = ctx;
  const threads = ctx.options.threads;
  let analyzer: Analyzer = loadAnalyzer(settings.configDir, analysisLimits(settings.limits));
  let readers = ReaderPool.create(settings.configDir, threads, readerPoolOptions(settings.limits));
  ctx.life.push('reader threads', () => readers?.close());
  const http = observedHttp(ctx.http(), (outcome, seconds) => metrics.fetchSeconds.observe({ target: 'page', outcome }, seconds));
  const worker = ctx.worker('extract', 'extract', extractProcessor({ http, analyzer: () => analyzer, reader: () => readers, now: ctx.now, store: ctx.queues.store }));

  const reload = (): void => {
    try {
      analyzer = loadAnalyzer(settings.configDir, analysisLimits(settings.limits));
      if (readers) {
        // New threads read the new watch-list; the old ones finish what they hold first.
        const old = readers;
        readers = ReaderPool.create(settings.configDir, threads, readerPoolOptions(settings.limits));
        setTimeout(() => void old.close(), 30_000).unref();
        ctx.life.push('old reader threads', () => old.close());
      }
      log.info('watch-list reloaded');
    } catch (err) {
      log.error({ err: (err as Error).message }, 'watch-list not reloaded; the previous one stays in effect');
    }
  };
  return { workers: [worker], reload };
}
