import { addFeed, describeSchedule } from '../../config/feeds.js';
import { defineCommand } from '../command.js';
import { sharedFlags } from '../shared-flags.js';
import { redactUrl } from '../../text/redact-url.js';
import { rulesFromFlags } from '../site-rule-flags.js';

export const { run } = defineCommand({
  name: 'feeds add',
  usage: 'URL [--name N] [--interval DURATION] [--content SEL] [--remove SEL]... [--config DIR]',
  about: 'Adds a feed to feeds.yaml; its comments and layout are kept. A feed already there is refused.',
  flags: {
    name: { type: 'string', arg: 'N', help: 'a name to show in lists (default: none; lists show the URL)' },
    interval: { type: 'string', arg: 'DURATION', help: 'how often to poll it, e.g. 10m (default: poll.default_interval)' },
    content: { type: 'string', arg: 'SEL', help: 'site rule: the article is the text of what this CSS selector matches (try it: newsmon extract --url PAGE --content SEL)' },
    remove: { type: 'string', multiple: true, arg: 'SEL', help: 'site rule: elements to remove before extraction; repeatable' },
    ...sharedFlags.config,
  },
  positionals: { min: 1, max: 1 },
  async run({ values, positionals: [url], settings: loadSettings }) {
    const siteRules = rulesFromFlags(values.content, values.remove);
    const settings = loadSettings();
    const feed = addFeed(settings.configDir, { url: url as string, name: values.name ?? null, interval: values.interval ?? null, siteRules }, { defaultIntervalMs: settings.poll.defaultIntervalMs });
    process.stdout.write(`added ${feed.id}  ${redactUrl(feed.url)}  every ${describeSchedule(feed)}\n`);
    return 0;
  },
});
