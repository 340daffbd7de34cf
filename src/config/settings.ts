import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VERSION } from '../version.js';
import { parseDuration, parseSize } from '../time/duration.js';
import { DIGEST_KEYS, readDigest } from './digest-settings.js';
import { ConfigError, rejectUnknownKeys, YamlSource } from './yaml-source.js';
import type { Role, Settings } from './settings-types.js';

export type { Settings } from './settings-types.js';

/** What the command line said; anything left undefined falls back to env, then file, then default. */
export interface SettingsFlags {
  configDir?: string;
  dbPath?: string;
  redisUrl?: string;
  smtpUrl?: string;
  allowPrivateNetwork?: boolean;
  host?: string;
  port?: number;
}

const DEFAULTS: Settings = {
  configDir: './config',
  dbPath: './data/newsmon.db',
  redisUrl: 'redis://127.0.0.1:6379',
  smtpUrl: null,
  http: {
    userAgent: `newsmon/${VERSION} (news monitor; +https://github.com/newsmon/newsmon)`,
    timeoutMs: 30_000,
    connectTimeoutMs: 10_000,
    maxBytes: 10 * 1024 * 1024,
    maxRedirects: 5,
    perHostConcurrency: 2,
    perHostMinGapMs: 250,
    allowPrivateNetwork: false,
  },
  poll: { defaultIntervalMs: 15 * 60_000, maxBackoffMs: 6 * 3_600_000, jitterMs: 30_000 },
  digest: { to: [], from: 'newsmon@localhost', time: '07:00', timezone: 'UTC', onEmptyDay: 'note', recipients: [], webBase: null },
  api: { host: '127.0.0.1', port: 8787, token: null },
  concurrency: { poll: 4, extract: 8, store: 16, digest: 1 },
  log: { level: 'info' },
  // The reader pool's and the analyzer's own defaults (src/ingest/reader-pool.ts, src/analyze/analyzer.ts).
  limits: { feedCpuMs: 20_000, articleCpuMs: 30_000, maxMentions: 5_000, maxPowerFigures: 2_000, maxEvents: 2_000 },
};

const TOP_KEYS = ['db', 'redis_url', 'smtp_url', 'http', 'poll', 'digest', 'api', 'concurrency', 'log', 'limits'] as const;
const HTTP_KEYS = ['user_agent', 'timeout', 'connect_timeout', 'max_bytes', 'max_redirects', 'per_host_concurrency', 'per_host_min_gap', 'allow_private_network'] as const;
const POLL_KEYS = ['default_interval', 'max_backoff', 'jitter'] as const;
const API_KEYS = ['host', 'port'] as const;
const LIMIT_KEYS = ['feed_cpu', 'article_cpu', 'max_mentions', 'max_power_figures', 'max_events'] as const;
const ROLES = ['poll', 'extract', 'store', 'digest'] as const;
const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** Field readers that turn a YAML value into a typed one or a located error. */
class Reader {
  constructor(private readonly src: YamlSource) {}

  section(obj: Record<string, unknown>, key: string, allowed: readonly string[]): Record<string, unknown> {
    const v = obj[key];
    if (v === undefined || v === null) return {};
    if (typeof v !== 'object' || Array.isArray(v)) throw this.src.error(key, 'expected a mapping of keys');
    rejectUnknownKeys(this.src, key, v as Record<string, unknown>, allowed);
    return v as Record<string, unknown>;
  }

  str(obj: Record<string, unknown>, path: string, key: string): string | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || v.trim() === '') throw this.src.error(join2(path, key), 'expected a non-empty string');
    return v;
  }

  duration(obj: Record<string, unknown>, path: string, key: string): number | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    const ms = typeof v === 'string' || typeof v === 'number' ? parseDuration(v) : null;
    if (ms === null) throw this.src.error(join2(path, key), `expected a duration like "30s", "15m" or "1h", got ${JSON.stringify(v)}`);
    return ms;
  }

  size(obj: Record<string, unknown>, path: string, key: string): number | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    const bytes = typeof v === 'string' || typeof v === 'number' ? parseSize(v) : null;
    if (bytes === null || bytes <= 0) throw this.src.error(join2(path, key), `expected a size like "10MB" or "512KiB", got ${JSON.stringify(v)}`);
    return bytes;
  }

  int(obj: Record<string, unknown>, path: string, key: string, min: number, max: number): number | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      throw this.src.error(join2(path, key), `expected a whole number from ${min} to ${max}, got ${JSON.stringify(v)}`);
    }
    return v;
  }

  bool(obj: Record<string, unknown>, path: string, key: string): boolean | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') throw this.src.error(join2(path, key), `expected true or false, got ${JSON.stringify(v)}`);
    return v;
  }
}

function join2(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** Settings from config/newsmon.yaml (optional file), validated; unset keys keep defaults. */
export function settingsFromFile(source: YamlSource, base: Settings): Settings {
  const raw = source.value() ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw source.error('', 'expected a mapping of settings');
  const top = raw as Record<string, unknown>;
  rejectUnknownKeys(source, '', top, TOP_KEYS);
  const r = new Reader(source);
  const http = r.section(top, 'http', HTTP_KEYS);
  const poll = r.section(top, 'poll', POLL_KEYS);
  const digest = r.section(top, 'digest', DIGEST_KEYS);
  const api = r.section(top, 'api', API_KEYS);
  const concurrency = r.section(top, 'concurrency', ROLES);
  const log = r.section(top, 'log', ['level']);
  const limits = r.section(top, 'limits', LIMIT_KEYS);

  const digestSettings = readDigest(source, digest, base.digest);
  const level = r.str(log, 'log', 'level');
  if (level !== undefined && !(LOG_LEVELS as readonly string[]).includes(level)) throw source.error('log.level', `expected one of ${LOG_LEVELS.join(', ')}`);

  const conc = { ...base.concurrency };
  for (const role of ROLES) conc[role] = r.int(concurrency, 'concurrency', role, 1, 256) ?? conc[role];

  return {
    ...base,
    dbPath: r.str(top, '', 'db') ?? base.dbPath,
    redisUrl: r.str(top, '', 'redis_url') ?? base.redisUrl,
    smtpUrl: r.str(top, '', 'smtp_url') ?? base.smtpUrl,
    http: {
      userAgent: r.str(http, 'http', 'user_agent') ?? base.http.userAgent,
      timeoutMs: r.duration(http, 'http', 'timeout') ?? base.http.timeoutMs,
      connectTimeoutMs: r.duration(http, 'http', 'connect_timeout') ?? base.http.connectTimeoutMs,
      maxBytes: r.size(http, 'http', 'max_bytes') ?? base.http.maxBytes,
      maxRedirects: r.int(http, 'http', 'max_redirects', 0, 20) ?? base.http.maxRedirects,
      perHostConcurrency: r.int(http, 'http', 'per_host_concurrency', 1, 64) ?? base.http.perHostConcurrency,
      perHostMinGapMs: r.duration(http, 'http', 'per_host_min_gap') ?? base.http.perHostMinGapMs,
      allowPrivateNetwork: r.bool(http, 'http', 'allow_private_network') ?? base.http.allowPrivateNetwork,
    },
    poll: {
      defaultIntervalMs: r.duration(poll, 'poll', 'default_interval') ?? base.poll.defaultIntervalMs,
      maxBackoffMs: r.duration(poll, 'poll', 'max_backoff') ?? base.poll.maxBackoffMs,
      jitterMs: r.duration(poll, 'poll', 'jitter') ?? base.poll.jitterMs,
    },
    digest: digestSettings,
    api: { ...base.api, host: r.str(api, 'api', 'host') ?? base.api.host, port: r.int(api, 'api', 'port', 0, 65535) ?? base.api.port },
    concurrency: conc,
    log: { level: (level as Settings['log']['level'] | undefined) ?? base.log.level },
    limits: {
      feedCpuMs: r.duration(limits, 'limits', 'feed_cpu') ?? base.limits.feedCpuMs,
      articleCpuMs: r.duration(limits, 'limits', 'article_cpu') ?? base.limits.articleCpuMs,
      maxMentions: r.int(limits, 'limits', 'max_mentions', 1, 1_000_000) ?? base.limits.maxMentions,
      maxPowerFigures: r.int(limits, 'limits', 'max_power_figures', 1, 1_000_000) ?? base.limits.maxPowerFigures,
      maxEvents: r.int(limits, 'limits', 'max_events', 1, 1_000_000) ?? base.limits.maxEvents,
    },
  };
}

/**
 * config/newsmon.yaml over the defaults, without the environment or flags: what SIGHUP
 * re-reads (the digest section is taken from it; the rest is compared, see digest-reload.ts).
 */
export function fileSettings(configDir: string, source: YamlSource | null): Settings {
  const base: Settings = { ...DEFAULTS, configDir };
  return source ? settingsFromFile(source, base) : base;
}

/** A yes/no environment switch: unset is undefined; anything but the usual spellings is an error, not a guess. */
function envFlag(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^(1|true|yes|on)$/i.test(value.trim())) return true;
  if (/^(0|false|no|off)$/i.test(value.trim())) return false;
  throw new ConfigError(name, null, null, `expected 1/0, true/false, yes/no or on/off, got ${JSON.stringify(value)}`);
}

/** NEWSMON_API_TOKEN, checked: unset or empty is null; a token must be long and fit an HTTP header. */
function apiToken(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  if (!/^[\x21-\x7e]+$/.test(value)) throw new ConfigError('NEWSMON_API_TOKEN', null, null, 'expected printable ASCII without spaces (it travels in an Authorization header)');
  if (value.length < 16) throw new ConfigError('NEWSMON_API_TOKEN', null, null, `expected at least 16 characters (e.g. the output of "openssl rand -hex 32"), got ${value.length}`);
  return value;
}

/** The config folder alone, without reading any file: the flag, else NEWSMON_CONFIG, else ./config. */
export function resolveConfigDir(flag?: string, env: Record<string, string | undefined> = process.env): string {
  return resolve(flag ?? env.NEWSMON_CONFIG ?? DEFAULTS.configDir);
}

/**
 * The composition root's one read of configuration: flags override the environment,
 * which overrides config/newsmon.yaml, which overrides the defaults. The result is frozen.
 */
export function loadSettings(flags: SettingsFlags = {}, env: Record<string, string | undefined> = process.env): Readonly<Settings> {
  const configDir = resolveConfigDir(flags.configDir, env);
  const file = join(configDir, 'newsmon.yaml');
  let s: Settings = { ...DEFAULTS, configDir };
  if (existsSync(file)) s = settingsFromFile(YamlSource.read(file), s);

  // `??`, not `||`: an explicit "no" at a higher level must win over a "yes" below it (fail closed).
  const allowPrivate = flags.allowPrivateNetwork ?? envFlag('NEWSMON_ALLOW_PRIVATE_NETWORK', env.NEWSMON_ALLOW_PRIVATE_NETWORK) ?? s.http.allowPrivateNetwork;
  const port = flags.port ?? (env.NEWSMON_PORT ? Number(env.NEWSMON_PORT) : s.api.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('NEWSMON_PORT', null, null, `expected a port number, got ${JSON.stringify(env.NEWSMON_PORT)}`);
  const level = env.NEWSMON_LOG_LEVEL ?? s.log.level;
  if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new ConfigError('NEWSMON_LOG_LEVEL', null, null, `expected one of ${LOG_LEVELS.join(', ')}`);

  const settings: Settings = {
    ...s,
    dbPath: resolve(flags.dbPath ?? env.NEWSMON_DB ?? s.dbPath),
    redisUrl: flags.redisUrl ?? env.REDIS_URL ?? s.redisUrl,
    smtpUrl: flags.smtpUrl ?? env.SMTP_URL ?? s.smtpUrl,
    http: { ...s.http, allowPrivateNetwork: allowPrivate },
    api: { host: flags.host ?? env.NEWSMON_HOST ?? s.api.host, port, token: apiToken(env.NEWSMON_API_TOKEN) },
    log: { level: level as Settings['log']['level'] },
  };
  return deepFreeze(settings);
}

export function isRole(value: string): value is Role {
  return value === 'api' || (ROLES as readonly string[]).includes(value);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The options every command shares, as node:util parseArgs returns them. */
export interface CommonCliValues {
  config?: string;
  db?: string;
  redis?: string;
  'allow-private-network'?: boolean;
}

/** loadSettings from a command's parsed options: --config, --db, --redis, --allow-private-network. */
export function settingsFromCli(values: CommonCliValues, env: Record<string, string | undefined> = process.env): Readonly<Settings> {
  return loadSettings(
    {
      ...(values.config !== undefined ? { configDir: values.config } : {}),
      ...(values.db !== undefined ? { dbPath: values.db } : {}),
      ...(values.redis !== undefined ? { redisUrl: values.redis } : {}),
      ...(values['allow-private-network'] !== undefined ? { allowPrivateNetwork: values['allow-private-network'] } : {}),
    },
    env,
  );
}
