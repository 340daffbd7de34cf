import { buildApi } from '../../api/build-api.js';
import { bindingRefusal } from '../../api/door.js';
import { readEntitiesFile } from '../../config/entities.js';
import { watchListFile } from '../../config/config-files.js';
import { PooledReadStore } from '../../store/pooled-store.js';
import { migrateStore } from '../../store/store.js';
import type { RoleContext } from './context.js';

// The api role: the HTTP API, its queries on the read pool's threads, off the event loop
// the workers share.

export async function startApiRole(ctx: RoleContext, health: () => Record<string, unknown>): Promise<string> {
  const { settings, metrics } = ctx;
  const refusal = bindingRefusal(settings.api.host, settings.api.token ?? null);
  if (refusal) throw new Error(refusal);
  migrateStore(settings.dbPath); // before the read-only threads attach; no writer connection kept
  const reads = PooledReadStore.open(settings.dbPath);
  ctx.life.push('read pool', () => reads.close());
  const entities = readEntitiesFile(watchListFile(settings.configDir)).map(({ id, name }) => ({ id, name }));
  const app = buildApi({ store: reads, entities, metrics: () => metrics.registry.render(), health, now: ctx.now, token: settings.api.token ?? null });
  let url: string;
  try {
    url = await app.listen({ host: settings.api.host, port: settings.api.port });
  } catch (err) {
    await app.close();
    throw new Error(`cannot listen on ${settings.api.host}:${settings.api.port}: ${(err as Error).message}`);
  }
  ctx.life.push('http api', () => app.close());
  ctx.log.info({ url }, 'HTTP API listening');
  return url;
}
