import { readFileSync } from 'node:fs';
import { addFeeds } from '../../config/feeds.js';
import { parseOpml } from '../../config/opml.js';
import { CliError } from '../cli-error.js';
import { defineCommand } from '../command.js';
import { sharedFlags } from '../shared-flags.js';
import { redactUrl } from '../../text/redact-url.js';

export const { run } = defineCommand({
  name: 'feeds import',
  usage: 'FILE.opml [--config DIR]',
  about: 'Adds every feed of an OPML file to feeds.yaml; feeds already there, and entries that are not http(s) feeds, are skipped and listed.',
  flags: { ...sharedFlags.config },
  positionals: { min: 1, max: 1 },
  async run({ positionals: [file], settings: loadSettings }) {
    const path = file as string;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      throw new CliError(`cannot read ${path}: ${(err as Error).message}`);
    }
    const settings = loadSettings();
    const entries = parseOpml(text, path).map((f) => ({ url: f.url, name: f.title }));
    const { added, skipped } = addFeeds(settings.configDir, entries, { defaultIntervalMs: settings.poll.defaultIntervalMs });
    for (const f of added) process.stdout.write(`added   ${f.id}  ${redactUrl(f.url)}\n`);
    for (const s of skipped) process.stdout.write(`skipped ${redactUrl(s.url)}: ${s.reason}\n`);
    process.stdout.write(`${added.length} added, ${skipped.length} skipped, from ${entries.length} feeds in ${path}\n`);
    return 0;
  },
});
