import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { addFeed, addFeeds, describeSchedule, feedFromUrl, feedsFilePath, loadFeeds, removeFeed } from '../config/feeds.js';
import { exportOpml, parseOpml } from '../config/opml.js';
import { settingsFromCli } from '../config/settings.js';
import { isFailing } from '../ingest/feed-health.js';
import type { FeedConfig } from '../model.js';
import { openStore, StoreError } from '../store/store.js';
import type { FeedState } from '../store/types.js';
import { CliError } from './cli-error.js';
import { configErrorsAsCliErrors } from './config-errors.js';
import { rulesFromFlags } from './site-rule-flags.js';

const HELP = `Usage: newsmon feeds <command> [options]

Commands:
  list [--format table|json]                  the configured feeds with their poll state
  add URL [--name N] [--interval DURATION] [--content SEL] [--remove SEL]...
                                              add a feed to feeds.yaml (comments are kept), with
                                              site rules if given (try them first: newsmon extract
                                              --url PAGE --content SEL)
  remove ID|URL                               remove a feed from feeds.yaml
  import FILE.opml                            add every feed of an OPML file (known ones are skipped)
  export [FILE]                               write the feeds as OPML to FILE, or to stdout
  check [ID|URL...] [--format table|json]     fetch and parse feeds now and report (stores nothing)

Options:
  --config DIR   config folder (default: $NEWSMON_CONFIG or ./config)
  --db FILE      SQLite file, for the poll state in "list" (default: $NEWSMON_DB or ./data/newsmon.db)
  --allow-private-network   with check: allow loopback/private addresses`;

const DAY_MS = 86_400_000;

type Status = 'disabled' | 'new' | 'ok' | 'failing';

interface ListedFeed {
  id: string;
  url: string;
  name: string | null;
  schedule: string;
  intervalMs: number;
  cron: string | null;
  enabled: boolean;
  maxBytes: number | null;
  fullText: FeedConfig['fullText'];
  status: Status;
  /** How long the current run of failures has lasted, in ms; null when not failing. */
  failingForMs: number | null;
  state: FeedState | null;
}

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
      id: f.id, url: f.url, name: f.name, schedule: describeSchedule(f), intervalMs: f.intervalMs, cron: f.cron, enabled: f.enabled,
      maxBytes: f.maxBytes, fullText: f.fullText, status,
      failingForMs: status === 'failing' && Number.isFinite(since) ? Math.max(0, now.getTime() - since) : null,
      state,
    };
  });
}

/** "3h ago", "in 12m", "-". */
export function relativeTime(iso: string | null, now: Date): string {
  if (iso === null) return '-';
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const d = t - now.getTime();
  const abs = Math.abs(d);
  const seconds = Math.round(abs / 1000);
  const minutes = Math.round(abs / 60_000);
  const hours = Math.round(abs / 3_600_000);
  const span = seconds < 60 ? `${seconds}s` : minutes < 60 ? `${minutes}m` : hours < 24 ? `${hours}h` : `${Math.round(abs / DAY_MS)}d`;
  return d <= 0 ? `${span} ago` : `in ${span}`;
}

// East Asian wide characters take two terminal columns; feed names are often Chinese.
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff01-\uff60\uffe0-\uffe6]/u;

function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

function clip(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/** A failing feed is marked "!"; one failing for a day or more "!!" with how long, so it is not missed. */
function statusCell(f: ListedFeed): string {
  if (f.status !== 'failing') return f.status;
  const days = Math.floor((f.failingForMs ?? 0) / DAY_MS);
  return days >= 1 ? `!! failing ${days}d` : '! failing';
}

export function feedsTable(feeds: ListedFeed[], now: Date): string {
  const header = ['ID', 'NAME', 'EVERY', 'STATUS', 'LAST OK', 'FAILS', 'NEXT TRY', 'LAST ERROR'];
  const rows = feeds.map((f) => [
    f.id,
    clip(f.name ?? f.url, 28),
    f.schedule,
    statusCell(f),
    relativeTime(f.state?.lastSuccessAt ?? null, now),
    String(f.state?.failureCount ?? 0),
    f.enabled ? relativeTime(f.state?.nextCheckAt ?? null, now) : '-',
    f.state?.lastError ? clip(`${f.state.lastErrorKind ?? 'error'}: ${f.state.lastError}`, 60) : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => displayWidth(r[i] as string))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : padEnd(c, widths[i] as number))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}


export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        db: { type: 'string' },
        name: { type: 'string' },
        interval: { type: 'string' },
        content: { type: 'string' },
        remove: { type: 'string', multiple: true },
        format: { type: 'string' },
        'allow-private-network': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\n${HELP}`, 2);
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(`${HELP}\n`);
    return values.help ? 0 : 2;
  }
  const expectArgs = (min: number, max: number, usage: string): void => {
    if (args.length < min || args.length > max) throw new CliError(`usage: newsmon feeds ${usage}`, 2);
  };

  return configErrorsAsCliErrors(async () => {
    const settings = settingsFromCli(values);
    const opts = { defaultIntervalMs: settings.poll.defaultIntervalMs };
    switch (command) {
      case 'list': {
        expectArgs(0, 0, 'list [--format table|json]');
        const format = values.format ?? 'table';
        if (format !== 'table' && format !== 'json') throw new CliError(`--format must be table or json, got "${format}"`, 2);
        const now = new Date();
        const listed = listFeeds(loadFeeds(settings.configDir, opts), readStates(settings.dbPath), now);
        if (format === 'json') process.stdout.write(`${JSON.stringify(listed, null, 2)}\n`);
        else if (listed.length === 0) process.stdout.write(`no feeds in ${feedsFilePath(settings.configDir)}; add one with "newsmon feeds add URL"\n`);
        else process.stdout.write(`${feedsTable(listed, now)}\n`);
        return 0;
      }
      case 'add': {
        expectArgs(1, 1, 'add URL [--name N] [--interval DURATION]');
        const siteRules = rulesFromFlags(values.content, values.remove);
        const feed = addFeed(settings.configDir, { url: args[0] as string, name: values.name ?? null, interval: values.interval ?? null, siteRules }, opts);
        process.stdout.write(`added ${feed.id}  ${feed.url}  every ${describeSchedule(feed)}\n`);
        return 0;
      }
      case 'remove': {
        expectArgs(1, 1, 'remove ID|URL');
        const feed = removeFeed(settings.configDir, args[0] as string, opts);
        process.stdout.write(`removed ${feed.id}  ${feed.url}\n`);
        return 0;
      }
      case 'import': {
        expectArgs(1, 1, 'import FILE.opml');
        const file = args[0] as string;
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (err) {
          throw new CliError(`cannot read ${file}: ${(err as Error).message}`);
        }
        const entries = parseOpml(text, file).map((f) => ({ url: f.url, name: f.title }));
        const { added, skipped } = addFeeds(settings.configDir, entries, opts);
        for (const f of added) process.stdout.write(`added   ${f.id}  ${f.url}\n`);
        for (const s of skipped) process.stdout.write(`skipped ${s.url}: ${s.reason}\n`);
        process.stdout.write(`${added.length} added, ${skipped.length} skipped, from ${entries.length} feeds in ${file}\n`);
        return 0;
      }
      case 'export': {
        expectArgs(0, 1, 'export [FILE]');
        const opml = exportOpml(loadFeeds(settings.configDir, opts), { dateCreated: new Date() });
        if (args[0] === undefined || args[0] === '-') process.stdout.write(opml);
        else {
          writeFileSync(args[0], opml);
          process.stderr.write(`wrote ${args[0]}\n`);
        }
        return 0;
      }
      case 'check': {
        const format = values.format ?? 'table';
        if (format !== 'table' && format !== 'json') throw new CliError(`--format must be table or json, got "${format}"`, 2);
        const configured = loadFeeds(settings.configDir, opts);
        const feeds = args.length === 0
          ? configured.filter((f) => f.enabled)
          : args.map((a) => configured.find((f) => f.id === a || f.url === a) ?? feedFromUrl(a, settings.poll.defaultIntervalMs));
        if (feeds.length === 0) throw new CliError(`no enabled feeds in ${feedsFilePath(settings.configDir)}`);
        const { createHttpClient } = await import('../fetch/http-client.js');
        const { checkFeeds } = await import('../ingest/check-feeds.js');
        const http = createHttpClient(settings.http);
        try {
          const checks = await checkFeeds(feeds, http);
          if (format === 'json') process.stdout.write(`${JSON.stringify(checks, null, 2)}\n`);
          else {
            for (const c of checks) {
              const detail = c.ok
                ? `ok      ${c.statusCode} ${c.items} items, newest ${c.newest ?? 'undated'}, ${c.bytes} bytes in ${c.elapsedMs} ms`
                : `FAILED  ${c.error?.kind}: ${c.error?.message}`;
              process.stdout.write(`${c.id}  ${c.url}\n  ${detail}\n`);
            }
          }
          return checks.every((c) => c.ok) ? 0 : 1;
        } finally {
          http.close();
        }
      }
      default:
        throw new CliError(`unknown feeds command "${command}"\n\n${HELP}`, 2);
    }
  });
}
