import { writeFileSync } from 'node:fs';
import { loadFeeds } from '../../config/feeds.js';
import { exportOpml } from '../../config/opml.js';
import { defineCommand } from '../command.js';
import { sharedFlags } from '../shared-flags.js';

export const { run } = defineCommand({
  name: 'feeds export',
  usage: '[FILE|-] [--config DIR]',
  about: 'Writes the configured feeds as OPML 2.0 to FILE, or to standard output.',
  flags: { ...sharedFlags.config },
  positionals: { min: 0, max: 1 },
  async run({ positionals: [file], settings: loadSettings }) {
    const settings = loadSettings();
    const opml = exportOpml(loadFeeds(settings.configDir, { defaultIntervalMs: settings.poll.defaultIntervalMs }), { dateCreated: new Date() });
    if (file === undefined || file === '-') {
      process.stdout.write(opml);
    } else {
      writeFileSync(file, opml);
      process.stderr.write(`wrote ${file}\n`);
    }
    return 0;
  },
});
