import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../fixture-site/index.js';
import { bin, repoRoot, requireBuiltDist } from '../built-dist.js';

requireBuiltDist();

// Asynchronous on purpose: the fixture site runs in this process and must keep serving
// while the CLI runs (a spawnSync would block it).
function newsmon(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: repoRoot, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NEWSMON_CONFIG: join(repoRoot, 'config'), NEWSMON_ALLOW_PRIVATE_NETWORK: '', ...env } },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('newsmon ingest --once and newsmon events (built CLI)', () => {
  let site: FixtureSite;
  let db: string;

  beforeAll(async () => {
    site = await startFixtureSite({ seed: 11 });
    db = join(mkdtempSync(join(tmpdir(), 'newsmon-cli-')), 'news.db');
  });
  afterAll(async () => {
    await site?.close();
  });

  it('refuses a loopback feed unless private networks are allowed', async () => {
    const r = await newsmon(['ingest', '--once', '--db', db, '--feed', `${site.url}/feeds/rss.xml`, '--json']);
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.stdout) as { feedsFailed: number; failures: Array<{ kind: string }> };
    expect(summary.feedsFailed).toBe(1);
    expect(summary.failures[0]?.kind).toBe('private-address');
    expect(site.requests).toHaveLength(0);
  });

  it('ingests with --allow-private-network, then events --format json has the contract shape', async () => {
    // --force: the refused attempt above put the feed into backoff, so it is not due yet.
    const r = await newsmon(['ingest', '--once', '--db', db, '--feed', `${site.url}/feeds/rss.xml`, '--allow-private-network', '--force']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/articles: 5 stored/);

    const ev = await newsmon(['events', '--db', db, '--format', 'json', '--limit', '500']);
    expect(ev.code).toBe(0);
    const events = JSON.parse(ev.stdout) as Array<Record<string, unknown>>;
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(e).toMatchObject({ id: expect.any(Number), text: expect.any(String), entities: expect.any(Array), tags: expect.any(Array), powerFigures: expect.any(Array) });
      expect(e.article).toMatchObject({ id: expect.any(Number), url: expect.stringContaining(site.url), title: expect.any(String), feed: expect.any(String) });
      expect(e.article).toHaveProperty('published');
    }

    const huawei = JSON.parse((await newsmon(['events', '--db', db, '--format', 'json', '--entity', 'huawei'])).stdout) as Array<{ entities: string[] }>;
    expect(huawei.length).toBeGreaterThan(0);
    expect(huawei.length).toBeLessThan(events.length);
    expect(huawei.every((e) => e.entities.includes('huawei'))).toBe(true);

    const csv = await newsmon(['events', '--db', db, '--format', 'csv', '--limit', '3']);
    expect(csv.stdout.split('\n')[0]).toBe('id,published,entities,tags,power_figures,text,title,url,feed');

    const table = await newsmon(['events', '--db', db, '--limit', '3']);
    expect(table.stdout).toMatch(/^date\s+entities\s+tags\s+sentence/);
  });

  it('a missing database is a clear error, exit 1 (usage errors: usage-errors.test.ts)', async () => {
    const missing = await newsmon(['events', '--db', join(tmpdir(), 'does-not-exist.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no database at .*ingest --once/);
  });

  it('reports a config typo with file, line and key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsmon-cfg-'));
    writeFileSync(join(dir, 'newsmon.yaml'), 'http:\n  timout: 5s\n');
    const r = await newsmon(['ingest', '--once', '--db', db, '--config', dir, '--feed', `${site.url}/feeds/rss.xml`]);
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/newsmon\.yaml:2: http\.timout: unknown key \(did you mean "timeout"\?\)/);
  });
});
