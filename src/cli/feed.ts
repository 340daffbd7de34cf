import { defineCommandGroup } from './command.js';

export const { run } = defineCommandGroup({
  name: 'feed',
  about: 'Feed documents, without the configuration or the database.',
  subcommands: {
    parse: { summary: 'FILE...: print normalized feeds as JSON', load: () => import('./feed-parse.js') },
  },
});
