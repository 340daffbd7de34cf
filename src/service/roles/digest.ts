import type { Logger } from 'pino';
import type { Settings } from '../../config/settings-types.js';
import { createMailTransport } from '../../digest/mail-transport.js';
import type { DigestEntity } from '../../digest/types.js';
import { digestEntities } from '../../digest/watch-list.js';
import type { ServiceQueues } from '../../queue/queues.js';
import { syncDigestScheduler } from '../scheduler-sync.js';
import { digestProcessor } from '../../../workers/digest.js';
import type { RoleContext, StartedRole } from './context.js';

// The digest role: the daily scheduler and the worker that mails the digest, with the
// watch-list of config/entities.yaml (SIGHUP re-reads it, as the extract role does).

export async function startDigestRole(ctx: RoleContext): Promise<StartedRole> {
  const { settings, log } = ctx;
  let entities: readonly DigestEntity[] = digestEntities(settings.configDir);
  // The sent log is a table of the store (migration 002), closed with it.
  const sentLog = ctx.store().digestsSent;
  let transport: ReturnType<typeof createMailTransport> | null = null;
  ctx.life.push('mail transport', () => transport?.close());
  const getTransport = () => {
    if (!settings.smtpUrl) throw new Error('no SMTP server configured: set SMTP_URL or smtp_url in config/newsmon.yaml');
    return (transport ??= createMailTransport(settings.smtpUrl));
  };
  const processor = digestProcessor({ store: ctx.store(), transport: getTransport, sentLog, settings, entities: () => entities, now: ctx.now });
  const worker = ctx.worker('digest', 'digest', processor);
  await syncDigest(ctx.queues, settings, log);
  const reload = (): void => {
    try {
      entities = digestEntities(settings.configDir);
    } catch (err) {
      log.error({ err: (err as Error).message }, 'digest watch-list not reloaded; the previous one stays in effect');
    }
  };
  return { workers: [worker], reload, recover: () => syncDigest(ctx.queues, settings, log) };
}

async function syncDigest(queues: ServiceQueues, settings: Readonly<Settings>, log: Logger): Promise<void> {
  const enabled = Boolean(settings.smtpUrl) && settings.digest.to.length > 0;
  await syncDigestScheduler(queues.digest, settings.digest, enabled);
  if (enabled) log.info({ at: settings.digest.time, timezone: settings.digest.timezone, to: settings.digest.to.length }, 'daily digest scheduled');
  else log.info('daily digest not scheduled: needs SMTP_URL (or smtp_url) and digest.to in config/newsmon.yaml');
}
