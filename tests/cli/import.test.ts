import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, repoRoot, requireBuiltDist } from '../built-dist.js';

requireBuiltDist();

function newsmon(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: repoRoot, env: { ...process.env, NEWSMON_CONFIG: join(repoRoot, 'config') } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

const STORY =
  'Huawei said its Ascend 910C cluster draws 2.5 GW at full load, according to people familiar with the plan.\n' +
  'Cambricon reported revenue growth as demand for domestic accelerators rose across Chinese data centres.\n' +
  'Analysts expect the build-out to continue through next year as export controls tighten.';

const lines = [
  JSON.stringify({ url: 'https://archive.example.com/a/1', title: 'Ascend power', published: '2025-04-01T08:00:00+08:00', feed: 'archive', text: STORY }),
  JSON.stringify({ url: 'https://archive.example.com/a/2', feed: 'archive', html: `<html><head><title>Nvidia</title></head><body><article><h1>Nvidia</h1><p>${'Nvidia shipped H20 chips to Chinese customers before the new licence rules took effect. '.repeat(4)}</p></article></body></html>` }),
  '',
  '{"url": "https://archive.example.com/a/3", "text": ', // line 4: cut off
  JSON.stringify({ title: 'no url', text: STORY }), // line 5
  JSON.stringify({ url: 'https://archive.example.com/a/1?utm_source=x', text: 'Another text, same story URL once canonical.' }), // duplicate by URL
  JSON.stringify({ url: 'https://mirror.example.org/copy', text: STORY }), // duplicate by content
  JSON.stringify({ url: 'https://archive.example.com/a/8', text: STORY, html: '<p>x</p>' }), // line 8: both
  JSON.stringify({ url: 'https://archive.example.com/a/9', published: 'last tuesday', text: STORY }), // line 9
];

describe('newsmon import (built CLI)', () => {
  it('imports good lines on reader threads, reports bad ones by line, dedupes like ingest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsmon-import-'));
    const file = join(dir, 'history.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const db = join(dir, 'news.db');

    const first = await newsmon(['import', file, '--db', db, '--json', '--threads', '2']);
    expect(first.code).toBe(1);
    const summary = JSON.parse(first.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({ lines: 8, stored: 2, duplicates: 2, bad: 4, failed: 0 });
    expect(first.stderr).toContain(`${file}:4: not JSON`);
    expect(first.stderr).toContain(`${file}:5: "url" is required`);
    expect(first.stderr).toContain(`${file}:8: exactly one of "text" and "html" is required`);
    expect(first.stderr).toContain(`${file}:9: "published" is not a date`);
    expect((summary.problems as unknown[]).length).toBe(4);
    // A year apart (one undated, so fetched today): each waited without a story, and has one now.
    const cards = new Database(db, { readonly: true });
    expect(cards.prepare('SELECT count(*) AS n, count(story) AS stories FROM article_cards').get()).toEqual({ n: 2, stories: 2 });
    cards.close();

    const events = await newsmon(['events', '--db', db, '--format', 'json', '--entity', 'huawei']);
    const [ev] = JSON.parse(events.stdout) as Array<{ text: string; article: { url: string; feed: string; published: string; title: string } }>;
    expect(ev?.article).toMatchObject({ url: 'https://archive.example.com/a/1', feed: 'archive', published: '2025-04-01T00:00:00.000Z', title: 'Ascend power' });

    // The same reading as `newsmon extract --text`: one analysis path.
    const extracted = await newsmon(['extract', '--text', '-'], STORY);
    const want = (JSON.parse(extracted.stdout) as { events: Array<{ text: string }> }).events.map((e) => e.text);
    const all = await newsmon(['events', '--db', db, '--format', 'json', '--q', 'Huawei OR Cambricon OR controls']);
    expect((JSON.parse(all.stdout) as Array<{ text: string }>).map((e) => e.text).sort()).toEqual(want.sort());

    const html = await newsmon(['events', '--db', db, '--format', 'json', '--entity', 'nvidia']);
    expect((JSON.parse(html.stdout) as unknown[]).length).toBeGreaterThan(0);

    // Again from standard input: everything is already there.
    const again = await newsmon(['import', '-', '--db', db, '--json', '--threads', '1'], `${lines[0]}\n${lines[1]}\n`);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ lines: 2, stored: 0, duplicates: 2, bad: 0 });
  }, 120_000);

  it('applies newsmon.yaml limits: max_events caps each article, on reader threads and on this thread alike', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsmon-import-limits-'));
    const config = join(dir, 'config');
    cpSync(join(repoRoot, 'config'), config, { recursive: true });
    const yamlFile = join(config, 'newsmon.yaml');
    writeFileSync(yamlFile, readFileSync(yamlFile, 'utf8').replace(/^( {2}max_events:) *\d+/m, '$1 1'));
    for (const threads of ['1', '2']) {
      const db = join(dir, `news-${threads}.db`);
      const r = await newsmon(['import', '-', '--db', db, '--json', '--threads', threads, '--config', config], `${lines[0]}\n`);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ stored: 1 });
      const events = await newsmon(['events', '--db', db, '--format', 'json', '--config', config]);
      expect(JSON.parse(events.stdout) as unknown[]).toHaveLength(1); // the story has three event sentences
    }
  }, 120_000);

  it('refuses an unreadable file before touching the database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsmon-import-'));
    const res = await newsmon(['import', join(dir, 'missing.jsonl'), '--db', join(dir, 'x.db')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/cannot read .*missing\.jsonl/);
    expect(existsSync(join(dir, 'x.db'))).toBe(false);
  });
});
