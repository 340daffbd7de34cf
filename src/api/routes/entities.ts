import type { FastifyInstance } from 'fastify';
import type { ApiStore } from '../api-store.js';
import { entitiesResponses } from '../response-schemas.js';

/** A watch-list entry as the API shows it: the id events carry and the display name. */
export interface WatchedEntity {
  id: string;
  name: string;
}

export function entityRoutes(app: FastifyInstance, store: ApiStore, watchList: readonly WatchedEntity[]): void {
  // One counts row and one index seek per entity (store/events-query.ts): cheap at any size.
  app.get('/entities', { schema: { description: 'The watch-list with events per entity and the newest one\'s date.', response: entitiesResponses } }, async () => {
    const counts = await store.entityCounts(watchList.map((e) => e.id));
    return watchList.map((e, i) => ({ id: e.id, name: e.name, events: counts[i]?.events ?? 0, latest: counts[i]?.latest ?? null }));
  });
}
