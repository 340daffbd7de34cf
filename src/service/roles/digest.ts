import type { Logger } from 'pino';
import { TAGS } from '../../analyze/tags.js';
import { readFileSettings, reloadFileSettings, restartOnlyChanges } from '../../config/digest-reload.js';
import type { DigestRecipient, DigestSettings, Settings } from '../../config/settings-types.js';
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
// worker that mails the digests. At boot, and when Redis comes back empty, each
// recipient's last due day that the ledger does not show as done is queued again (a
// deterministic job id, so two services add it once): a restart over a send time neither
// loses nor doubles a day. SIGHUP re-reads the watch-list and config/newsmon.yaml's digest
// section and does what a restart would: schedulers added, moved or removed, the due day
// caught up; a file that does not validate is logged and the recipients in effect stay.

export async function startDigestRole(ctx: RoleContext): Promise<StartedRole> {
  const { log } = ctx;
  const configDir = ctx.settings.configDir;
  let settings: Readonly<Settings> = ctx.settings;
  let entities: readonly DigestEntity[] = digestEntities(configDir);
  // The file as read now, to tell at a reload which restart-only settings changed.
  let inFile: Settings | null = tryRead(configDir);
  const store = ctx.store();
  let transport: ReturnType<typeof createMailTransport> | null = null;
  ctx.life.push('mail transport', () => transport?.close());
  const getTransport = () => {
    if (!settings.smtpUrl) throw new Error('no SMTP server configured: set SMTP_URL or smtp_url in config/newsmon.yaml');
    return (transport ??= createMailTransport(settings.smtpUrl));
  };
  const processor = digestProcessor({
    source: store, ledger: store.digestLedger, transport: getTransport, settings: () => settings, entities: () => entities, now: ctx.now,
  });
  const worker = ctx.worker('digest', 'digest', processor);
  const sync = () => syncDigest(ctx.queues, settings, store, entities, ctx.now(), log);
  await sync();
  const reload = async (): Promise<void> => {
    try {
      entities = digestEntities(configDir);
    } catch (err) {
      log.error({ err: (err as Error).message }, 'digest watch-list not reloaded; the previous one stays in effect');
    }
    let next: Settings;
    try {
      next = reloadFileSettings(configDir, { companies: entities.map((e) => e.id), tags: TAGS });
    } catch (err) {
      log.error({ err: (err as Error).message }, 'config/newsmon.yaml not reloaded: fix it and send SIGHUP again; the digest recipients in effect stay');
      return;
    }
    const restart = inFile ? restartOnlyChanges(inFile, next) : [];
    if (restart.length) log.warn({ keys: restart }, 'config/newsmon.yaml: these settings changed but take effect only at a restart');
    inFile = next;
    logRecipientChanges(settings.digest, next.digest, log);
    settings = Object.freeze({ ...settings, digest: next.digest });
    try {
      await sync();
    } catch (err) {
      log.error({ err: (err as Error).message }, 'digest schedules not updated (Redis?); send SIGHUP again once Redis is back');
    }
  };
  return { workers: [worker], reload, recover: sync };
}

function tryRead(configDir: string): Settings | null {
  try {
    return readFileSettings(configDir).settings;
  } catch {
    return null; // edited since the service read it: nothing to compare against
  }
}

function logRecipientChanges(before: DigestSettings, after: DigestSettings, log: Logger): void {
  const key = (r: DigestRecipient) => r.address.toLowerCase();
  const old = new Map(digestRecipients(before).map((r) => [key(r), r]));
  const now = new Map(digestRecipients(after).map((r) => [key(r), r]));
  const added = [...now.values()].filter((r) => !old.has(key(r))).map((r) => r.address);
  const removed = [...old.values()].filter((r) => !now.has(key(r))).map((r) => r.address);
  const changed = [...now.values()].filter((r) => old.has(key(r)) && JSON.stringify(old.get(key(r))) !== JSON.stringify(r)).map((r) => r.address);
  log.info({ added, removed, changed }, 'digest settings reloaded from config/newsmon.yaml');
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
