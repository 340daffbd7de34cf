// The command table. Each command's module is loaded only when it runs, so
// `newsmon extract` does not pay for BullMQ, SQLite or the HTTP server at start-up.

import type { CommandModule } from './command.js';

export interface Command {
  summary: string;
  load(): Promise<CommandModule>;
}

export const commands: Record<string, Command> = {
  extract: { summary: 'extract main text, mentions, power figures and events from documents', load: () => import('./extract.js') },
  feed: { summary: 'feed parse FILE...: print normalized feeds as JSON', load: () => import('./feed.js') },
  feeds: { summary: 'list|add|remove|check|import|export the configured feeds', load: () => import('./feeds.js') },
  ingest: { summary: 'ingest --once: one pass over every feed, in-process, no Redis', load: () => import('./ingest.js') },
  import: { summary: 'import history from JSON Lines (url, title, published, feed, text|html)', load: () => import('./import.js') },
  events: { summary: 'query stored events', load: () => import('./events.js') },
  stats: { summary: 'events per day per entity or tag, as a terminal chart or JSON', load: () => import('./stats.js') },
  digest: { summary: 'build the daily digest: preview to a file or send by SMTP', load: () => import('./digest.js') },
  serve: { summary: 'run the HTTP API alone', load: () => import('./serve.js') },
  run: { summary: 'run the service: scheduler, workers and HTTP API (needs Redis)', load: () => import('./run.js') },
  status: { summary: 'show queues, workers and failing feeds', load: () => import('./status.js') },
  reextract: { summary: 're-run extraction over stored articles after the watch-list changes', load: () => import('./reextract.js') },
};
