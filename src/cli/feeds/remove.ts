import { removeFeed } from '../../config/feeds.js';
import { defineCommand } from '../command.js';
import { sharedFlags } from '../shared-flags.js';
import { redactUrl } from '../../text/redact-url.js';

export const { run } = defineCommand({
  name: 'feeds remove',
  usage: 'ID|URL [--config DIR]',
  about: 'Removes a feed from feeds.yaml. Its stored articles and events stay.',
  flags: { ...sharedFlags.config },
  positionals: { min: 1, max: 1 },
  async run({ positionals: [which], settings: loadSettings }) {
    const settings = loadSettings();
    const feed = removeFeed(settings.configDir, which as string, { defaultIntervalMs: settings.poll.defaultIntervalMs });
    process.stdout.write(`removed ${feed.id}  ${redactUrl(feed.url)}\n`);
    return 0;
  },
});
