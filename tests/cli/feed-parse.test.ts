import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { bin, repoRoot, requireBuiltDist } from '../built-dist.js';

// `newsmon feed parse` as a user runs it: the built CLI (npm test builds first).
requireBuiltDist();
const fixtures = path.join(repoRoot, 'tests', 'fixtures', 'feed');

function newsmon(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8', input, timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('newsmon feed parse (built CLI)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsmon-feed-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('one file prints one normalized feed as JSON', () => {
    const r = newsmon(['feed', 'parse', path.join(fixtures, 'rss2.xml'), '--url', 'https://news.example.com/feeds/ai.xml']);
    expect(r.code).toBe(0);
    const feed = JSON.parse(r.stdout);
    expect(Object.keys(feed)).toEqual(['title', 'link', 'description', 'items', 'language']);
    expect(Object.keys(feed.items[0])).toEqual(['id', 'title', 'link', 'published', 'updated', 'author', 'summary', 'content']);
    expect(feed.items[0].link).toBe('https://news.example.com/news/2024/05/ascend-910c.html?utm_source=rss&id=7');
  });

  test('several files give JSON Lines in order; a bad file gives { file, error } and exit code 1', () => {
    const bad = path.join(dir, 'bad.xml');
    writeFileSync(bad, '<rss><channel><item><title>cut');
    const r = newsmon(['feed', 'parse', path.join(fixtures, 'atom.xml'), bad, path.join(dir, 'missing.xml'), path.join(fixtures, 'rdf.xml')]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0].title).toBe('Moore Threads & MetaX watch');
    expect(lines[1]).toEqual({ file: bad, error: expect.stringMatching(/truncated/), code: 'malformed' });
    expect(lines[2]).toMatchObject({ file: path.join(dir, 'missing.xml'), code: 'unreadable' });
    expect(lines[3].title).toBe('RDF Site Summary');
  });

  test('- reads standard input', () => {
    const r = newsmon(['feed', 'parse', '-'], '<rss version="2.0"><channel><title>stdin</title></channel></rss>');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).title).toBe('stdin');
  });

  test('--timezone reads dates written without a zone in that zone; a bad zone is exit 2 naming the flag', () => {
    const rss = '<rss version="2.0"><channel><title>t</title><item><guid>a</guid><pubDate>2026-03-08 09:30:00</pubDate></item></channel></rss>';
    const utc = newsmon(['feed', 'parse', '-'], rss);
    expect(JSON.parse(utc.stdout).items[0].published).toBe('2026-03-08T09:30:00Z');
    // The US changed to daylight time at 02:00 that morning: 09:30 is UTC-4, not UTC-5.
    const ny = newsmon(['feed', 'parse', '-', '--timezone', 'america/new_york'], rss);
    expect(ny.code).toBe(0);
    expect(JSON.parse(ny.stdout).items[0].published).toBe('2026-03-08T13:30:00Z');
    const bad = newsmon(['feed', 'parse', '-', '--timezone', '+08:00'], rss);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/--timezone must be an IANA time zone.*"\+08:00"/);
  });

  test('a usage error is exit 2, the message on stderr, nothing on stdout (more cases: usage-errors.test.ts)', () => {
    const r = newsmon(['feed', 'parse', 'x.xml', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Unknown option '--bogus'/);
  });
});
