import { feedFromUrl, feedsFilePath, loadFeeds } from '../../config/feeds.js';
import { CliError } from '../cli-error.js';
import { defineCommand } from '../command.js';
import { sharedFlags } from '../shared-flags.js';
import { formatFlag, tableOrJson } from './format-flag.js';
import { redactUrl } from '../../text/redact-url.js';

export const { run } = defineCommand({
  name: 'feeds check',
  usage: '[ID|URL...] [--format table|json] [--config DIR] [--allow-private-network]',
  about: `Fetches and parses feeds now and reports what came back; stores nothing. Without
arguments, every enabled feed of feeds.yaml; a URL need not be in it. Exit status 1 when
any check failed.`,
  flags: { ...formatFlag, ...sharedFlags.config, ...sharedFlags.allowPrivateNetwork },
  positionals: { min: 0, max: Infinity },
  async run({ values, positionals, settings: loadSettings }) {
    const format = tableOrJson(values.format);
    const settings = loadSettings();
    const configured = loadFeeds(settings.configDir, { defaultIntervalMs: settings.poll.defaultIntervalMs });
    const feeds = positionals.length === 0
      ? configured.filter((f) => f.enabled)
      : positionals.map((a) => configured.find((f) => f.id === a || f.url === a) ?? feedFromUrl(a, settings.poll.defaultIntervalMs));
    if (feeds.length === 0) throw new CliError(`no enabled feeds in ${feedsFilePath(settings.configDir)}`);
    // Loaded here, not at the top: the other feeds commands need no HTTP client.
    const { createHttpClient } = await import('../../fetch/http-client.js');
    const { checkFeeds } = await import('../../ingest/check-feeds.js');
    const http = createHttpClient(settings.http);
    try {
      const checks = await checkFeeds(feeds, http);
      if (format === 'json') {
        process.stdout.write(`${JSON.stringify(checks, null, 2)}\n`);
      } else {
        for (const c of checks) {
          const detail = c.ok
            ? `ok      ${c.statusCode} ${c.items} items, newest ${c.newest ?? 'undated'}, ${c.bytes} bytes in ${c.elapsedMs} ms`
            : `FAILED  ${c.error?.kind}: ${c.error?.message}`;
          process.stdout.write(`${c.id}  ${redactUrl(c.url)}\n  ${detail}\n`);
        }
      }
      return checks.every((c) => c.ok) ? 0 : 1;
    } finally {
      http.close();
    }
  },
});
