import { eventsCsv } from '../api/events-csv.js';
import { decodeCursor, encodeCursor } from '../api/cursor.js';
import { eventFilter, type RawEventFilter } from '../api/event-filter.js';
import { FilterError } from '../api/filter-error.js';
import { openStore } from '../store/store.js';
import type { EventQuery, StoredEvent } from '../store/types.js';
import { CliError } from './cli-error.js';
import { defineCommand } from './command.js';
import { existingDb, formatFlag, sharedFlags } from './shared-flags.js';
import { formatTable, type Column } from '../text/terminal-format.js';

const FORMATS = ['table', 'json', 'jsonl', 'csv'] as const;

/** Terminal width when stdout is not a terminal (a pipe, a file): the classic 80. */
const DEFAULT_WIDTH = 80;

/** Below this width the figures column is left out: the sentence states them, and needs the room more. */
const FIGURES_FROM = 100;

/**
 * The terminal view: one event a line, fitted to `width` columns (CJK counted two wide):
 * the sentence gives up room first, then the label columns, each clipped with "…".
 */
export function eventsTable(events: StoredEvent[], width: number): string {
  if (events.length === 0) return 'no events\n';
  const figures = width >= FIGURES_FROM;
  const columns: Column[] = [
    { header: 'date', max: 10 },
    { header: 'entities', max: 24, shrink: true, min: 8 },
    { header: 'tags', max: 20, shrink: true, min: 6 },
    ...(figures ? [{ header: 'figures', max: 16, shrink: true, min: 7 }] : []),
    { header: 'sentence', shrink: true, min: 20 },
  ];
  const rows = events.map((e) => [
    (e.article.published ?? e.article.fetchedAt).slice(0, 10), e.entities.join(','), e.tags.join(','),
    ...(figures ? [e.powerFigures.map((f) => f.text).join(', ')] : []), e.text,
  ]);
  return `${formatTable(columns, rows, { width, gap: 1 })}\n`;
}

export const command = defineCommand({
  name: 'events',
  usage: '[--entity ID]... [--match any|all] [--tag TAG]... [--feed ID] [--lang L]\n                      [--since 7d|DATE] [--until DATE] [--q TEXT] [--kind power|energy] [--min 1GW] [--max 10GW]\n                      [--format table|json|jsonl|csv] [--limit N] [--db FILE] [--cursor CURSOR | --after EVENT_ID]',
  about: `Stored events, newest first. The filters are those of GET /events, with the same
meaning and the same checks.
Paging: when more events match, the next page's cursor is printed on stderr
("next: --cursor …"); pass it back with --cursor, or give --after the id of the
last event you have. Pages never repeat or skip an event, even while new ones arrive.`,
  flags: {
    entity: { type: 'string', multiple: true, arg: 'ID', help: 'events naming this watch-list entity (a key of entities.yaml); repeat for several' },
    match: { type: 'string', arg: 'M', help: 'several --entity (--tag): "any" of them (default), or "all" in the same sentence' },
    tag: { type: 'string', multiple: true, arg: 'TAG', help: 'events with this tag; repeat for several' },
    feed: { type: 'string', arg: 'ID', help: 'only events from this feed' },
    lang: { type: 'string', arg: 'L', help: "the article's language: en, zh, ja…" },
    since: { type: 'string', arg: 'S', help: 'a span back from now (30m, 24h, 7d, 2w) or a date' },
    until: { type: 'string', arg: 'D', help: 'a date (that whole day) or a time' },
    q: { type: 'string', arg: 'TEXT', help: 'search the event\'s own sentence (words, "a phrase", prefix*, OR, -word)' },
    kind: { type: 'string', arg: 'K', help: 'events stating a power or energy figure' },
    min: { type: 'string', arg: 'X', help: 'a figure at least X, units as written: 500MW, 1 GW, 1.5 TWh' },
    max: { type: 'string', arg: 'X', help: 'a figure at most X' },
    format: { type: 'string', default: 'table', arg: 'F', help: 'table (default; fits the terminal), json, jsonl (a line per event) or csv' },
    limit: { type: 'string', default: '100', arg: 'N', help: 'at most N events (default 100)' },
    cursor: { type: 'string', arg: 'CURSOR', help: 'the next page: the cursor printed after the last one' },
    after: { type: 'string', arg: 'EVENT_ID', help: 'the page after this event' },
    ...sharedFlags.db,
    ...sharedFlags.config,
  },
  async run({ values, settings: loadSettings }) {
    const format = formatFlag(values.format, FORMATS);
    const query = eventQuery(values, new Date());
    const afterId = pagingFlags(values, query);
    const settings = loadSettings();
    existingDb(settings.dbPath);
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
      process.stdout.write(render(format, events));
      return 0;
    } finally {
      store.close();
    }
  },
});

export const run = command.run;

function render(format: (typeof FORMATS)[number], events: StoredEvent[]): string {
  if (format === 'json') return `${JSON.stringify(events, null, 2)}\n`;
  if (format === 'jsonl') return events.map((e) => `${JSON.stringify(e)}\n`).join('');
  if (format === 'csv') return eventsCsv(events);
  return eventsTable(events, process.stdout.columns || DEFAULT_WIDTH);
}

/** The store query the flags ask for: the API's filters (event-filter.ts); a usage error (exit 2) naming the flag. */
function eventQuery(values: RawEventFilter & { limit?: string | undefined }, now: Date): EventQuery {
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit must be a positive whole number, got "${values.limit}"`, 2);
  try {
    return { limit, ...eventFilter(values, now) };
  } catch (err) {
    if (err instanceof FilterError) throw new CliError(err.forFlag(), 2);
    throw err;
  }
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
