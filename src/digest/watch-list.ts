import { watchListFile } from '../config/config-files.js';
import { readEntitiesFile } from '../config/entities.js';

// The digest's view of the watch-list: config/entities.yaml's order and display names,
// read from the same file the analyzer reads (the bundled default when the folder has
// none). There is no other copy: callers load it once and pass it in.

/** A watch-list entry as the digest shows it; the order of the list is the digest's order. */
export interface DigestEntity {
  id: string;
  name: string;
}

/** The configured watch-list's order and names. A malformed file throws the config's located ConfigError. */
export function digestEntities(configDir: string): readonly DigestEntity[] {
  return readEntitiesFile(watchListFile(configDir)).map(({ id, name }) => ({ id, name }));
}
