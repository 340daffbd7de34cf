import type { Migration } from '../migrate.js';
import { initial } from './001-initial.js';
import { digestsSent } from './002-digests-sent.js';
import { queryLayout } from './003-query-layout.js';
import { digestLedger } from './004-digest-ledger.js';
import { filterKeys } from './005-filter-keys.js';
import { countsInCode } from './006-counts-in-code.js';
import { articleCards } from './007-article-cards.js';
import { cardStories } from './008-card-stories.js';

/** Every migration, in order. Append only: a released migration is never edited. */
export const migrations: readonly Migration[] = [initial, digestsSent, queryLayout, digestLedger, filterKeys, countsInCode, articleCards, cardStories];
