import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../fixture-site/index.js';
import { cleanPrefix, ensureBuilt, freshPrefix, makeConfig, REDIS_URL, spawnRun, waitFor, type RunProcess } from './harness.js';
import { corpusFeeds, countArticles, eventCount, referenceRun, seeded, snapshot, type ArticleRow } from './robust-harness.js';

// kill -9 of `newsmon run` at random points of a run, restarted each time: the stored
// articles and their events must equal those of a run with no kills (ingest --once over
// the same site) — nothing lost, nothing twice. The first kill lands during start-up, the
// others after a random number of further articles (plus a random few ms), so they hit
// fetches, analysis and SQLite commits in flight.
//
// Size: NEWSMON_CRASH_ARTICLES (default 400, so `npm test` stays quick; `npm run soak`
// runs 2,000) and NEWSMON_CRASH_KILLS (default 5). NEWSMON_CRASH_SEED repeats a run.

const PER_FEED = 20;
const ARTICLES = Number(process.env.NEWSMON_CRASH_ARTICLES || 400);
const FEEDS = Math.ceil(ARTICLES / PER_FEED);
const TOTAL = FEEDS * PER_FEED;
const KILLS = Math.max(5, Number(process.env.NEWSMON_CRASH_KILLS || 5));
const SEED = Number(process.env.NEWSMON_CRASH_SEED || Date.now() % 1_000_000);
// Generous: the machine is shared; the property checked is equality, not speed.
const RUN_TIMEOUT_MS = 120_000 + TOTAL * 150;

describe(`kill -9 ${KILLS} times during a ${TOTAL}-article run (seed ${SEED})`, () => {
  let site: FixtureSite;
  let reference: ArticleRow[];
  const prefix = freshPrefix();
  const running: RunProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    site = await startFixtureSite({ seed: 9, log: false, corpus: { feeds: FEEDS, articles: PER_FEED, minBytes: 6_000, maxBytes: 16_000 } });
    reference = await referenceRun(corpusFeeds(site));
  }, RUN_TIMEOUT_MS);

  afterAll(async () => {
    for (const p of running) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await site?.close();
    await cleanPrefix(prefix);
  });

  it('the reference run stored every article, with events', () => {
    expect(reference.length).toBe(TOTAL);
    expect(eventCount(reference)).toBeGreaterThan(TOTAL);
  });

  it('after every kill and restart: the same articles and events, none twice', async () => {
    const rnd = seeded(SEED);
    // A small per-host gap makes the run last long enough for kills to land mid-batch.
    const cfg = makeConfig(corpusFeeds(site), { http: { per_host_concurrency: 4, per_host_min_gap: '5ms' } });
    const args = ['--roles', 'poll,extract,store', '--config', cfg.configDir, '--db', cfg.dbPath, '--redis', REDIS_URL, '--queue-prefix', prefix, '--stall-timeout', '2s', '--shutdown-timeout', '3s'];
    const log: string[] = [];
    for (let k = 0; k < KILLS; k++) {
      const p = spawnRun(args);
      running.push(p);
      const before = countArticles(cfg.dbPath);
      if (k === 0) {
        await new Promise((r) => setTimeout(r, 200 + rnd() * 1_500));
      } else {
        // The k-th of KILLS slices of what is left, at a random point inside it.
        const target = Math.min(TOTAL - 1, before + Math.max(1, Math.floor(((TOTAL - before) / (KILLS - k + 1)) * (0.2 + 0.8 * rnd()))));
        await waitFor(`${target} stored before kill ${k + 1}`, () => countArticles(cfg.dbPath) >= target || p.child.exitCode !== null, RUN_TIMEOUT_MS, 20);
        await new Promise((r) => setTimeout(r, rnd() * 300));
      }
      expect(p.child.exitCode, `run ${k + 1} exited by itself:\n${p.output()}`).toBeNull();
      p.child.kill('SIGKILL');
      await p.exited;
      const after = countArticles(cfg.dbPath);
      log.push(`kill ${k + 1}: ${before} → ${after}`);
      expect(after, `kill ${k + 1} came after the run had finished (${log.join('; ')})`).toBeLessThan(TOTAL);
    }
    const last = spawnRun(args);
    running.push(last);
    await waitFor(`${TOTAL} stored after the last restart`, () => countArticles(cfg.dbPath) >= TOTAL, RUN_TIMEOUT_MS, 200);
    await new Promise((r) => setTimeout(r, 1_500));
    last.child.kill('SIGTERM');
    expect(await last.exited, last.output()).toBe(0);
    const got = snapshot(cfg.dbPath);
    expect(got.length, log.join('; ')).toBe(TOTAL);
    expect(eventCount(got)).toBe(eventCount(reference));
    expect(got).toEqual(reference);
    console.info(`crash-kills seed ${SEED}, ${TOTAL} articles, ${eventCount(got)} events: ${log.join('; ')}`);
  }, RUN_TIMEOUT_MS * 2);
});
