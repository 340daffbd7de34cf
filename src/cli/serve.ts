import type { FastifyServerOptions } from 'fastify';
import { buildApi } from '../api/build-api.js';
import type { WatchedEntity } from '../api/routes/entities.js';
import { readEntitiesFile } from '../config/entities.js';
import { watchListFile } from '../config/config-files.js';
import { bindingRefusal } from '../api/door.js';
import type { Settings } from '../config/settings-types.js';
import { untilStopSignal } from '../service/signals.js';
import { PooledReadStore } from '../store/pooled-store.js';
import { StoreError } from '../store/store.js';
import { CliError } from './cli-error.js';
import { defineCommand } from './command.js';
import { existingDb, sharedFlags } from './shared-flags.js';

/** How long in-flight requests get after SIGTERM before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 10_000;

export const command = defineCommand({
  name: 'serve',
  usage: '[--host H] [--port N] [--db FILE] [--config DIR] [--readers N] [--query-timeout MS]',
  about: `Runs the HTTP API alone, over a read-only connection to the database:
  GET /events   ?entity= (repeatable) &tag= (repeatable) &match=any|all &feed= &lang=
                &since=7d|24h|YYYY-MM-DD|ISO &until= &q= &kind=power|energy &min=1GW &max=10GW
                &limit=(1-1000) &cursor=   (a full page links the next: Link rel="next")
  GET /events.csv   the same, as CSV
  GET /events/:id   GET /articles/:id (with its events)   GET /entities (watch-list, counts)
  GET /stats    ?by=entity|tag &since=30d &until= &entity= &tag= &feed= &tz=Asia/Shanghai
                (events per day per entity or tag)
  GET /feeds   GET /healthz   GET /metrics   GET /openapi.json (the full description)
  GET /         the web page (filters in its URL; a view is a link)
Binds 127.0.0.1 by default. On any other address it needs NEWSMON_API_TOKEN, and then
every route but /healthz wants "Authorization: Bearer <token>" (so it does on loopback when set).
Stops on SIGTERM or SIGINT, finishing the requests in flight (at most 10 s).`,
  flags: {
    ...sharedFlags.host,
    ...sharedFlags.port,
    ...sharedFlags.db,
    ...sharedFlags.config,
    readers: { type: 'string', arg: 'N', help: 'threads (read connections) that run the queries (default 2)' },
    'query-timeout': { type: 'string', arg: 'MS', help: 'a query unanswered this long is a 503 with Retry-After (default 2000)' },
  },
  async run({ values, settings: loadSettings }) {
    const readers = values.readers === undefined ? undefined : Number(values.readers);
    if (readers !== undefined && (!Number.isInteger(readers) || readers < 1 || readers > 32)) throw new CliError(`--readers must be a whole number from 1 to 32, got "${values.readers}"`, 2);
    const queryTimeoutMs = values['query-timeout'] === undefined ? undefined : Number(values['query-timeout']);
    if (queryTimeoutMs !== undefined && (!Number.isInteger(queryTimeoutMs) || queryTimeoutMs < 1)) throw new CliError(`--query-timeout must be a whole number of milliseconds, got "${values['query-timeout']}"`, 2);
    const settings = loadSettings();
    const entities = readEntitiesFile(watchListFile(settings.configDir)).map(({ id, name }) => ({ id, name }));
    return serve({ settings, entities, logger: { level: settings.log.level }, ...(readers !== undefined ? { readers } : {}), ...(queryTimeoutMs !== undefined ? { queryTimeoutMs } : {}) });
  },
});

export const run = command.run;

export interface ServeOptions {
  settings: Pick<Settings, 'dbPath' | 'api'>;
  logger?: FastifyServerOptions['logger'];
  /** Where SIGTERM/SIGINT come from: the process, or a test's emitter. */
  signals?: NodeJS.EventEmitter;
  onListening?: (url: string) => void;
  /** The watch-list GET /entities lists. */
  entities?: readonly WatchedEntity[];
  /** Read threads (connections) for queries; default 2. */
  readers?: number;
  /** A query still unanswered after this long is a 503; default 2000. */
  queryTimeoutMs?: number;
}

/** Serves the API until a signal; resolves with the exit code. */
export async function serve(o: ServeOptions): Promise<number> {
  const { dbPath, api } = o.settings;
  const refusal = bindingRefusal(api.host, api.token ?? null);
  if (refusal) throw new CliError(refusal);
  existingDb(dbPath);
  let store: PooledReadStore;
  try {
    store = PooledReadStore.open(dbPath, { ...(o.readers !== undefined ? { size: o.readers } : {}), ...(o.queryTimeoutMs !== undefined ? { timeoutMs: o.queryTimeoutMs } : {}) });
  } catch (err) {
    if (err instanceof StoreError) throw new CliError(err.message);
    throw err;
  }
  const app = buildApi({ store, closeStore: true, token: api.token ?? null, logger: o.logger ?? false, ...(o.entities ? { entities: o.entities } : {}) });
  let url: string;
  try {
    url = await app.listen({ host: api.host, port: api.port });
  } catch (err) {
    await app.close();
    throw new CliError(`cannot listen on ${api.host}:${api.port}: ${(err as Error).message}`);
  }
  o.onListening?.(url);
  return untilStopSignal({
    stop: () => app.close(),
    ...(o.signals ? { signals: o.signals } : {}),
    deadlineMs: SHUTDOWN_DEADLINE_MS,
    say: (event, detail) => {
      if (event === 'second-signal') process.stderr.write(`newsmon serve: ${detail} again, exiting now\n`);
      else if (event === 'deadline') process.stderr.write(`newsmon serve: requests still open after ${SHUTDOWN_DEADLINE_MS / 1000}s, exiting\n`);
      else if (event === 'stop-failed') process.stderr.write(`newsmon serve: error while closing: ${detail}\n`);
    },
  });
}
