import type { Analyzer } from '../../analyze/analyzer.js';
import { loadAnalyzer } from '../../ingest/load-analyzer.js';
import { analysisLimits } from '../../ingest/reader-pool.js';
import { extractProcessor } from '../../../workers/extract.js';
import { observedHttp } from '../http-wrappers.js';
import type { RoleContext, StartedRole } from './context.js';

// The extract role: stateless (no database), the watch-list and tagger loaded once, main
// text and analysis on this thread or on the process's reader threads (shared with the
// poll role). SIGHUP reloads the watch-list.

export function startExtractRole(ctx: RoleContext): StartedRole {
  const { settings, log, metrics } = ctx;
  let analyzer: Analyzer = loadAnalyzer(settings.configDir, analysisLimits(settings.limits));
  ctx.readers(); // started now, so a bad config fails the start-up rather than the first job
  const http = observedHttp(ctx.http(), (outcome, seconds) => metrics.fetchSeconds.observe({ target: 'page', outcome }, seconds));
  const worker = ctx.worker('extract', 'extract', extractProcessor({ http, analyzer: () => analyzer, reader: () => ctx.readers(), now: ctx.now, store: ctx.queues.store }));

  const reload = (): void => {
    try {
      analyzer = loadAnalyzer(settings.configDir, analysisLimits(settings.limits));
      // New threads read the new watch-list (feeds parse the same on either).
      ctx.restartReaders();
      log.info('watch-list reloaded');
    } catch (err) {
      log.error({ err: (err as Error).message }, 'watch-list not reloaded; the previous one stays in effect');
    }
  };
  return { workers: [worker], reload };
}
