import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { bin, repoRoot, requireBuiltDist } from '../built-dist.js';

// `newsmon extract` as users run it: the built CLI in a child process (npm test builds
// dist/ first). Checks the JSON Lines contract, per-file errors, stdin, gzip, GBK, and
// that stdout carries nothing but JSON.

requireBuiltDist();
const fixtures = join(repoRoot, 'tests', 'fixtures', 'extract');
const seedFile = resolve(repoRoot, '..', 'shared', 'seed', 'aicnbc-16727-china-ai-chips.txt');
const tmp = mkdtempSync(join(tmpdir(), 'newsmon-extract-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function extract(args: string[], input?: Buffer | string): { status: number | null; lines: Record<string, unknown>[]; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, 'extract', '--config', join(repoRoot, 'config'), ...args], {
    cwd: repoRoot, input, encoding: 'utf8', env: { ...process.env, NEWSMON_CONFIG: undefined },
  });
  const lines = r.stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
  return { status: r.status, lines, stdout: r.stdout, stderr: r.stderr };
}

describe('newsmon extract (built CLI)', () => {
  it('prints one JSON object per file, in order, and an error line for a file it cannot read', () => {
    const gz = join(tmp, 'blog.html.gz');
    writeFileSync(gz, gzipSync(readFileSync(join(fixtures, 'blog-sidebar.html'))));
    const r = extract([join(fixtures, 'news-inline-related.html'), join(tmp, 'missing.html'), gz]);
    expect(r.status).toBe(1);
    expect(r.lines).toHaveLength(3);
    expect(r.lines[0]).toMatchObject({ title: 'Grid operator warns of data-centre demand surge', lang: 'en' });
    expect(r.lines[0]).toMatchObject({ mentions: expect.any(Array), powerFigures: expect.any(Array), events: expect.any(Array) });
    expect(r.lines[1]).toEqual({ file: join(tmp, 'missing.html'), error: 'no such file' });
    expect(r.lines[2]).toMatchObject({ title: 'Notes from a week of benchmarking inference chips' });
  });

  it('gives the same lines, in order, when many files go through the reader threads', () => {
    // Enough files for reader threads; each file alone (in this thread) is the reference.
    const names = ['news-inline-related.html', 'blog-sidebar.html'];
    const files = Array.from({ length: 10 }, (_, i) => (i === 4 ? join(tmp, 'missing.html') : join(fixtures, names[i % 2] as string)));
    const batch = extract(['--threads', '2', ...files]);
    expect(batch.status).toBe(1);
    expect(batch.lines).toHaveLength(files.length);
    const alone = new Map(names.map((n) => [join(fixtures, n), extract([join(fixtures, n)]).lines[0]]));
    files.forEach((f, i) => {
      if (i === 4) expect(batch.lines[i]).toEqual({ file: f, error: 'no such file' });
      else expect(batch.lines[i]).toEqual(alone.get(f));
    });
  });

  it('reads a GBK page by its meta charset', () => {
    const file = join(tmp, 'zh.html');
    writeFileSync(file, iconv.encode(readFileSync(join(fixtures, 'zh-news.gbk-source.html'), 'utf8'), 'gbk'));
    const r = extract([file]);
    expect(r.status).toBe(0);
    expect(r.lines[0]).toMatchObject({ title: '国产算力芯片企业密集冲刺上市', lang: 'zh' });
    expect(String(r.lines[0]?.text)).toContain('华为昇腾和寒武纪');
  });

  it('reads standard input, as plain text with --text', () => {
    const r = extract(['--text'], 'Huawei and Nvidia both ship accelerators.\n\nThe second paragraph.');
    expect(r.status).toBe(0);
    expect(r.lines).toEqual([expect.objectContaining({ title: '', text: 'Huawei and Nvidia both ship accelerators.\nThe second paragraph.', lang: 'en' })]);
  });

  it('gives a clear result for empty input and binary junk', () => {
    expect(extract([], '').lines[0]).toMatchObject({ title: '', text: '' });
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31 + 7) % 256));
    const r = extract(['-'], junk);
    expect(r.status).toBe(0);
    expect(r.lines[0]).toMatchObject({ text: '' });
  });

  it.each([
    { name: '--text with --html', args: ['--text', '--html', 'x'] },
    { name: 'unknown option', args: ['--bogus'] },
    { name: 'bad --url', args: ['--url', 'not a url', 'x'] },
  ])('refuses $name with a usage error', ({ args }) => {
    const r = extract(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/newsmon extract/);
  });

  it.skipIf(!existsSync(seedFile))('finds the seed article\'s watch-list companies and nothing from its related list', () => {
    const lines = readFileSync(seedFile, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
    const end = lines.findIndex((l) => l.startsWith('Original article'));
    const [title = '', summary = '', ...paragraphs] = lines.slice(0, end);
    const html = readFileSync(join(fixtures, 'aicnbc-chrome.template.html'), 'utf8')
      .replaceAll('{{TITLE}}', title).replace('{{SUMMARY}}', summary)
      .replace('{{PARAGRAPHS}}', paragraphs.map((p) => `<p>${p}</p>`).join('\n'));
    const file = join(tmp, 'seed.html');
    writeFileSync(file, html);
    const r = extract([file, '--url', 'https://aicnbc.com/16727.html']);
    expect(r.status).toBe(0);
    const mentions = r.lines[0]?.mentions as { entity: string; alias: string }[];
    expect(new Set(mentions.map((m) => m.entity))).toEqual(new Set(['huawei', 'nvidia', 'moore-threads', 'metax', 'biren', 'enflame', 'cambricon']));
    // These names appear only in the page's chrome (related list, previous/next links).
    for (const alias of ['MTT S4000', 'Ascend 910C', 'MLU590', 'Blackwell', 'H20']) expect(mentions.map((m) => m.alias)).not.toContain(alias);
  });
});
