import { bindingRefusal } from '../api/door.js';
import { parseDuration } from '../time/duration.js';
import { isRole } from '../config/settings.js';
import type { Role, Settings } from '../config/settings-types.js';
import { createLogger } from '../service/logger.js';
import { RedisUnavailableError } from '../service/redis.js';
import { ALL_ROLES, startService, type ServiceOptions } from '../service/service.js';
import { untilStopSignal } from '../service/signals.js';
import { StoreError } from '../store/store.js';
import { CliError } from './cli-error.js';
import { defineCommand } from './command.js';
import { queuePrefixFlag, sharedFlags } from './shared-flags.js';

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

/** The flags that shape the service, checked: a usage error (exit 2) for a bad one. */
function serviceFlags(values: { roles?: string | undefined; 'queue-prefix'?: string | undefined; 'stall-timeout'?: string | undefined; 'shutdown-timeout'?: string | undefined; threads?: string | undefined }) {
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > 64)) {
    throw new CliError(`--threads must be a whole number from 1 to 64, got "${values.threads}"`, 2);
  }
  return {
    roles: parseRoles(values.roles),
    prefix: queuePrefixFlag(values['queue-prefix']),
    lockDurationMs: durationFlag('stall-timeout', values['stall-timeout']),
    shutdownTimeoutMs: durationFlag('shutdown-timeout', values['shutdown-timeout']),
    threads,
  };
}

export const command = defineCommand({
  name: 'run',
  usage: '[--roles poll,extract,store,digest,api] [--config DIR] [--db FILE]\n                   [--redis URL] [--host H] [--port N] [--allow-private-network]',
  about: `Runs the service against Redis: feed schedules, the workers of the chosen roles and the
HTTP API, until SIGTERM or SIGINT. All roles by default.`,
  flags: {
    roles: { type: 'string', arg: 'LIST', help: 'poll, extract, store, digest, api (comma-separated). Extract\nis stateless and may run on other machines against the same\nRedis; the others use the database file and run on its host.' },
    ...sharedFlags.config,
    ...sharedFlags.db,
    ...sharedFlags.redis,
    ...sharedFlags.host,
    ...sharedFlags.port,
    ...sharedFlags.allowPrivateNetwork,
    ...sharedFlags.queuePrefix,
    'stall-timeout': { type: 'string', arg: 'D', help: 'a job whose worker went silent this long runs again (default 30s)' },
    'shutdown-timeout': { type: 'string', arg: 'D', help: 'how long running jobs may finish on SIGTERM before they are\nhanded back to the queue (default 10s)' },
    threads: { type: 'string', arg: 'N', help: 'poll and extract roles: reader threads that parse feeds and\nread articles, each document under a time limit (default 1;\neach more thread costs ~30 MB). Or scale out with more\n"--roles extract" processes.' },
  },
  footer: `Concurrency per role: config/newsmon.yaml "concurrency". Logs: JSON lines on stdout.
SIGHUP reloads feeds.yaml, the watch-list and the digest section of newsmon.yaml
(other settings need a restart); feeds.yaml is also watched for changes.`,
  async run({ values, settings: loadSettings }) {
    const { roles, prefix, lockDurationMs, shutdownTimeoutMs, threads } = serviceFlags(values);
    const settings = loadSettings();
    // Before anything starts: no half-started service for a door that will not lock.
    const refusal = roles.includes('api') ? bindingRefusal(settings.api.host, settings.api.token ?? null) : null;
    if (refusal) throw new CliError(refusal);
    return runService(settings, { roles, ...(prefix !== undefined ? { prefix } : {}), ...(lockDurationMs !== undefined ? { lockDurationMs } : {}), ...(shutdownTimeoutMs !== undefined ? { shutdownTimeoutMs } : {}), ...(threads !== undefined ? { threads } : {}) });
  },
});

export const run = command.run;

/** Starts the service and runs it until SIGTERM/SIGINT (SIGHUP reloads); resolves with the exit code. */
async function runService(settings: Readonly<Settings>, o: Omit<ServiceOptions, 'settings' | 'log'>): Promise<number> {
  const log = createLogger(settings.log.level);
  const starting = startService({ settings, log, ...o });
  // Signals are handled from the first moment: a SIGTERM while the roles are still
  // starting (the API may already listen) waits for the start, then stops cleanly.
  const stopped = untilStopSignal({
    stop: async () => (await starting).close(),
    reload: () => starting.then((svc) => svc.reload()).catch((err: unknown) => log.error({ err }, 'reload failed')),
    say: (event, detail) => {
      if (event === 'second-signal') log.warn({ signal: detail }, 'second signal: exiting now; running jobs are picked up again after the stall timeout');
      else if (event === 'reloading') log.info({ signal: detail }, 'reloading configuration');
      else if (event === 'stop-failed') log.error({ err: detail }, 'error while stopping');
      else log.info({ signal: detail }, 'stopping');
    },
  });
  try {
    await starting;
  } catch (err) {
    if (err instanceof RedisUnavailableError || err instanceof StoreError) throw new CliError(err.message);
    if (err instanceof Error && err.message.startsWith('cannot listen on')) throw new CliError(err.message);
    throw err;
  }
  const code = await stopped;
  // Should a library leave a handle open, do not hang after a clean stop.
  setTimeout(() => process.exit(code), 1_000).unref();
  return code;
}
