import type { Migration } from '../migrate.js';
import { initial } from './001-initial.js';
import { digestsSent } from './002-digests-sent.js';
import { queryLayout } from './003-query-layout.js';
import { countsInCode } from './004-counts-in-code.js';

/** Every migration, in order. Append only: a released migration is never edited. */
export const migrations: readonly Migration[] = [initial, digestsSent, queryLayout, countsInCode];
