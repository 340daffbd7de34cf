import { existsSync } from 'node:fs';
import { eventsCsv } from '../api/events-csv.js';
import { decodeCursor, encodeCursor } from '../api/cursor.js';
import { parseSince, parseUntil } from '../time/time-range.js';
import { openStore } from '../store/store.js';
import type { EventQuery, StoredEvent } from '../store/types.js';
import { CliError } from './cli-error.js';
import { defineCommand } from './command.js';
import { sharedFlags } from './shared-flags.js';
import { formatTable, type Column } from '../text/terminal-format.js';

const FORMATS = ['table', 'json', 'csv'] as const;

/** The terminal view: one event a line, the sentence clipped to what the terminal leaves it. */
export function eventsTable(events: StoredEvent[], width: number | undefined): string {
  if (events.length === 0) return 'no events\n';
  const columns: Column[] = [
    { header: 'date', max: 10 },
    { header: 'entities', max: 18 },
    { header: 'tags', max: 16 },
    { header: 'sentence', shrink: true, min: 30 },
  ];
  const rows = events.map((e) => [(e.article.published ?? '').slice(0, 10), e.entities.join(','), e.tags.join(','), e.text]);
  return `${formatTable(columns, rows, { width, gap: 1 })}\n`;
}

export const command = defineCommand({
  name: 'events',
  usage: '[--entity ID] [--tag TAG] [--since 7d|DATE] [--until DATE] [--q TEXT]\n                      [--feed ID] [--format table|json|csv] [--limit N] [--db FILE]\n                      [--cursor CURSOR | --after EVENT_ID]',
  about: `Stored events, newest first.
Paging: when more events match, the next page's cursor is printed on stderr
("next: --cursor …"); pass it back with --cursor, or give --after the id of the
last event you have. Pages never repeat or skip an event, even while new ones arrive.`,
  flags: {
    entity: { type: 'string', arg: 'ID', help: 'only events naming this watch-list entity (a key of entities.yaml)' },
    tag: { type: 'string', arg: 'TAG', help: 'only events with this tag' },
    since: { type: 'string', arg: 'S', help: 'a span back from now (30m, 24h, 7d, 2w) or a date' },
    until: { type: 'string', arg: 'D', help: 'a date or time' },
    q: { type: 'string', arg: 'TEXT', help: 'search the event\'s own sentence (words, "a phrase", prefix*, OR, -word)' },
    feed: { type: 'string', arg: 'ID', help: 'only events from this feed' },
    format: { type: 'string', default: 'table', arg: 'F', help: 'table (default), json or csv' },
    limit: { type: 'string', default: '100', arg: 'N', help: 'at most N events (default 100)' },
    cursor: { type: 'string', arg: 'CURSOR', help: 'the next page: the cursor printed after the last one' },
    after: { type: 'string', arg: 'EVENT_ID', help: 'the page after this event' },
    ...sharedFlags.db,
    ...sharedFlags.config,
  },
  async run({ values, settings: loadSettings }) {
    const format = values.format as (typeof FORMATS)[number];
    if (!FORMATS.includes(format)) throw new CliError(`--format must be one of ${FORMATS.join(', ')}, got "${values.format}"`, 2);
    const query = eventQuery(values, new Date());
    const afterId = pagingFlags(values, query);
    const settings = loadSettings();
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
      else process.stdout.write(eventsTable(events, process.stdout.isTTY ? process.stdout.columns : undefined));
      return 0;
    } finally {
      store.close();
    }
  },
});

export const run = command.run;

/** The store query the flags ask for; a usage error (exit 2) for a bad limit or time. */
function eventQuery(values: Partial<Record<'entity' | 'tag' | 'since' | 'until' | 'q' | 'feed' | 'limit', string>>, now: Date): EventQuery {
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit must be a positive whole number, got "${values.limit}"`, 2);
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
  return query;
}

/** --cursor into the query; --after's event id returned, to be looked up once the store is open. */
function pagingFlags(values: { cursor?: string | undefined; after?: string | undefined }, query: EventQuery): number | undefined {
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
