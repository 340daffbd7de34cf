import { buildApi } from '../../api/build-api.js';
import type { RoleContext } from './context.js';

// The api role: the HTTP API over the service's own database connection.

export async function startApiRole(ctx: RoleContext, health: () => Record<string, unknown>): Promise<string> {
  const { settings, metrics } = ctx;
  const app = buildApi({ store: ctx.store(), metrics: () => metrics.registry.render(), health, now: ctx.now });
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
