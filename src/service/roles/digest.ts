import type { Logger } from 'pino';
import type { DigestRecipient, Settings } from '../../config/settings-types.js';
import { createMailTransport } from '../../digest/mail-transport.js';
import { digestRecipients, lastDueDay, unknownCompanyProblem } from '../../digest/recipients.js';
import { digestEntities, type DigestEntity } from '../../digest/watch-list.js';
import { digestCatchUpJobId } from '../../queue/job-ids.js';
import { JOB_NAMES } from '../../queue/jobs.js';
import type { ServiceQueues } from '../../queue/queues.js';
import type { Store } from '../../store/store.js';
import { syncDigestSchedulers } from '../scheduler-sync.js';
import { digestProcessor } from '../../../workers/digest.js';
import type { RoleContext, StartedRole } from './context.js';

// The digest role: one daily scheduler per recipient (at its local send time) and the
// worker that mails the digests, with the watch-list of config/entities.yaml (SIGHUP
// re-reads it). At boot, and when Redis comes back empty, each recipient's last due day
// that the ledger does not show as done is queued again (a deterministic job id, so two
// services add it once): a restart over a send time neither loses nor doubles a day.

export async function startDigestRole(ctx: RoleContext): Promise<StartedRole> {
  const { settings, log } = ctx;
  let entities: readonly DigestEntity[] = digestEntities(settings.configDir);
  const store = ctx.store();
  let transport: ReturnType<typeof createMailTransport> | null = null;
  ctx.life.push('mail transport', () => transport?.close());
  const getTransport = () => {
    if (!settings.smtpUrl) throw new Error('no SMTP server configured: set SMTP_URL or smtp_url in config/newsmon.yaml');
    return (transport ??= createMailTransport(settings.smtpUrl));
  };
  const processor = digestProcessor({
    source: store, ledger: store.digestLedger, transport: getTransport, settings, entities: () => entities, now: ctx.now,
  });
  const worker = ctx.worker('digest', 'digest', processor);
  const sync = () => syncDigest(ctx.queues, settings, store, entities, ctx.now(), log);
  await sync();
  const reload = (): void => {
    try {
      entities = digestEntities(settings.configDir);
    } catch (err) {
      log.error({ err: (err as Error).message }, 'digest watch-list not reloaded; the previous one stays in effect');
    }
  };
  return { workers: [worker], reload, recover: sync };
}

async function syncDigest(queues: ServiceQueues, settings: Readonly<Settings>, store: Store, watch: readonly DigestEntity[], now: Date, log: Logger): Promise<void> {
  const recipients = digestRecipients(settings.digest);
  const problem = unknownCompanyProblem(recipients, watch);
  if (problem) log.error({ problem }, 'digest recipients follow unknown companies; their digests fail until config/newsmon.yaml is fixed');
  const enabled = Boolean(settings.smtpUrl) && recipients.length > 0;
  await syncDigestSchedulers(queues.digest, recipients, enabled);
  if (!enabled) {
    log.info('daily digest not scheduled: needs SMTP_URL (or smtp_url) and digest.recipients or digest.to in config/newsmon.yaml');
    return;
  }
  for (const r of recipients) log.info({ to: r.address, at: r.time, timezone: r.timezone }, 'daily digest scheduled');
  await catchUp(queues, recipients, store, now, log);
}

async function catchUp(queues: ServiceQueues, recipients: readonly DigestRecipient[], store: Store, now: Date, log: Logger): Promise<void> {
  for (const r of recipients) {
    const date = lastDueDay(r, now);
    const entry = store.digestLedger.get(r.address, date);
    if (entry && (entry.state === 'sent' || entry.state === 'skipped')) continue;
    await queues.digest.add(JOB_NAMES.digest, { recipient: r.address, date }, { jobId: digestCatchUpJobId(r.address, date) });
    log.info({ to: r.address, date }, 'digest of a past day not yet sent: queued');
  }
}
