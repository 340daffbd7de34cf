import { StoreBatcher } from '../../ingest/store-batcher.js';
import { JOB_NAMES, type StoreReextractData } from '../../queue/jobs.js';
import { recordReextract } from '../../queue/reextract.js';
import { dropFinishedJob } from '../../queue/re-offer.js';
import { storeProcessor } from '../../../workers/store.js';
import type { RoleContext, StartedRole } from './context.js';

// The store role: the one writer of articles. Store jobs in flight at once are written in
// one commit (each article its own savepoint); `reextract` progress is counted in Redis.

export function startStoreRole(ctx: RoleContext): StartedRole {
  const { metrics, producer, prefix } = ctx;
  const store = ctx.store();
  const batcher = new StoreBatcher(store, Math.max(1, ctx.settings.concurrency.store), 10);
  const processor = storeProcessor({
    store,
    now: ctx.now,
    held: ctx.held(),
    save: (input) => batcher.save(input),
    forgetArticleJob: async (id) => void (await dropFinishedJob(ctx.queues.extract, id)),
    onResult: async (name, data, r) => {
      if (r.status === 'inserted') {
        metrics.articlesStored.inc();
        metrics.eventsStored.inc({}, r.events ?? 0);
      } else if (r.status === 'duplicate') metrics.duplicates.inc();
      else if (r.status === 'replaced') metrics.eventsStored.inc({}, r.events ?? 0);
      if (name === JOB_NAMES.storeReextract) {
        await recordReextract(producer, prefix, (data as StoreReextractData).runId, r.events ?? 0, r.status === 'missing');
      }
    },
  });
  return { workers: [ctx.worker('store', 'store', processor)] };
}
