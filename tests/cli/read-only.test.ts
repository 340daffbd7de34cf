import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, repoRoot, requireBuiltDist } from '../built-dist.js';
import { openStore, type Store } from '../../src/store/store.js';
import { article } from '../store/make-article.js';

// Read-only commands on a database file the user may read but not write, nor create
// files beside (a WAL database's -shm). Root may write anything, so under root the
// commands run as "nobody"; as another user, as that user.

requireBuiltDist();
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: repoRoot, env: { ...process.env, NEWSMON_CONFIG: join(repoRoot, 'config') }, ...(isRoot ? { uid: NOBODY, gid: NOBODY } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A folder (and file) nobody but the owner may write: the database inside was written and closed. */
function lockedDb(articles: number): { dir: string; db: string } {
  const dir = mkdtempSync(join(tmpdir(), 'newsmon-ro-test-'));
  const db = join(dir, 'news.db');
  const store = openStore(db);
  for (let n = 1; n <= articles; n++) store.saveArticle(article(n, { published: `2025-03-${String(n).padStart(2, '0')}T08:00:00Z` }));
  store.close();
  chmodSync(db, 0o444);
  chmodSync(dir, 0o555);
  return { dir, db };
}

describe('read-only commands on a database they cannot write (built CLI)', () => {
  let locked: { dir: string; db: string };
  beforeAll(() => {
    locked = lockedDb(3);
  });
  afterAll(() => {
    chmodSync(locked.dir, 0o755);
  });

  it('the test user really cannot write there', async () => {
    const probe = join(locked.dir, 'probe');
    const res = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(probe)}, 'x')`], isRoot ? { uid: NOBODY, gid: NOBODY } : {});
      child.on('close', (code) => resolve(code ?? 1));
    });
    // If this fails the rest proves nothing: the user could create the -shm.
    expect(res).not.toBe(0);
    expect(existsSync(probe)).toBe(false);
  });

  it('events reads it, and pages with --cursor and --after', async () => {
    const all = await run(['events', '--db', locked.db, '--format', 'json']);
    expect(all.code, all.stderr).toBe(0);
    const ids = (JSON.parse(all.stdout) as Array<{ id: number }>).map((e) => e.id);
    expect(ids).toHaveLength(6);

    const first = await run(['events', '--db', locked.db, '--format', 'json', '--limit', '4']);
    const cursor = /next: --cursor (\S+)/.exec(first.stderr)?.[1];
    expect(cursor).toBeDefined();
    const second = await run(['events', '--db', locked.db, '--format', 'json', '--limit', '4', '--cursor', cursor!]);
    expect(second.stderr).not.toMatch(/next:/);
    expect([...JSON.parse(first.stdout), ...JSON.parse(second.stdout)].map((e: { id: number }) => e.id)).toEqual(ids);

    const after = await run(['events', '--db', locked.db, '--format', 'json', '--after', String(ids[1])]);
    expect((JSON.parse(after.stdout) as Array<{ id: number }>).map((e) => e.id)).toEqual(ids.slice(2));

    const bad = await run(['events', '--db', locked.db, '--cursor', 'garbage!']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"--cursor" is not a cursor/);
    expect(existsSync(`${locked.db}-shm`)).toBe(false);
  }, 60_000);

  it('digest --preview reads it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'newsmon-ro-preview-'));
    chmodSync(out, 0o777);
    const res = await run(['digest', '--db', locked.db, '--date', '2025-03-02', '--preview', join(out, 'digest.html')]);
    expect(res.code, res.stderr).toBe(0);
    expect(existsSync(join(out, 'digest.html'))).toBe(true);
  }, 60_000);

  it('serve answers /healthz and /events from it', async () => {
    const port = await freePort();
    const child: ChildProcess = spawn(process.execPath, [bin, 'serve', '--db', locked.db, '--port', String(port)], {
      cwd: repoRoot, env: { ...process.env, NEWSMON_CONFIG: join(repoRoot, 'config') }, ...(isRoot ? { uid: NOBODY, gid: NOBODY } : {}),
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      let health: Response | null = null;
      for (let i = 0; i < 100 && !health; i++) {
        health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
        if (!health) await new Promise((r) => setTimeout(r, 100));
      }
      expect(health?.status, stderr).toBe(200);
      const events = await fetch(`http://127.0.0.1:${port}/events?entity=huawei`);
      expect(((await events.json()) as unknown[]).length).toBe(3);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);

  it('sees the newest commit while a writer has it open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsmon-ro-live-'));
    const db = join(dir, 'news.db');
    const writer: Store = openStore(db);
    try {
      writer.saveArticle(article(1));
      chmodSync(dir, 0o555);
      writer.saveArticle(article(2, { published: '2025-04-01T00:00:00Z' }));
      const res = await run(['events', '--db', db, '--format', 'json', '--limit', '1']);
      expect(res.code, res.stderr).toBe(0);
      expect((JSON.parse(res.stdout) as Array<{ article: { published: string } }>)[0]?.article.published).toBe('2025-04-01T00:00:00.000Z');
    } finally {
      chmodSync(dir, 0o755);
      writer.close();
    }
  }, 60_000);
});


