import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

// Every command through main(), in-process: a usage mistake is exit 2 and a config error
// exit 78 with file, line and key, both on stderr with nothing on stdout; --help is exit 0
// on stdout. One table for all commands, so they cannot drift apart.

let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
  for (const k of ['NEWSMON_CONFIG', 'NEWSMON_DB', 'NEWSMON_PORT', 'NEWSMON_HOST', 'NEWSMON_LOG_LEVEL', 'REDIS_URL', 'SMTP_URL']) vi.stubEnv(k, undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const COMMANDS = ['extract', 'feed', 'feeds', 'ingest', 'import', 'events', 'digest', 'serve', 'run', 'status', 'reextract'];

describe('usage errors: exit 2, the message on stderr, nothing on stdout', () => {
  it.each([
    { name: 'unknown command', argv: ['frobnicate'], message: /unknown command "frobnicate"/ },
    { name: 'feed: no sub-command', argv: ['feed'], message: /missing sub-command \(expected parse\)/ },
    { name: 'feed: unknown sub-command', argv: ['feed', 'list'], message: /unknown sub-command "list"/ },
    { name: 'feed parse: no file', argv: ['feed', 'parse'], message: /give a FILE/ },
    { name: 'feed parse: bad --url', argv: ['feed', 'parse', 'x.xml', '--url', 'not a url'], message: /--url must be an absolute URL/ },
    { name: 'feed parse: unknown option', argv: ['feed', 'parse', 'x.xml', '--bogus'], message: /Unknown option '--bogus'[\s\S]*newsmon feed parse --help/ },
    { name: 'feeds: unknown sub-command', argv: ['feeds', 'frobnicate'], message: /unknown sub-command "frobnicate"/ },
    { name: 'feeds add: no URL', argv: ['feeds', 'add'], message: /missing argument; usage: newsmon feeds add URL/ },
    { name: 'feeds remove: two ids', argv: ['feeds', 'remove', 'a', 'b'], message: /unexpected argument "b"/ },
    { name: 'feeds list: bad --format', argv: ['feeds', 'list', '--format', 'xml'], message: /--format must be table or json, got "xml"/ },
    { name: 'feeds list: unknown option', argv: ['feeds', 'list', '--bogus'], message: /Unknown option '--bogus'/ },
    { name: 'extract: --text with --html', argv: ['extract', '--text', '--html'], message: /exclude each other/ },
    { name: 'ingest: without --once', argv: ['ingest'], message: /only --once is supported/ },
    { name: 'ingest: bad --threads', argv: ['ingest', '--once', '--threads', '0'], message: /--threads must be a whole number from 1 to 64/ },
    { name: 'events: bad --format', argv: ['events', '--format', 'xml'], message: /--format must be one of table, json, jsonl, csv/ },
    { name: 'events: bad --limit', argv: ['events', '--limit', '0'], message: /--limit must be a positive whole number/ },
    { name: 'events: bad --since', argv: ['events', '--since', 'last tuesday'], message: /since/ },
    { name: 'events: a stray argument', argv: ['events', 'huawei'], message: /unexpected argument "huawei"/ },
    { name: 'digest: --preview with --send', argv: ['digest', '--preview', 'x.html', '--send'], message: /exclusive/ },
    { name: 'digest: bad --date', argv: ['digest', '--date', '2025-13-01'], message: /--date must be a calendar date/ },
    { name: 'digest: bad --to', argv: ['digest', '--send', '--to', 'nobody'], message: /--to must be an e-mail address/ },
    { name: 'serve: bad --port', argv: ['serve', '--port', '70000'], message: /--port must be a port number 0-65535, got "70000"/ },
    { name: 'run: bad --roles', argv: ['run', '--roles', 'poll,cook'], message: /--roles takes a comma-separated list.*"cook"/ },
    { name: 'run: bad --queue-prefix', argv: ['run', '--queue-prefix', 'a:b'], message: /--queue-prefix takes letters/ },
    { name: 'run: bad --stall-timeout', argv: ['run', '--stall-timeout', 'soon'], message: /--stall-timeout takes a duration/ },
    { name: 'status: bad --queue-prefix', argv: ['status', '--queue-prefix', 'a b'], message: /--queue-prefix takes letters/ },
    { name: 'reextract: bad --since', argv: ['reextract', '--since', 'whenever'], message: /since/ },
  ])('$name', async ({ argv, message }) => {
    expect(await main(argv)).toBe(2);
    expect(err).toMatch(message);
    expect(out).toBe('');
  });
});

describe('--help: exit 0, on stdout', () => {
  it.each([...COMMANDS, 'feeds list', 'feeds add', 'feeds check', 'feed parse'])('%s --help', async (command) => {
    expect(await main([...command.split(' '), '--help'])).toBe(0);
    expect(out).toMatch(new RegExp(`^Usage: newsmon ${command} `));
    expect(err).toBe('');
  });
});

describe('a config error: exit 78, with file, line, key and what was expected', () => {
  const config = mkdtempSync(join(tmpdir(), 'newsmon-bad-config-'));
  writeFileSync(join(config, 'newsmon.yaml'), 'poll:\n  default_interval: often\n');
  const want = new RegExp(`config error: ${join(config, 'newsmon.yaml').replace(/[.\\/]/g, '\\$&')}:2: poll\\.default_interval: expected a duration like "30s"`);

  it.each([
    ['feeds', 'list'],
    ['feeds', 'add', 'https://a.example/feed'],
    ['feeds', 'export'],
    ['ingest', '--once'],
    ['import', '-'],
    ['events'],
    ['digest'],
    ['serve'],
    ['run'],
    ['status'],
    ['reextract'],
  ])('%s %s', async (...argv) => {
    expect(await main([...argv, '--config', config])).toBe(78);
    expect(err).toMatch(want);
    expect(out).toBe('');
  });

  it('extract, which reads only the watch-list: a typo in entities.yaml', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsmon-bad-entities-'));
    writeFileSync(join(dir, 'entities.yaml'), 'huawei:\n  name: Huawei\n  aliasses: [华为]\n');
    expect(await main(['extract', '--text', '--config', dir, '-'])).toBe(78);
    expect(err).toMatch(/config error: .*entities\.yaml:3: huawei\.aliasses: unknown key/);
    expect(out).toBe('');
  });
});
