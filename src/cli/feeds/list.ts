import { existsSync } from 'node:fs';
import { describeSchedule, feedsFilePath, loadFeeds } from '../../config/feeds.js';
import { isFailing } from '../../ingest/feed-health.js';
import type { FeedConfig } from '../../model.js';
import { openStore, StoreError } from '../../store/store.js';
import type { FeedState } from '../../store/types.js';
import { formatTable, relativeTime, type Column } from '../../text/terminal-format.js';
import { defineCommand } from '../command.js';
import { sharedFlags } from '../shared-flags.js';
import { formatFlag, tableOrJson } from './format-flag.js';
import { redactUrl, redactUrlsIn } from '../../text/redact-url.js';

const DAY_MS = 86_400_000;

type Status = 'disabled' | 'new' | 'ok' | 'failing';

export interface ListedFeed {
  id: string;
  url: string;
  name: string | null;
  schedule: string;
  intervalMs: number;
  cron: string | null;
  enabled: boolean;
  maxBytes: number | null;
  fullText: FeedConfig['fullText'];
  /** feeds.yaml `timezone`; null: the feed's language decides. */
  timezone: string | null;
  /** feeds.yaml `content` / `remove`; null when the feed sets none. */
  siteRules: FeedConfig['siteRules'] | null;
  status: Status;
  /** How long the current run of failures has lasted, in ms; null when not failing. */
  failingForMs: number | null;
  state: FeedState | null;
}

export const { run } = defineCommand({
  name: 'feeds list',
  usage: '[--format table|json] [--config DIR] [--db FILE]',
  about: `The configured feeds with their poll state from the database: last success, failures,
next try, last error. A feed failing for a day or more is marked "!!".`,
  flags: { ...formatFlag, ...sharedFlags.config, ...sharedFlags.db },
  async run({ values, settings: loadSettings }) {
    const format = tableOrJson(values.format);
    const settings = loadSettings();
    const now = new Date();
    const listed = listFeeds(loadFeeds(settings.configDir, { defaultIntervalMs: settings.poll.defaultIntervalMs }), readStates(settings.dbPath), now);
    if (format === 'json') process.stdout.write(`${JSON.stringify(listed, null, 2)}\n`);
    else if (listed.length === 0) process.stdout.write(`no feeds in ${feedsFilePath(settings.configDir)}; add one with "newsmon feeds add URL"\n`);
    else process.stdout.write(`${feedsTable(listed, now, process.stdout.isTTY ? process.stdout.columns : undefined)}\n`);
    return 0;
  },
});

function statusOf(feed: FeedConfig, state: FeedState | null): Status {
  if (!feed.enabled) return 'disabled';
  if (!state || state.lastCheckedAt === null) return 'new';
  return isFailing(state) ? 'failing' : 'ok';
}

/** The poll state of each feed id, or an empty map (with a note on stderr) when there is no readable database. */
function readStates(dbPath: string): Map<string, FeedState> {
  if (!existsSync(dbPath)) return new Map();
  try {
    const store = openStore(dbPath, { readonly: true });
    try {
      return new Map(store.listFeeds().map((s) => [s.id, s]));
    } finally {
      store.close();
    }
  } catch (err) {
    if (!(err instanceof StoreError)) throw err;
    process.stderr.write(`newsmon feeds: no poll state shown: ${err.message}\n`);
    return new Map();
  }
}

export function listFeeds(feeds: FeedConfig[], states: Map<string, FeedState>, now: Date): ListedFeed[] {
  return feeds.map((f) => {
    const state = states.get(f.id) ?? null;
    const status = statusOf(f, state);
    const since = state?.failingSince ? Date.parse(state.failingSince) : NaN;
    return {
      id: f.id, url: redactUrl(f.url), name: f.name, schedule: describeSchedule(f), intervalMs: f.intervalMs, cron: f.cron, enabled: f.enabled,
      maxBytes: f.maxBytes, fullText: f.fullText, timezone: f.timezone, siteRules: f.siteRules ?? null, status,
      failingForMs: status === 'failing' && Number.isFinite(since) ? Math.max(0, now.getTime() - since) : null,
      state: state && { ...state, url: redactUrl(state.url), lastError: state.lastError === null ? null : redactUrlsIn(state.lastError) },
    };
  });
}

/** A failing feed is marked "!"; one failing for a day or more "!!" with how long, so it is not missed. */
function statusCell(f: ListedFeed): string {
  if (f.status !== 'failing') return f.status;
  const days = Math.floor((f.failingForMs ?? 0) / DAY_MS);
  return days >= 1 ? `!! failing ${days}d` : '! failing';
}

const COLUMNS: Column[] = [
  { header: 'ID' },
  { header: 'NAME', max: 28, shrink: true, min: 10 },
  { header: 'EVERY' },
  { header: 'STATUS' },
  { header: 'LAST OK' },
  { header: 'FAILS', align: 'right' },
  { header: 'NEXT TRY' },
  { header: 'LAST ERROR', max: 60, shrink: true, min: 12 },
];

/** The terminal table; `width` is the terminal's (undefined: not a terminal, no limit). */
export function feedsTable(feeds: ListedFeed[], now: Date, width?: number): string {
  const rows = feeds.map((f) => [
    f.id,
    f.name ?? f.url,
    f.schedule,
    statusCell(f),
    relativeTime(f.state?.lastSuccessAt ?? null, now),
    String(f.state?.failureCount ?? 0),
    f.enabled ? relativeTime(f.state?.nextCheckAt ?? null, now) : '-',
    f.state?.lastError ? `${f.state.lastErrorKind ?? 'error'}: ${f.state.lastError}` : '',
  ]);
  return formatTable(COLUMNS, rows, { width });
}
