import { ApiError } from '../api/errors.js';
import { statsAnswer, statsPlan, type StatsAnswer, type StatsParams } from '../api/stats-query.js';
import { openStore } from '../store/store.js';
import { dayChart } from '../text/day-chart.js';
import { clipToWidth } from '../text/display-width.js';
import { TimeRangeError } from '../time/time-range.js';
import { CliError } from './cli-error.js';
import { defineCommand } from './command.js';
import { existingDb, formatFlag, sharedFlags } from './shared-flags.js';

const FORMATS = ['table', 'json'] as const;
const DEFAULT_WIDTH = 80;

/** The terminal view: a heading, then the chart (or a line saying there is nothing). */
export function statsText(a: StatsAnswer, width: number): string {
  const span = `${a.days[0]} … ${a.days.at(-1)} (${a.days.length} day${a.days.length === 1 ? '' : 's'}, ${a.tz})`;
  const head = `${clipToWidth(`Events per day by ${a.by}, ${span}`, width)}\n`;
  if (!a.series.length) return `${head}no events\n`;
  const rows = a.series.map((s) => ({ label: s.key, total: s.total, counts: s.counts }));
  return head + dayChart(rows, { width, labelHeader: a.by, firstDay: a.days[0] as string, lastDay: a.days.at(-1) as string });
}

function params(values: Record<string, string | string[] | boolean | undefined>): StatsParams {
  const by = values.by as string;
  if (by !== 'entity' && by !== 'tag') throw new CliError(`--by must be entity or tag, got "${by}"`, 2);
  const p: StatsParams = { by };
  for (const name of ['since', 'until', 'feed', 'tz'] as const) {
    if (typeof values[name] === 'string') p[name] = values[name] as string;
  }
  if (Array.isArray(values.entity)) p.entity = values.entity;
  if (Array.isArray(values.tag)) p.tag = values.tag;
  return p;
}

function widthFlag(text: string | undefined, isTTY: boolean, columns: number | undefined): number {
  if (text === undefined) return isTTY && columns ? columns : DEFAULT_WIDTH;
  const w = Number(text);
  if (!Number.isInteger(w) || w < 40 || w > 1000) throw new CliError(`--width must be a whole number of columns from 40 to 1000, got "${text}"`, 2);
  return w;
}

export const command = defineCommand({
  name: 'stats',
  usage: '[--by entity|tag] [--since 30d|DATE] [--until DATE] [--entity ID]... [--tag TAG]...\n                     [--feed ID] [--tz ZONE] [--format table|json] [--width N] [--db FILE]',
  about: `Events per day per entity (or per tag) over a range, as a small bar chart or as JSON
(the same answer as GET /stats). The range is widened to whole days in --tz. Each row's
sparkline is drawn against its own busiest day; the bar compares the totals.`,
  flags: {
    by: { type: 'string', default: 'entity', arg: 'WHAT', help: 'one row per entity (default) or per tag' },
    since: { type: 'string', arg: 'S', help: 'a span back from now (7d, 2w) or a date (default 30d)' },
    until: { type: 'string', arg: 'D', help: 'a date (its whole day) or time (default now)' },
    entity: { type: 'string', multiple: true, arg: 'ID', help: '--by entity: the rows to show (default all with events);\n--by tag: count only events naming this entity' },
    tag: { type: 'string', multiple: true, arg: 'TAG', help: '--by tag: the rows to show; --by entity: count only events with this tag' },
    feed: { type: 'string', arg: 'ID', help: 'only events from this feed' },
    tz: { type: 'string', arg: 'ZONE', help: 'the IANA time zone whose days are counted (default UTC)' },
    format: { type: 'string', default: 'table', arg: 'F', help: 'table (default) or json' },
    width: { type: 'string', arg: 'N', help: 'columns the chart may use (default: the terminal\'s, else 80)' },
    ...sharedFlags.db,
    ...sharedFlags.config,
  },
  async run({ values, settings: loadSettings }) {
    const format = formatFlag(values.format, FORMATS);
    const width = widthFlag(values.width, process.stdout.isTTY === true, process.stdout.columns);
    let plan;
    try {
      plan = statsPlan(params(values), new Date());
    } catch (err) {
      // The API's messages name query parameters; here they are flags.
      if (err instanceof ApiError || err instanceof TimeRangeError) throw new CliError(err.message.replace(/"(\w+)"/g, '--$1'), 2);
      throw err;
    }
    const settings = loadSettings();
    existingDb(settings.dbPath);
    const store = openStore(settings.dbPath, { readonly: true });
    try {
      const answer = statsAnswer(plan, store.countEventsByDay(plan.query));
      process.stdout.write(format === 'json' ? `${JSON.stringify(answer, null, 2)}\n` : statsText(answer, width));
      return 0;
    } finally {
      store.close();
    }
  },
});

export const run = command.run;
