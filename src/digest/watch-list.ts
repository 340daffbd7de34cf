import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readEntitiesFile } from '../config/entities.js';
import type { DigestEntity } from './types.js';

// The default watch-list's order and display names, used when the caller passes none
// (the configured list lives in config/entities.yaml; callers that load it pass it in).
export const DEFAULT_DIGEST_ENTITIES: readonly DigestEntity[] = Object.freeze([
  { id: 'moore-threads', name: 'Moore Threads' },
  { id: 'metax', name: 'MetaX' },
  { id: 'biren', name: 'Biren' },
  { id: 'enflame', name: 'Enflame' },
  { id: 'huawei', name: 'Huawei' },
  { id: 'cambricon', name: 'Cambricon' },
  { id: 'nvidia', name: 'Nvidia' },
]);

/** "some-entity-id" → "Some Entity Id", for ids the watch-list does not name. */
export function nameFromId(id: string): string {
  return id
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}

/**
 * The configured watch-list's order and names (config/entities.yaml), or the default when
 * the folder has none. A malformed file throws the config's located ConfigError.
 */
export function digestEntities(configDir: string): readonly DigestEntity[] {
  const file = join(configDir, 'entities.yaml');
  if (!existsSync(file)) return DEFAULT_DIGEST_ENTITIES;
  return readEntitiesFile(file).map(({ id, name }) => ({ id, name }));
}
