import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/digest.js';
import { openStore } from '../../src/store/store.js';
import { sampleDayDb } from '../digest/store-day.js';
import { readMime, startSmtpSink, type SmtpSink } from '../digest/smtp-sink.js';

// `newsmon digest` in-process, against a real database file and a real SMTP server.
// Settings come from a config folder; the variables that would override it are cleared.

const ENV_KEYS = ['SMTP_URL', 'NEWSMON_DB', 'NEWSMON_CONFIG'] as const;
const savedEnv: Record<string, string | undefined> = {};
let db: { dir: string; dbPath: string; cleanup(): void };
let sink: SmtpSink;
let configWithSmtp: string;
let configWithout: string;

beforeAll(async () => {
  for (const k of ENV_KEYS) {
    savedEnv[k] = process.env[k];
    delete process.env[k];
  }
  const dbPath = sampleDayDb();
  db = { dir: dirname(dirname(dbPath)), dbPath, cleanup: () => rmSync(dirname(dirname(dbPath)), { recursive: true, force: true }) };
  sink = await startSmtpSink({ refuse: (a) => a.startsWith('nobody@') });
  configWithSmtp = join(db.dir, 'config-smtp');
  configWithout = join(db.dir, 'config-plain');
  const yaml = (smtp: string): string =>
    `${smtp}digest:\n  to: [analyst@example.com]\n  from: newsmon@example.org\n  timezone: Asia/Shanghai\n`;
  for (const [dir, smtp] of [[configWithSmtp, `smtp_url: ${sink.url}\n`], [configWithout, '']] as const) {
    (await import('node:fs')).mkdirSync(dir);
    writeFileSync(join(dir, 'newsmon.yaml'), yaml(smtp));
  }
});
afterAll(async () => {
  for (const k of ENV_KEYS) if (savedEnv[k] !== undefined) process.env[k] = savedEnv[k];
  await sink.close();
  db.cleanup();
});

async function cli(args: string[]): Promise<{ code: number | Error; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await run(args), out, err };
  } catch (error) {
    return { code: error as Error, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('newsmon digest', () => {
  it('prints the plain-text digest of the first recipient by default', async () => {
    const r = await cli(['--date', '2026-11-30', '--db', db.dbPath, '--config', configWithout]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^WHAT HAPPENED — 2026-11-30 \(Asia\/Shanghai\)\n40 articles · 18 stories/);
    expect(r.out).toContain('1. Moore Threads soars 425%');
  });

  it('follows the order and names of the configured watch-list', async () => {
    const dir = join(db.dir, 'config-entities');
    (await import('node:fs')).mkdirSync(dir);
    writeFileSync(join(dir, 'newsmon.yaml'), 'digest:\n  timezone: Asia/Shanghai\n');
    writeFileSync(join(dir, 'entities.yaml'), 'cambricon:\n  name: Cambricon Technologies\n  aliases: [Cambricon]\nhuawei:\n  name: Huawei\n  aliases: [Huawei]\n');
    const r = await cli(['--date', '2026-11-30', '--db', db.dbPath, '--config', dir]);
    expect(r.code).toBe(0);
    expect([...r.out.matchAll(/^(\S.*?) +\S{14} +\d+ today/gm)].map((m) => m[1])).toEqual(['Cambricon Technologies', 'Huawei']);
  });

  it('a broken watch-list is a located config error', async () => {
    const dir = join(db.dir, 'config-broken');
    (await import('node:fs')).mkdirSync(dir);
    writeFileSync(join(dir, 'entities.yaml'), 'huawei:\n  aliases: [Huawei]\n');
    const r = await cli(['--date', '2026-11-30', '--db', db.dbPath, '--config', dir]);
    expect((r.code as Error).message).toMatch(/^config error: .*entities\.yaml:1: huawei: expected "name:"/);
  });

  it('--preview writes the HTML and says where', async () => {
    const file = join(db.dir, 'preview.html');
    const r = await cli(['--date', '2026-11-30', '--preview', file, '--db', db.dbPath, '--config', configWithout]);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`digest for 2026-11-30 (Asia/Shanghai) for analyst@example.com: 18 stories from 40 articles, written to ${file}\n`);
    expect(readFileSync(file, 'utf8')).toMatch(/^<!DOCTYPE html>[\s\S]*&lt;script&gt;alert[\s\S]*<\/html>\n$/);
    expect(sink.mails).toHaveLength(0);
  });

  it('--send without an SMTP server configured is a clear error', async () => {
    const r = await cli(['--send', '--date', '2026-11-30', '--db', db.dbPath, '--config', configWithout]);
    expect(r.code).toBeInstanceOf(Error);
    expect((r.code as Error).message).toMatch(/^no SMTP server configured: set SMTP_URL/);
  });

  it('--send mails each recipient once; a second --send says it was sent; --force sends again', async () => {
    const args = ['--send', '--date', '2026-11-30', '--to', 'desk@example.com,lead@example.com', '--db', db.dbPath, '--config', configWithSmtp];
    const first = await cli(args);
    expect(first.code).toBe(0);
    expect(first.err).toMatch(/^sent digest for 2026-11-30 \(18 stories\) to desk@example\.com: <digest\.2026-11-30\.[0-9a-f]+@example\.org>\nsent digest for 2026-11-30 \(18 stories\) to lead@example\.com: <.+>\n$/);
    const second = await cli(args);
    expect(second.code).toBe(0);
    expect(second.err).toBe('digest for 2026-11-30 was already sent to desk@example.com; --force sends it again\ndigest for 2026-11-30 was already sent to lead@example.com; --force sends it again\n');
    const forced = await cli([...args, '--force']);
    expect(forced.code).toBe(0);
    expect(sink.mails.map((m) => readMime(m.raw).headers.to)).toEqual(['desk@example.com', 'lead@example.com', 'desk@example.com', 'lead@example.com']);
    const store = openStore(db.dbPath, { readonly: true });
    expect(store.digestLedger.get('lead@example.com', '2026-11-30')?.state).toBe('sent');
    store.close();
  });

  it('--send to a refusing server fails, records the error, and says the next --send retries', async () => {
    sink.mails.length = 0;
    const r = await cli(['--send', '--date', '2026-11-30', '--to', 'nobody@example.com', '--db', db.dbPath, '--config', configWithSmtp]);
    expect((r.code as Error).message).toBe('1 of 1 digest not sent; the error is recorded, and the next --send tries again');
    expect(r.err).toMatch(/^digest for 2026-11-30 to nobody@example\.com not sent: the SMTP server refused the recipient nobody@example\.com: 550/);
    const store = openStore(db.dbPath, { readonly: true });
    expect(store.digestLedger.get('nobody@example.com', '2026-11-30')).toMatchObject({ state: 'failed', lastError: expect.stringMatching(/550/) });
    store.close();
  });

  it.each([
    { name: 'a date that does not exist', args: ['--date', '2025-02-30'], message: /--date must be a calendar date/ },
    { name: 'preview and send together', args: ['--preview', 'x.html', '--send'], message: /exclusive/ },
    { name: '--force without --send', args: ['--force'], message: /--force only makes sense with --send/ },
    { name: 'a recipient that is not an address', args: ['--to', 'desk'], message: /--to must be an e-mail address, got "desk"/ },
    { name: 'a database that is not there', args: ['--db', '/nonexistent/newsmon.db'], message: /no database at \/nonexistent\/newsmon\.db/ },
  ])('$name', async ({ args, message }) => {
    const r = await cli([...args, '--config', configWithout]);
    expect(r.code).toBeInstanceOf(Error);
    expect((r.code as Error).message).toMatch(message);
  });
});
