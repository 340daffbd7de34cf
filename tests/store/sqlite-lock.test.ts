import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/store.js';
import { article, tempDbPath } from './make-article.js';

// Another process holds a long write transaction on the database file (a backup tool, an
// analyst's sqlite3 shell, a second newsmon). Our writer must wait for it (busy timeout),
// then commit — not fail at once, and not write around the lock. A lock held past the
// timeout is an error that says so, with nothing half-written.

/** A separate Node process that opens the file, BEGIN IMMEDIATE, writes a row, holds the lock `holdMs`, commits. */
function holdWriteLock(dbPath: string, holdMs: number): Promise<{ committedAt: Promise<number> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.pragma('busy_timeout = 10000');
    db.exec('BEGIN IMMEDIATE');
    db.prepare("INSERT INTO feeds (id, url) VALUES ('lock-holder', 'https://lock.example/feed')").run();
    console.log('locked');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[2]));
    db.exec('COMMIT');
    console.log('committed ' + Date.now());
    db.close();`;
  const child = spawn(process.execPath, ['-e', script, dbPath, String(holdMs)], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
    const committedAt = new Promise<number>((done) => lines.on('line', (l) => l.startsWith('committed ') && done(Number(l.slice(10)))));
    lines.once('line', (l) => (l === 'locked' ? resolve({ committedAt }) : reject(new Error(l))));
  });
}

describe('the SQLite file locked by another process', () => {
  const open: Store[] = [];
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });

  it('a 2 s write transaction elsewhere: the writer waits, then commits, and both writes are there', async () => {
    const dbPath = tempDbPath();
    const store = openStore(dbPath); // default busy timeout: 5 s
    open.push(store);
    const lock = await holdWriteLock(dbPath, 2_000);
    const started = Date.now();
    const result = store.saveArticle(article(1));
    const finished = Date.now();
    expect(result.status).toBe('inserted');
    const committedAt = await lock.committedAt;
    // It waited for the other commit, not around it.
    expect(finished).toBeGreaterThanOrEqual(committedAt);
    expect(finished - started).toBeGreaterThan(1_000);
    expect(store.stats().articles).toBe(1);
    expect(store.getFeed('lock-holder')?.url).toBe('https://lock.example/feed');
  }, 30_000);

  it('a lock held past the busy timeout: a clear "locked" error, nothing half-written, the retry succeeds', async () => {
    const dbPath = tempDbPath();
    const store = openStore(dbPath, { busyTimeoutMs: 300 });
    open.push(store);
    const lock = await holdWriteLock(dbPath, 2_000);
    expect(() => store.saveArticle(article(2))).toThrow(/database is locked/);
    await lock.committedAt;
    expect(store.stats().articles).toBe(0);
    expect(store.saveArticle(article(2)).status).toBe('inserted');
    expect(store.stats()).toMatchObject({ articles: 1 });
  }, 30_000);
});
