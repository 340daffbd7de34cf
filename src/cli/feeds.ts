import { defineCommandGroup } from './command.js';

// `newsmon feeds <command>`: one file per sub-command in feeds/.
export const { run } = defineCommandGroup({
  name: 'feeds',
  about: 'The feeds in feeds.yaml of the config folder ($NEWSMON_CONFIG or ./config).',
  subcommands: {
    list: { summary: 'the configured feeds with their poll state', load: () => import('./feeds/list.js') },
    add: { summary: 'add a feed to feeds.yaml (comments are kept)', load: () => import('./feeds/add.js') },
    remove: { summary: 'remove a feed from feeds.yaml', load: () => import('./feeds/remove.js') },
    import: { summary: 'add every feed of an OPML file (known ones are skipped)', load: () => import('./feeds/import.js') },
    export: { summary: 'write the feeds as OPML to a file, or to stdout', load: () => import('./feeds/export.js') },
    check: { summary: 'fetch and parse feeds now and report (stores nothing)', load: () => import('./feeds/check.js') },
  },
});
