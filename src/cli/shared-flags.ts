import { existsSync } from 'node:fs';
import type { SettingsFlags } from '../config/settings.js';
import { CliError } from './cli-error.js';

// Flags that several commands take, written once: their parse options, their help line,
// and how they become Settings flags. A command lists the ones it takes:
//   flags: { ...sharedFlags.config, ...sharedFlags.db, date: { ... } }

export const sharedFlags = {
  config: { config: { type: 'string', arg: 'DIR', help: 'config folder (default: $NEWSMON_CONFIG or ./config)' } },
  db: { db: { type: 'string', arg: 'FILE', help: 'SQLite file (default: $NEWSMON_DB or ./data/newsmon.db)' } },
  redis: { redis: { type: 'string', arg: 'URL', help: 'Redis (default: $REDIS_URL or redis://127.0.0.1:6379)' } },
  allowPrivateNetwork: {
    'allow-private-network': { type: 'boolean', help: 'allow loopback/private addresses (also NEWSMON_ALLOW_PRIVATE_NETWORK=1)' },
  },
  host: { host: { type: 'string', arg: 'H', help: 'address the HTTP API listens on (config api.host; default 127.0.0.1)' } },
  port: { port: { type: 'string', arg: 'N', help: 'port of the HTTP API (config api.port; default 8787)' } },
  queuePrefix: { 'queue-prefix': { type: 'string', arg: 'P', help: 'Redis key prefix of the queues (default "newsmon")' } },
  json: { json: { type: 'boolean', help: 'print the result as JSON' } },
} as const;

/** --port as a number; a usage error (exit 2) when it is not a port. */
export function portFlag(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new CliError(`--port must be a port number 0-65535, got "${text}"`, 2);
  return port;
}

/** --format as one of `formats`; a usage error (exit 2) otherwise. */
export function formatFlag<F extends string>(text: string | undefined, formats: readonly F[]): F {
  if (!formats.includes(text as F)) throw new CliError(`--format must be one of ${formats.join(', ')}, got "${text}"`, 2);
  return text as F;
}

/** The database a reading command needs; an error saying how to make one when there is none. */
export function existingDb(path: string): string {
  if (!existsSync(path)) throw new CliError(`no database at ${path}: run "newsmon ingest --once" first, or pass --db`);
  return path;
}

/** --queue-prefix, checked: it becomes part of Redis keys. */
export function queuePrefixFlag(text: string | undefined): string | undefined {
  if (text !== undefined && !/^[A-Za-z0-9._-]+$/.test(text)) throw new CliError('--queue-prefix takes letters, digits, ".", "_" and "-"', 2);
  return text;
}

/** The Settings flags among a command's parsed values (flags left out fall back to env, then files). */
export function settingsFlags(values: Record<string, unknown>): SettingsFlags {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const port = portFlag(str('port'));
  const flags: SettingsFlags = {};
  if (str('config') !== undefined) flags.configDir = str('config');
  if (str('db') !== undefined) flags.dbPath = str('db');
  if (str('redis') !== undefined) flags.redisUrl = str('redis');
  if (str('host') !== undefined) flags.host = str('host');
  if (port !== undefined) flags.port = port;
  if (values['allow-private-network'] === true) flags.allowPrivateNetwork = true;
  return flags;
}
