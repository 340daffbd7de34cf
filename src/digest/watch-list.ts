import { watchListFile } from '../ingest/load-analyzer.js';
import { readEntitiesFile } from '../config/entities.js';
import type { DigestEntity } from './types.js';

// The digest's view of the watch-list: config/entities.yaml's order and display names,
// read from the same file the analyzer reads (the bundled default when the folder has
// none). There is no other copy: callers load it once and pass it in.

/** "some-entity-id" → "Some Entity Id", for ids the watch-list does not name. */
export function nameFromId(id: string): string {
  return id
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}

/** The configured watch-list's order and names. A malformed file throws the config's located ConfigError. */
export function digestEntities(configDir: string): readonly DigestEntity[] {
  return readEntitiesFile(watchListFile(configDir)).map(({ id, name }) => ({ id, name }));
}
