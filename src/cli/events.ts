import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { eventsCsv } from '../api/events-csv.js';
import { decodeCursor, encodeCursor } from '../api/cursor.js';
import { parseSince, parseUntil } from '../time/time-range.js';
import { settingsFromCli } from '../config/settings.js';
import { openStore } from '../store/store.js';
import type { EventQuery, StoredEvent } from '../store/types.js';
import { CliError } from './cli-error.js';
import { configErrorsAsCliErrors } from './config-errors.js';

const HELP = `Usage: newsmon events [--entity ID] [--tag TAG] [--since 7d|DATE] [--until DATE] [--q TEXT]
                      [--feed ID] [--format table|json|csv] [--limit N] [--db FILE]
                      [--cursor CURSOR | --after EVENT_ID]

Stored events, newest first. --since takes a span back from now (30m, 24h, 7d, 2w) or a date;
--q searches the event's own sentence (words, "a phrase", prefix*, OR, -word).
Paging: when more events match, the next page's cursor is printed on stderr
("next: --cursor …"); pass it back with --cursor, or give --after the id of the
last event you have. Pages never repeat or skip an event, even while new ones arrive.`;

const FORMATS = ['table', 'json', 'csv'] as const;

export function eventsTable(events: StoredEvent[], width: number): string {
  if (events.length === 0) return 'no events\n';
  const textWidth = Math.max(30, width - 48);
  const lines = events.map((e) => {
    const date = (e.article.published ?? '').slice(0, 10).padEnd(10);
    const who = e.entities.join(',').slice(0, 18).padEnd(18);
    const tags = e.tags.join(',').slice(0, 16).padEnd(16);
    const text = e.text.replace(/\s+/g, ' ');
    return `${date} ${who} ${tags} ${text.length > textWidth ? `${text.slice(0, textWidth - 1)}…` : text}`;
  });
  return `${'date'.padEnd(10)} ${'entities'.padEnd(18)} ${'tags'.padEnd(16)} sentence\n${lines.join('\n')}\n`;
}

/** --cursor into the query; --after's event id returned, to be looked up once the store is open. */
function pagingFlags(values: { cursor?: string; after?: string }, query: EventQuery): number | undefined {
  if (values.cursor !== undefined && values.after !== undefined) throw new CliError('--cursor and --after exclude each other', 2);
  if (values.cursor !== undefined) {
    try {
      query.after = decodeCursor(values.cursor, '--cursor');
    } catch (err) {
      throw new CliError((err as Error).message.replace(' (follow the Link header\'s rel="next")', ''), 2);
    }
  }
  const afterId = values.after === undefined ? undefined : Number(values.after);
  if (afterId !== undefined && (!Number.isSafeInteger(afterId) || afterId < 1)) throw new CliError(`--after must be an event id, got "${values.after}"`, 2);
  return afterId;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      entity: { type: 'string' }, tag: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' },
      q: { type: 'string' }, feed: { type: 'string' }, format: { type: 'string', default: 'table' },
      limit: { type: 'string', default: '100' }, db: { type: 'string' }, config: { type: 'string' },
      cursor: { type: 'string' }, after: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new CliError(`--format must be one of ${FORMATS.join(', ')}, got "${values.format}"`, 2);
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit must be a positive whole number, got "${values.limit}"`, 2);
  const now = new Date();
  const query: EventQuery = { limit };
  try {
    if (values.since !== undefined) query.since = parseSince(values.since, now);
    if (values.until !== undefined) query.until = parseUntil(values.until, now);
  } catch (err) {
    throw new CliError((err as Error).message, 2);
  }
  if (values.entity !== undefined) query.entity = values.entity;
  if (values.tag !== undefined) query.tag = values.tag;
  if (values.q !== undefined) query.q = values.q;
  if (values.feed !== undefined) query.feed = values.feed;
  const afterId = pagingFlags(values, query);

  return configErrorsAsCliErrors(async () => {
    const settings = settingsFromCli(values);
    if (!existsSync(settings.dbPath)) throw new CliError(`no database at ${settings.dbPath}: run "newsmon ingest --once" first, or pass --db`);
    const store = openStore(settings.dbPath, { readonly: true });
    try {
      if (afterId !== undefined) {
        const at = store.eventPosition(afterId);
        if (!at) throw new CliError(`--after: no event ${afterId}`, 2);
        query.after = at;
      }
      const { events, next } = store.queryEventPage(query);
      // On stderr, so stdout stays one clean JSON/CSV document to pipe.
      if (next) process.stderr.write(`next: --cursor ${encodeCursor(next)}\n`);
      if (format === 'json') process.stdout.write(`${JSON.stringify(events, null, 2)}\n`);
      else if (format === 'csv') process.stdout.write(eventsCsv(events));
      else process.stdout.write(eventsTable(events, process.stdout.columns ?? 120));
      return 0;
    } finally {
      store.close();
    }
  });
}
