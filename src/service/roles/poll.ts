import { FEEDS_FILE, loadFeeds } from '../../config/feeds.js';
import { pollProcessor } from '../../../workers/poll.js';
import { watchConfigFiles } from '../config-watch.js';
import { FeedRegistry } from '../feed-registry.js';
import { observedHttp } from '../http-wrappers.js';
import type { RoleContext, StartedRole } from './context.js';

// The poll role: the feeds of feeds.yaml in memory and as job schedulers in Redis, and
// the worker that turns a poll job into extract jobs. feeds.yaml is watched; SIGHUP
// reloads it too.

export async function startPollRole(ctx: RoleContext): Promise<StartedRole> {
  const { settings, log, metrics, queues, now } = ctx;
  const load = ctx.options.loadFeeds ?? (() => loadFeeds(settings.configDir, { defaultIntervalMs: settings.poll.defaultIntervalMs }));
  const registry = new FeedRegistry({ load, queue: queues.poll, store: ctx.store(), jitterMs: settings.poll.jitterMs, now, log });
  const feeds = registry.load();
  if (feeds.filter((f) => f.enabled).length === 0) log.warn('no enabled feeds: add one with "newsmon feeds add URL"; feeds.yaml is watched');
  const countScheduled = (): void => metrics.feedsScheduled.set({}, [...registry.map().values()].filter((f) => f.enabled).length);

  const http = observedHttp(ctx.http(), (outcome, seconds) => metrics.fetchSeconds.observe({ target: 'feed', outcome }, seconds));
  // Feeds are parsed on reader threads, each under a CPU budget, so a hostile feed cannot hold the event loop.
  ctx.readers();
  const processor = pollProcessor({
    parser: () => ctx.readers(),
    store: ctx.store(), http, now, maxBackoffMs: settings.poll.maxBackoffMs,
    jitter: { jitterMs: settings.poll.jitterMs, random: Math.random },
    feeds: () => registry.map(), extract: queues.extract, held: ctx.held(),
  });
  const worker = ctx.worker('poll', 'poll', processor);
  worker.worker.on('completed', (_job, r: { status: string; feedId: string; newItems: number; error?: string }) => {
    metrics.polls.inc({ status: r.status });
    if (r.status === 'polled' || r.status === 'failed') log.info({ queue: 'poll', feedId: r.feedId, status: r.status, newItems: r.newItems, error: r.error }, 'feed polled');
  });
  await registry.sync('boot');
  countScheduled();

  // Reloads run one after another, never two at once.
  let reloading: Promise<void> = Promise.resolve();
  const reloadNow = async (): Promise<void> => {
    try {
      registry.load();
      await registry.sync('reload');
      countScheduled();
    } catch (err) {
      log.error({ err: (err as Error).message }, 'feeds not reloaded; the previous feeds stay in effect');
    }
  };
  const reload = (): Promise<void> => (reloading = reloading.then(reloadNow));
  if (ctx.options.watchConfig) {
    const watch = watchConfigFiles(settings.configDir, [FEEDS_FILE], () => {
      log.info({ file: FEEDS_FILE }, 'feeds file changed; reloading');
      void reload();
    });
    ctx.life.push('feeds file watch', async () => {
      watch.close();
      await reloading;
    });
  }
  return { workers: [worker], reload, recover: async () => void (await registry.sync('recovery')) };
}
