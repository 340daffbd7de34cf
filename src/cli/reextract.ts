import { existsSync } from 'node:fs';
import { parseSince } from '../time/time-range.js';
import { DEFAULT_PREFIX, openQueues } from '../queue/queues.js';
import { clientRedis, probeRedis, RedisUnavailableError } from '../service/redis.js';
import { enqueueReextract, readReextractProgress } from '../queue/reextract.js';
import { openStore } from '../store/store.js';
import { CliError } from './cli-error.js';
import { defineCommand } from './command.js';
import { queuePrefixFlag, sharedFlags } from './shared-flags.js';

const POLL_MS = 500;

export const command = defineCommand({
  name: 'reextract',
  usage: '[--since 7d|DATE] [--config DIR] [--db FILE] [--redis URL]\n                         [--queue-prefix P] [--no-wait] [--json]',
  about: `After the watch-list (config/entities.yaml) or the tagger changes: runs the analysis
again over stored articles, from their stored text (no refetch), through the service's
queue. Each article's mentions, figures and events are replaced in one transaction.
Needs "newsmon run" (extract and store roles) to do the work; this command queues it and
shows progress until every article is done (--no-wait: queue and return). Send SIGHUP to
running extract workers first so they load the new watch-list.`,
  flags: {
    since: { type: 'string', arg: 'S', help: 'only articles published (else fetched) since S: a span (7d, 24h) or a date' },
    ...sharedFlags.config,
    ...sharedFlags.db,
    ...sharedFlags.redis,
    ...sharedFlags.queuePrefix,
    'no-wait': { type: 'boolean', help: 'queue the articles and return' },
    ...sharedFlags.json,
  },
  async run({ values, settings: loadSettings }) {
    let since: string | undefined;
    try {
      if (values.since !== undefined) since = parseSince(values.since, new Date(), '--since');
    } catch (err) {
      throw new CliError((err as Error).message, 2);
    }
    queuePrefixFlag(values['queue-prefix']);
    const settings = loadSettings();
    const prefix = values['queue-prefix'] ?? DEFAULT_PREFIX;
    if (!existsSync(settings.dbPath)) throw new CliError(`no database at ${settings.dbPath}: nothing to re-extract (or pass --db)`);
    try {
      await probeRedis(settings.redisUrl);
    } catch (err) {
      if (err instanceof RedisUnavailableError) throw new CliError(err.message);
      throw err;
    }
    const conn = clientRedis(settings.redisUrl, 'newsmon-reextract');
    await conn.connect();
    const queues = openQueues({ connection: conn, prefix });
    const store = openStore(settings.dbPath, { readonly: true });
    const tty = process.stderr.isTTY === true;
    const say = (line: string, final = false) => {
      if (tty) process.stderr.write(`\r\x1b[K${line}${final ? '\n' : ''}`);
      else if (final) process.stderr.write(`${line}\n`);
    };
    try {
      const runId = `r${Date.now().toString(36)}`;
      const total = await enqueueReextract({ store, queue: queues.extract, runId, ...(since ? { since } : {}), onProgress: (n) => say(`queued ${n} articles`) });
      say(`queued ${total} article${total === 1 ? '' : 's'} for re-extraction (run ${runId})`, true);
      if (total === 0 || values['no-wait']) {
        if (values.json) process.stdout.write(`${JSON.stringify({ runId, queued: total, done: 0, events: 0 })}\n`);
        return 0;
      }
      const [extractors, storers] = await Promise.all([queues.extract.getWorkersCount(), queues.store.getWorkersCount()]);
      if (extractors === 0 || storers === 0) {
        process.stderr.write(`no ${extractors === 0 ? 'extract' : 'store'} workers are connected: the jobs wait until "newsmon run" runs (Ctrl-C stops waiting, not the jobs)\n`);
      }
      let interrupted = false;
      const onInt = () => {
        interrupted = true;
      };
      process.once('SIGINT', onInt);
      let p = await readReextractProgress(conn, prefix, runId);
      while (p.done < total && !interrupted) {
        say(`re-extracted ${p.done}/${total}  events ${p.events}`);
        await new Promise((r) => setTimeout(r, POLL_MS));
        p = await readReextractProgress(conn, prefix, runId);
      }
      process.off('SIGINT', onInt);
      say(`re-extracted ${p.done}/${total} articles: ${p.events} events${p.missing ? `, ${p.missing} articles gone meanwhile` : ''}${interrupted ? ' (stopped waiting; the rest go on in the service)' : ''}`, true);
      if (values.json) process.stdout.write(`${JSON.stringify({ runId, queued: total, ...p })}\n`);
      return interrupted ? 130 : 0;
    } finally {
      store.close();
      await queues.close();
      conn.disconnect();
    }
  },
});

export const run = command.run;
