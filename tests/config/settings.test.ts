import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { ConfigError } from '../../src/config/yaml-source.js';

function configDir(yaml: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'newsmon-settings-'));
  if (yaml !== null) writeFileSync(join(dir, 'newsmon.yaml'), yaml);
  return dir;
}

describe('loadSettings', () => {
  it('uses defaults when there is no file', () => {
    const s = loadSettings({ configDir: configDir(null) }, {});
    expect(s.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(s.http.maxBytes).toBe(10 * 1024 * 1024);
    expect(s.http.allowPrivateNetwork).toBe(false);
    expect(s.http.userAgent).toMatch(/^newsmon\/\d+\.\d+\.\d+/);
    expect(Object.isFrozen(s.http)).toBe(true);
  });

  it('reads the shipped config/newsmon.yaml without error', () => {
    const s = loadSettings({ configDir: join(import.meta.dirname, '..', '..', 'config') }, {});
    expect(s.api.port).toBe(8787);
  });

  it('file < env < flags', () => {
    const dir = configDir('db: /from/file.db\nredis_url: redis://file:1\nhttp:\n  timeout: 5s\n');
    const fileOnly = loadSettings({ configDir: dir }, {});
    expect(fileOnly.dbPath).toBe('/from/file.db');
    expect(fileOnly.http.timeoutMs).toBe(5000);
    const env = loadSettings({ configDir: dir }, { NEWSMON_DB: '/from/env.db', REDIS_URL: 'redis://env:2', NEWSMON_ALLOW_PRIVATE_NETWORK: '1' });
    expect(env.dbPath).toBe('/from/env.db');
    expect(env.redisUrl).toBe('redis://env:2');
    expect(env.http.allowPrivateNetwork).toBe(true);
    const flags = loadSettings({ configDir: dir, dbPath: '/from/flag.db' }, { NEWSMON_DB: '/from/env.db' });
    expect(flags.dbPath).toBe('/from/flag.db');
  });

  describe('the private-network switch: flags > env > file, in both directions', () => {
    const allowFile = () => configDir('http:\n  allow_private_network: true\n');
    const denyFile = () => configDir('http:\n  allow_private_network: false\n');
    it.each([
      ['file yes, env 0', allowFile, {}, { NEWSMON_ALLOW_PRIVATE_NETWORK: '0' }, false],
      ['file yes, env false', allowFile, {}, { NEWSMON_ALLOW_PRIVATE_NETWORK: 'false' }, false],
      ['file yes, env off', allowFile, {}, { NEWSMON_ALLOW_PRIVATE_NETWORK: 'off' }, false],
      ['file yes, env unset', allowFile, {}, {}, true],
      ['file yes, env empty', allowFile, {}, { NEWSMON_ALLOW_PRIVATE_NETWORK: '' }, true],
      ['file no, env 1', denyFile, {}, { NEWSMON_ALLOW_PRIVATE_NETWORK: '1' }, true],
      ['file yes, env 1, flag no', allowFile, { allowPrivateNetwork: false }, { NEWSMON_ALLOW_PRIVATE_NETWORK: '1' }, false],
      ['file no, env 0, flag yes', denyFile, { allowPrivateNetwork: true }, { NEWSMON_ALLOW_PRIVATE_NETWORK: '0' }, true],
    ] as const)('%s', (_name, dir, flags, env, allowed) => {
      expect(loadSettings({ configDir: dir(), ...flags }, env).http.allowPrivateNetwork).toBe(allowed);
    });
    it('a value that is neither yes nor no is an error naming the variable', () => {
      expect(() => loadSettings({ configDir: allowFile() }, { NEWSMON_ALLOW_PRIVATE_NETWORK: 'nope' })).toThrow(/NEWSMON_ALLOW_PRIVATE_NETWORK: expected 1\/0/);
    });
  });

  it.each(['newsmon@example.com', 'Newsmon Digest <digest@example.com>', 'newsmon@localhost'])('digest.from %j is accepted', (from) => {
    expect(loadSettings({ configDir: configDir(`digest:\n  from: ${JSON.stringify(from)}\n`) }, {}).digest.from).toBe(from);
  });

  it('digest recipients: each with its filters, zone, time and empty-day rule; defaults from the section', () => {
    const yaml = [
      'digest:',
      '  timezone: Asia/Shanghai',
      '  time: "06:30"',
      '  on_empty_day: skip',
      '  web_base: https://newsmon.example.org/',
      '  to: [old@example.com]',
      '  recipients:',
      '    - desk@example.com',
      '    - address: ny@example.com',
      '      companies: [nvidia, huawei]',
      '      tags: [export-control]',
      '      timezone: America/New_York',
      '      time: "08:15"',
      '      on_empty_day: note',
      '',
    ].join('\n');
    const d = loadSettings({ configDir: configDir(yaml) }, {}).digest;
    expect(d.webBase).toBe('https://newsmon.example.org');
    expect(d.to).toEqual(['old@example.com']);
    expect(d.recipients).toEqual([
      { address: 'desk@example.com', companies: null, tags: null, timezone: 'Asia/Shanghai', time: '06:30', onEmptyDay: 'skip' },
      { address: 'ny@example.com', companies: ['nvidia', 'huawei'], tags: ['export-control'], timezone: 'America/New_York', time: '08:15', onEmptyDay: 'note' },
    ]);
  });

  it('limits: CPU budgets and per-article caps, defaults when unset', () => {
    expect(loadSettings({ configDir: configDir(null) }, {}).limits).toEqual({ feedCpuMs: 20_000, articleCpuMs: 30_000, maxMentions: 5_000, maxPowerFigures: 2_000, maxEvents: 2_000 });
    const s = loadSettings({ configDir: configDir('limits:\n  article_cpu: 5s\n  max_events: 100\n') }, {});
    expect(s.limits).toMatchObject({ articleCpuMs: 5_000, maxEvents: 100, feedCpuMs: 20_000 });
  });

  it('NEWSMON_CONFIG picks the folder', () => {
    const dir = configDir('api:\n  port: 9999\n');
    expect(loadSettings({}, { NEWSMON_CONFIG: dir }).api.port).toBe(9999);
  });

  const bad: Array<[name: string, yaml: string, line: number, key: string, says: RegExp]> = [
    ['typo in a top key', 'db: x.db\nredis_ulr: redis://x\n', 2, 'redis_ulr', /did you mean "redis_url"/],
    ['typo in a nested key', 'http:\n  timeout: 5s\n  max_byte: 1MB\n', 3, 'http.max_byte', /did you mean "max_bytes"/],
    ['bad duration', 'poll:\n  default_interval: soon\n', 2, 'poll.default_interval', /duration/],
    ['bad size', 'http:\n  max_bytes: lots\n', 2, 'http.max_bytes', /size/],
    ['bad time of day', 'digest:\n  time: 25:00\n', 2, 'digest.time', /HH:MM/],
    ['bad timezone', 'digest:\n  timezone: Mars/Olympus\n', 2, 'digest.timezone', /IANA/],
    ['bad recipient', 'digest:\n  to: [not-an-address]\n', 2, 'digest.to', /e-mail/],
    ['sender with CRLF header injection', 'digest:\n  from: "a@example.com\\r\\nBcc: victim@example.com"\n', 2, 'digest.from', /no line breaks/],
    ['sender with LF', 'digest:\n  from: "Name <a@example.com>\\nX: y"\n', 2, 'digest.from', /e-mail address/],
    ['sender not an address', 'digest:\n  from: newsmon\n', 2, 'digest.from', /e-mail address/],
    ['recipient key typo', 'digest:\n  recipients:\n    - address: a@example.com\n      timezon: UTC\n', 4, 'digest.recipients.0.timezon', /did you mean "timezone"/],
    ['recipient bad zone', 'digest:\n  recipients:\n    - address: a@example.com\n      timezone: Asia/Shang\n', 4, 'digest.recipients.0.timezone', /IANA/],
    ['recipient bad time', 'digest:\n  recipients:\n    - address: a@example.com\n      time: "7am"\n', 4, 'digest.recipients.0.time', /HH:MM/],
    ['recipient bad on_empty_day', 'digest:\n  recipients:\n    - address: a@example.com\n      on_empty_day: maybe\n', 4, 'digest.recipients.0.on_empty_day', /"note".*"skip"/],
    ['recipient company not a slug', 'digest:\n  recipients:\n    - address: a@example.com\n      companies: [huawei, "Moore Threads"]\n', 4, 'digest.recipients.0.companies.1', /company id/],
    ['recipient without address', 'digest:\n  recipients:\n    - tags: [ipo]\n', 3, 'digest.recipients.0', /address/],
    ['recipient address bad', 'digest:\n  recipients:\n    - address: "a@example.com\\nBcc: b@x"\n', 3, 'digest.recipients.0.address', /e-mail/],
    ['recipient listed twice', 'digest:\n  recipients:\n    - address: a@example.com\n    - A@example.com\n', 4, 'digest.recipients.1.address', /listed twice/],
    ['recipients not a list', 'digest:\n  recipients: a@example.com\n', 2, 'digest.recipients', /list/],
    ['web_base not http', 'digest:\n  web_base: ftp://x\n', 2, 'digest.web_base', /http\(s\) URL/],
    ['bad concurrency', 'concurrency:\n  extract: 0\n', 2, 'concurrency.extract', /whole number/],
    ['section not a map', 'http: 5\n', 1, 'http', /mapping/],
    ['limits key typo', 'limits:\n  max_event: 10\n', 2, 'limits.max_event', /did you mean "max_events"/],
    ['limits bad duration', 'limits:\n  feed_cpu: forever\n', 2, 'limits.feed_cpu', /duration/],
    ['limits cap zero', 'limits:\n  max_mentions: 0\n', 2, 'limits.max_mentions', /whole number/],
  ];
  it.each(bad)('%s: names file, line and key', (_name, yaml, line, key, says) => {
    const dir = configDir(yaml);
    let error: unknown;
    try {
      loadSettings({ configDir: dir }, {});
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const e = error as ConfigError;
    expect(e.file).toBe(join(dir, 'newsmon.yaml'));
    expect(e.line).toBe(line);
    expect(e.key).toBe(key);
    expect(e.message).toMatch(says);
    expect(e.message).toContain(`newsmon.yaml:${line}: ${key}`);
  });

  it('invalid YAML names the line', () => {
    const dir = configDir('http:\n  timeout: [5s\n');
    expect(() => loadSettings({ configDir: dir }, {})).toThrow(/newsmon\.yaml:\d+: invalid YAML/);
  });
});
