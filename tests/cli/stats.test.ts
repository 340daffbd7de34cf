import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsAnswer } from '../../src/api/stats-query.js';
import { displayWidth } from '../../src/text/display-width.js';
import { filledDb, type FilledDb } from '../api/store-fixture.js';
import { bin, repoRoot, requireBuiltDist } from '../built-dist.js';

requireBuiltDist();

function newsmon(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NEWSMON_CONFIG: join(repoRoot, 'config') } });
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

describe('newsmon stats (built CLI)', () => {
  let db: FilledDb;
  beforeAll(() => {
    db = filledDb();
  });
  afterAll(() => db.cleanup());

  it('prints the same answer as GET /stats with --format json', () => {
    const r = newsmon(['stats', '--db', db.dbPath, '--since', '2025-02-27', '--until', '2025-03-01', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const a = JSON.parse(r.stdout) as StatsAnswer;
    expect(a.days).toEqual(['2025-02-27', '2025-02-28', '2025-03-01']);
    expect(a.series[0]).toEqual({ key: 'huawei', total: 2, counts: [0, 0, 2] });
  });

  it('draws a chart that fits 80 columns, one row per tag', () => {
    const r = newsmon(['stats', '--db', db.dbPath, '--by', 'tag', '--since', '2025-02-01', '--until', '2025-03-01', '--width', '80']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Events per day by tag, 2025-02-01 … 2025-03-01 (29 days, UTC)');
    expect(lines[1]).toMatch(/^tag\s+total\s+share\s+per day$/);
    expect(lines.slice(2, -1).map((l) => l.split(/\s+/)[0])).toEqual(['power', 'product', 'competition', 'funding']);
    expect(lines.at(-1)!.trim()).toMatch(/^2025-02-01\s+2025-03-01$/);
    for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(80);
    expect(r.stdout).toMatch(/█/);
  });

  it.each([
    [['--by', 'day'], /--by must be entity or tag/],
    [['--since', 'soon'], /--since/],
    [['--tz', 'Nowhere/City'], /--tz/],
    [['--tag', 'ipo', '--tag', 'funding'], /--tag/],
    [['--width', '5'], /--width/],
    [['--format', 'csv'], /--format/],
  ])('a bad flag is a usage error naming it: %j', (args, message) => {
    const r = newsmon(['stats', '--db', db.dbPath, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
