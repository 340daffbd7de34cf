import { parseArgs } from 'node:util';
import { parseDuration } from '../time/duration.js';
import { isRole, loadSettings } from '../config/settings.js';
import type { Role, Settings } from '../config/settings-types.js';
import { createLogger } from '../service/logger.js';
import { RedisUnavailableError } from '../service/redis.js';
import { ALL_ROLES, startService, type ServiceOptions } from '../service/service.js';
import { untilStopSignal } from '../service/signals.js';
import { StoreError } from '../store/store.js';
import { CliError } from './cli-error.js';
import { configErrorsAsCliErrors } from './config-errors.js';

const HELP = `Usage: newsmon run [--roles poll,extract,store,digest,api] [--config DIR] [--db FILE]
                   [--redis URL] [--host H] [--port N] [--allow-private-network]

Runs the service against Redis: feed schedules, the workers of the chosen roles and the
HTTP API, until SIGTERM or SIGINT. All roles by default.

  --roles LIST              poll, extract, store, digest, api (comma-separated). Extract
                            is stateless and may run on other machines against the same
                            Redis; the others use the database file and run on its host.
  --config DIR              config folder (default: $NEWSMON_CONFIG or ./config)
  --db FILE                 SQLite file (default: $NEWSMON_DB or ./data/newsmon.db)
  --redis URL               Redis (default: $REDIS_URL or redis://127.0.0.1:6379)
  --host H, --port N        where the api role listens (config api.host / api.port)
  --allow-private-network   allow loopback/private addresses (also NEWSMON_ALLOW_PRIVATE_NETWORK=1)
  --queue-prefix P          Redis key prefix of the queues (default "newsmon")
  --stall-timeout D         a job whose worker went silent this long runs again (default 30s)
  --shutdown-timeout D      how long running jobs may finish on SIGTERM before they are
                            handed back to the queue (default 10s)
  --threads N               extract role: threads for main text and analysis (default 1:
                            the main thread; each more thread costs ~30 MB). Or scale out
                            with more "--roles extract" processes.

Concurrency per role: config/newsmon.yaml "concurrency". Logs: JSON lines on stdout.
SIGHUP reloads feeds.yaml and the watch-list; feeds.yaml is also watched for changes.`;

export function parseRoles(text: string | undefined): Role[] {
  if (text === undefined) return [...ALL_ROLES];
  const roles = text.split(',').map((r) => r.trim()).filter(Boolean);
  const bad = roles.find((r) => !isRole(r));
  if (bad !== undefined || roles.length === 0) {
    throw new CliError(`--roles takes a comma-separated list of ${ALL_ROLES.join(', ')}${bad !== undefined ? `; got "${bad}"` : ''}`, 2);
  }
  return [...new Set(roles as Role[])];
}

function durationFlag(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === null || ms <= 0) throw new CliError(`--${name} takes a duration like "30s" or "2m", got "${text}"`, 2);
  return ms;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      roles: { type: 'string' },
      config: { type: 'string' },
      db: { type: 'string' },
      redis: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'allow-private-network': { type: 'boolean' },
      'queue-prefix': { type: 'string' },
      'stall-timeout': { type: 'string' },
      'shutdown-timeout': { type: 'string' },
      threads: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const roles = parseRoles(values.roles);
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) throw new CliError(`--port must be a port number 0-65535, got "${values.port}"`, 2);
  }
  const prefix = values['queue-prefix'];
  if (prefix !== undefined && !/^[A-Za-z0-9._-]+$/.test(prefix)) throw new CliError('--queue-prefix takes letters, digits, ".", "_" and "-"', 2);
  const lockDurationMs = durationFlag('stall-timeout', values['stall-timeout']);
  const shutdownTimeoutMs = durationFlag('shutdown-timeout', values['shutdown-timeout']);
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > 64)) {
    throw new CliError(`--threads must be a whole number from 1 to 64, got "${values.threads}"`, 2);
  }

  return configErrorsAsCliErrors(async () => {
    const settings = loadSettings({
      ...(values.config !== undefined ? { configDir: values.config } : {}),
      ...(values.db !== undefined ? { dbPath: values.db } : {}),
      ...(values.redis !== undefined ? { redisUrl: values.redis } : {}),
      ...(values.host !== undefined ? { host: values.host } : {}),
      ...(port !== undefined ? { port } : {}),
      ...(values['allow-private-network'] ? { allowPrivateNetwork: true } : {}),
    });
    return runService(settings, { roles, ...(prefix !== undefined ? { prefix } : {}), ...(lockDurationMs !== undefined ? { lockDurationMs } : {}), ...(shutdownTimeoutMs !== undefined ? { shutdownTimeoutMs } : {}), ...(threads !== undefined ? { threads } : {}) });
  });
}

/** Starts the service and runs it until SIGTERM/SIGINT (SIGHUP reloads); resolves with the exit code. */
async function runService(settings: Readonly<Settings>, o: Omit<ServiceOptions, 'settings' | 'log'>): Promise<number> {
  const log = createLogger(settings.log.level);
  let service;
  try {
    service = await startService({ settings, log, ...o });
  } catch (err) {
    if (err instanceof RedisUnavailableError || err instanceof StoreError) throw new CliError(err.message);
    if (err instanceof Error && err.message.startsWith('cannot listen on')) throw new CliError(err.message);
    throw err;
  }
  const svc = service;
  const code = await untilStopSignal({
    stop: () => svc.close(),
    reload: () => svc.reload(),
    say: (event, detail) => {
      if (event === 'second-signal') log.warn({ signal: detail }, 'second signal: exiting now; running jobs are picked up again after the stall timeout');
      else if (event === 'reloading') log.info({ signal: detail }, 'reloading configuration');
      else if (event === 'stop-failed') log.error({ err: detail }, 'error while stopping');
      else log.info({ signal: detail }, 'stopping');
    },
  });
  // Should a library leave a handle open, do not hang after a clean stop.
  setTimeout(() => process.exit(code), 1_000).unref();
  return code;
}
