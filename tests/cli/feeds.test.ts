import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { feedIdFor } from '../../src/config/feeds.js';
import { openStore } from '../../src/store/store.js';
import { bin, repoRoot, requireBuiltDist } from '../built-dist.js';

// `newsmon feeds` as a user runs it: the built CLI in a child process.
requireBuiltDist();
const fixture = join(repoRoot, 'tests', 'fixtures', 'store', 'subscriptions.opml');

function newsmon(args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, 'feeds', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    cwd: mkdtempSync(join(tmpdir(), 'newsmon-cwd-')),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function dirs(): { config: string; db: string } {
  const root = mkdtempSync(join(tmpdir(), 'newsmon-feeds-cli-'));
  return { config: join(root, 'config'), db: join(root, 'data', 'newsmon.db') };
}

describe('newsmon feeds (built CLI)', () => {
  it('add, list, remove; --config and NEWSMON_CONFIG', () => {
    const d = dirs();
    const add = newsmon(['add', 'https://www.aicnbc.com/feed', '--name', 'AI CNBC', '--interval', '10m', '--config', d.config]);
    expect(add.code).toBe(0);
    expect(add.stdout).toContain(`added ${feedIdFor('https://www.aicnbc.com/feed')}`);
    expect(newsmon(['add', 'https://example.org/rss'], { NEWSMON_CONFIG: d.config }).code).toBe(0);

    const dup = newsmon(['add', 'http://aicnbc.com/feed/', '--config', d.config]);
    expect(dup.code).not.toBe(0);
    expect(dup.stderr).toMatch(/already in the feeds file/);

    const list = newsmon(['list', '--format', 'json', '--db', d.db], { NEWSMON_CONFIG: d.config });
    expect(list.code).toBe(0);
    const feeds = JSON.parse(list.stdout) as Array<{ url: string; schedule: string; status: string }>;
    expect(feeds.map((f) => [f.url, f.schedule, f.status])).toEqual([
      ['https://www.aicnbc.com/feed', '10m', 'new'],
      ['https://example.org/rss', '15m', 'new'],
    ]);

    expect(newsmon(['remove', 'https://example.org/rss', '--config', d.config]).code).toBe(0);
    expect(readFileSync(join(d.config, 'feeds.yaml'), 'utf8')).not.toContain('example.org');
  });

  it('list shows poll state, and a feed failing for days stands out', () => {
    const d = dirs();
    expect(newsmon(['add', 'https://a.example/feed', '--name', 'Healthy', '--config', d.config]).code).toBe(0);
    expect(newsmon(['add', 'https://b.example/feed', '--name', 'Broken', '--config', d.config]).code).toBe(0);
    const now = Date.now();
    const iso = (msAgo: number) => new Date(now - msAgo).toISOString();
    const store = openStore(d.db);
    for (const [url, name] of [['https://a.example/feed', 'Healthy'], ['https://b.example/feed', 'Broken']]) store.upsertFeed({ id: feedIdFor(url as string), url: url as string, name: name as string });
    const a = feedIdFor('https://a.example/feed');
    const b = feedIdFor('https://b.example/feed');
    store.recordFeedFetch(a, { ok: true, at: iso(3_600_000), etag: null, lastModified: null, nextCheckAt: iso(-600_000), notModified: false });
    store.recordFeedFetch(b, { ok: false, at: iso(3 * 86_400_000), error: 'HTTP 503', errorKind: 'http-server-error', nextCheckAt: iso(3 * 86_400_000 - 1) });
    store.recordFeedFetch(b, { ok: false, at: iso(600_000), error: 'connect ECONNREFUSED', errorKind: 'connection', nextCheckAt: iso(-3_600_000) });
    store.close();

    const json = newsmon(['list', '--format', 'json', '--config', d.config, '--db', d.db]);
    const [healthy, broken] = JSON.parse(json.stdout) as Array<{ status: string; failingForMs: number | null; state: { failureCount: number; lastError: string } }>;
    expect(healthy).toMatchObject({ status: 'ok', failingForMs: null, state: { failureCount: 0 } });
    expect(broken).toMatchObject({ status: 'failing', state: { failureCount: 2, lastError: 'connect ECONNREFUSED' } });
    expect(broken?.failingForMs).toBeGreaterThanOrEqual(3 * 86_400_000);

    const table = newsmon(['list', '--config', d.config], { NEWSMON_DB: d.db });
    expect(table.code).toBe(0);
    const [header, rowA, rowB] = table.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID +NAME +EVERY +STATUS +LAST OK +FAILS +NEXT TRY +LAST ERROR$/);
    expect(rowA).toMatch(/Healthy .* ok .* 1h ago .* 0 .* in 10m/);
    expect(rowB).toMatch(/Broken +15m +!! failing 3d +- +2 +in 1h +connection: connect ECONNREFUSED$/);
  });

  it('import and export OPML', () => {
    const d = dirs();
    const imp = newsmon(['import', fixture, '--config', d.config]);
    expect(imp.code).toBe(0);
    expect(imp.stdout).toContain('4 added, 1 skipped, from 5 feeds');
    expect(imp.stdout).toMatch(/skipped feed:\/\/example\.org\/x: not an absolute http\(s\) URL/);
    expect(newsmon(['import', fixture, '--config', d.config]).stdout).toContain('0 added, 5 skipped');

    const out = join(d.config, 'out.opml');
    expect(newsmon(['export', out, '--config', d.config]).code).toBe(0);
    const opml = readFileSync(out, 'utf8');
    expect(opml).toContain('xmlUrl="https://www.scmp.com/rss/36/feed?a=1&amp;b=2"');
    expect(opml).toContain('title="IT之家"');
    const undated = (s: string) => s.replace(/<dateCreated>.*<\/dateCreated>/, '');
    expect(undated(newsmon(['export', '--config', d.config]).stdout)).toBe(undated(opml));
  });

  it('reports config errors with file and line, and usage errors with exit 2', () => {
    const d = dirs();
    newsmon(['add', 'https://a.example/feed', '--config', d.config]);
    writeFileSync(join(d.config, 'feeds.yaml'), 'feeds:\n  - url: https://a.example/feed\n    intervall: 5m\n');
    const bad = newsmon(['list', '--config', d.config]);
    expect(bad.code).toBe(78);
    expect(bad.stderr).toMatch(/feeds\.yaml:3: feeds\.0\.intervall: unknown key \(did you mean "interval"\?\)/);
    // The other usage errors, in-process: usage-errors.test.ts.
    expect(newsmon(['frobnicate', '--config', d.config]).code).toBe(2);
    expect(newsmon(['--help']).code).toBe(0);
  });
});
