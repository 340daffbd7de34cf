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
