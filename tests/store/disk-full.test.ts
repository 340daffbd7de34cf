import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedIdFor } from '../../src/config/feeds.js';
import { startFixtureSite, type FixtureSite } from '../fixture-site/index.js';
import { ensureBuilt, repoRoot, runCli } from '../service/harness.js';
import { referenceRun, snapshot, type ArticleRow } from '../service/robust-harness.js';

// Disk full, for real: `newsmon ingest --once` writes its database on a 1.5 MB tmpfs that
// fills up mid-run. The tmpfs is mounted in a private mount namespace (`unshare -rm`: no
// root needed where user namespaces are allowed, nothing mounted on the host), and the
// database is copied out before the namespace goes away. Chosen over SQLite's
// max_page_count because that is a per-connection setting the store's own connection
// never sees, and because a real ENOSPC also exercises the WAL and the OS's answer.
//
// Expected: the run reports the full disk (store-error lines, exit 1) instead of crashing
// or hiding it; what was stored is whole (integrity check, each article equal to the
// reference run's, events included); and nothing is lost — the next pass, with space,
// stores the rest.

const canUnshare = spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs "$(mktemp -d)"']).status === 0;

describe.skipIf(!canUnshare)('disk full during ingest --once (tmpfs in a private mount namespace)', () => {
  let site: FixtureSite;
  let reference: ArticleRow[];
  let feedArgs: string[];

  beforeAll(async () => {
    ensureBuilt();
    site = await startFixtureSite({ seed: 4, log: false, corpus: { feeds: 3, articles: 15, minBytes: 40_000, maxBytes: 80_000 } });
    const feeds = site.corpus!.feedUrls().map((url, i) => ({ id: `f${i}`, url }));
    feedArgs = feeds.flatMap((f) => ['--feed', f.url]);
    // The ids `ingest --feed URL` gives, so the reference's feed ids match.
    reference = await referenceRun(feeds.map((f) => ({ ...f, id: feedIdFor(f.url) })));
  }, 120_000);

  afterAll(async () => {
    await site?.close();
  });

  it('is reported (exit 1, store-error), keeps what was stored whole, and the next pass stores the rest', async () => {
    const out = mkdtempSync(join(tmpdir(), 'newsmon-diskfull-'));
    const mnt = join(out, 'mnt');
    mkdirSync(mnt);
    const dbIn = join(mnt, 'newsmon.db');
    const cmd = [process.execPath, join(repoRoot, 'bin', 'newsmon.js'), 'ingest', '--once', '--json', '--quiet', '--allow-private-network', '--db', dbIn, ...feedArgs]
      .map((a) => `'${a.replace(/'/g, "'\\''")}'`)
      .join(' ');
    const script = `mount -t tmpfs -o size=1536k tmpfs '${mnt}' || exit 90; ${cmd} > '${out}/stdout' 2> '${out}/stderr'; echo $? > '${out}/code'; df -k '${mnt}' > '${out}/df'; cp '${mnt}'/newsmon.db* '${out}/'`;
    // Not spawnSync: the fixture site answers from this process's event loop.
    const status = await new Promise<number | null>((resolve) => spawn('unshare', ['-rm', 'sh', '-c', script], { cwd: repoRoot, stdio: 'ignore' }).on('exit', resolve));
    expect(status).toBe(0);
    const read = (f: string) => readFileSync(join(out, f), 'utf8');
    const stderr = read('stderr');
    expect(Number(read('code')), `${stderr}\n${read('stdout')}`).toBe(1);
    expect(stderr, 'no crash trace').not.toMatch(/\n\s+at /);
    expect(stderr).toMatch(/could not store some articles/);
    const summary = JSON.parse(read('stdout').trim().split('\n').at(-1) as string) as { articlesStored: number; failures: Array<{ kind: string; message: string }> };
    const full = summary.failures.filter((f) => f.kind === 'store-error');
    expect(full.length).toBeGreaterThan(0);
    expect(full[0]?.message).toMatch(/disk is full/);
    expect(summary.articlesStored).toBeLessThan(reference.length);

    const db = join(out, 'newsmon.db');
    expect(existsSync(db)).toBe(true);
    const check = new Database(db);
    try {
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      check.close();
    }
    const stored = snapshot(db);
    const byUrl = new Map(reference.map((row) => [row[0], row]));
    for (const row of stored) expect(row, 'a stored article is whole').toEqual(byUrl.get(row[0]));

    // Nothing is lost: an article that could not be stored is not marked seen either.
    const seen = new Database(db, { readonly: true });
    try {
      const unstoredButSeen = seen.prepare('SELECT count(*) AS n FROM feed_items WHERE article_id IS NULL AND url NOT IN (SELECT url FROM articles)').get() as { n: number };
      expect(unstoredButSeen.n).toBe(0);
    } finally {
      seen.close();
    }
    // Space again (the same file, now on an ordinary disk): the next pass stores the rest,
    // each article once — the feeds are fetched in full again, since the validators are
    // not kept while a feed's items still need work.
    const again = await runCli(['ingest', '--once', '--force', '--json', '--quiet', '--allow-private-network', '--db', db, ...feedArgs]);
    expect(again.code, again.stderr).toBe(0);
    expect(snapshot(db)).toEqual(reference);
  }, 300_000);
});
