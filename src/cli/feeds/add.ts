import { addFeed, describeSchedule } from '../../config/feeds.js';
import { defineCommand } from '../command.js';
import { sharedFlags } from '../shared-flags.js';
import { redactUrl } from '../../text/redact-url.js';

export const { run } = defineCommand({
  name: 'feeds add',
  usage: 'URL [--name N] [--interval DURATION] [--config DIR]',
  about: 'Adds a feed to feeds.yaml; its comments and layout are kept. A feed already there is refused.',
  flags: {
    name: { type: 'string', arg: 'N', help: 'a name to show in lists (default: none; lists show the URL)' },
    interval: { type: 'string', arg: 'DURATION', help: 'how often to poll it, e.g. 10m (default: poll.default_interval)' },
    ...sharedFlags.config,
  },
  positionals: { min: 1, max: 1 },
  async run({ values, positionals: [url], settings: loadSettings }) {
    const settings = loadSettings();
    const feed = addFeed(settings.configDir, { url: url as string, name: values.name ?? null, interval: values.interval ?? null }, { defaultIntervalMs: settings.poll.defaultIntervalMs });
    process.stdout.write(`added ${feed.id}  ${redactUrl(feed.url)}  every ${describeSchedule(feed)}\n`);
    return 0;
  },
});
