import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DigestRecipient } from '../config/settings-types.js';
import type { Settings } from '../config/settings.js';
import { deliverDigest, prepareRecipientDigest } from '../digest/deliver.js';
import { defaultRecipient, digestRecipients, recipientFor, unknownCompanyProblem, webBaseOf } from '../digest/recipients.js';
import { DigestSendError } from '../digest/send.js';
import { digestEntities, type DigestEntity } from '../digest/watch-list.js';
import { addDays, localDate } from '../time/zoned-day.js';
import { utcDayStart } from '../time/time-range.js';
import { openStore, type Store } from '../store/store.js';
import { CliError } from './cli-error.js';
import { defineCommand } from './command.js';
import { existingDb, sharedFlags } from './shared-flags.js';

// A busy day's cards, events and counts are read once each: mapped rather than read page by page.
const DIGEST_MMAP_BYTES = 1 << 30;

export const command = defineCommand({
  name: 'digest',
  usage: '[--date YYYY-MM-DD] [--to ADDRESS]... [--preview FILE | --send [--force]] [--db FILE] [--config DIR]',
  about: `Builds the morning digest of one day for each recipient (digest.recipients and
digest.to in config/newsmon.yaml, or --to): the day's stories ranked, each company's
stories, trend and spikes, the power figures. Without --preview or --send, the
plain-text digest of the first recipient is printed.`,
  flags: {
    date: { type: 'string', arg: 'D', help: "the day, counted in the recipient's zone. Default: yesterday there,\nthe last complete day, which is what a morning digest covers." },
    preview: { type: 'string', arg: 'F', help: 'write the HTML of the first recipient to file F ("-" for standard\noutput); sends nothing' },
    send: { type: 'boolean', default: false, help: 'mail it through SMTP_URL (or smtp_url in config/newsmon.yaml) to each\nrecipient. A day already sent to a recipient is not sent again;\n--force sends it anyway.' },
    force: { type: 'boolean', default: false },
    to: { type: 'string', multiple: true, arg: 'A', help: 'recipient (its digest.recipients entry when it has one); repeat it,\nor separate addresses with commas' },
    ...sharedFlags.db,
    ...sharedFlags.config,
  },
  async run({ values, settings: loadSettings }) {
    if (values.preview !== undefined && values.send) throw new CliError('--preview and --send are exclusive: preview first, then send', 2);
    if (values.force && !values.send) throw new CliError('--force only makes sense with --send', 2);
    if (values.date !== undefined && utcDayStart(values.date) === null) {
      throw new CliError(`--date must be a calendar date YYYY-MM-DD, got "${values.date}"`, 2);
    }
    const to = (values.to ?? []).flatMap((a) => a.split(',')).map((a) => a.trim()).filter(Boolean);
    const badAddress = to.find((a) => !/^[^@\s<>",;]+@[^@\s<>",;]+$/.test(a));
    if (badAddress) throw new CliError(`--to must be an e-mail address, got "${badAddress}"`, 2);

    const settings = loadSettings();
    if (values.send && !settings.smtpUrl) {
      throw new CliError('no SMTP server configured: set SMTP_URL (e.g. smtp://user:pass@mail.example.com:587) or smtp_url in config/newsmon.yaml');
    }
    existingDb(settings.dbPath);
    const recipients = to.length ? to.map((a) => recipientFor(settings.digest, a)) : digestRecipients(settings.digest);
    if (values.send && recipients.length === 0) throw new CliError('no recipients: set digest.recipients (or digest.to) in config/newsmon.yaml, or pass --to ADDRESS');
    const watch = digestEntities(settings.configDir);
    const problem = unknownCompanyProblem(recipients, watch);
    if (problem) throw new CliError(problem);
    const dateFor = (r: DigestRecipient): string => values.date ?? addDays(localDate(new Date(), r.timezone), -1);

    // Sending writes the ledger; a preview only reads.
    const store = openStore(settings.dbPath, { readonly: !values.send, mmapBytes: DIGEST_MMAP_BYTES });
    try {
      if (values.send) return await send(store, settings, recipients, dateFor, values.force ?? false, watch);
      // Without recipients, the whole watch-list in the digest's zone.
      const r = recipients[0] ?? defaultRecipient(settings.digest, 'preview@localhost');
      const date = dateFor(r);
      const { view, rendered } = prepareRecipientDigest({ source: store, recipient: r, date, watch, webBase: webBaseOf(settings) });
      const out = rendered ?? { html: '', text: `nothing on ${date} for ${r.address}, and on_empty_day is "skip": no mail would be sent\n` };
      if (values.preview === undefined) process.stdout.write(out.text);
      else if (values.preview === '-') process.stdout.write(out.html);
      else {
        const file = resolve(values.preview);
        writeFileSync(file, out.html);
        process.stderr.write(`digest for ${date} (${r.timezone}) for ${r.address}: ${view.totals.stories} stories from ${view.totals.articles} articles, written to ${file}\n`);
      }
      return 0;
    } finally {
      store.close();
    }
  },
});

export const run = command.run;

async function send(
  store: Store,
  settings: Readonly<Settings>,
  recipients: readonly DigestRecipient[],
  dateFor: (r: DigestRecipient) => string,
  force: boolean,
  watch: readonly DigestEntity[],
): Promise<number> {
  const smtpUrl = settings.smtpUrl as string;
  // Loaded here, not at the top: a preview does not need nodemailer (~180 ms of start-up).
  const { createMailTransport, redactSmtpUrl } = await import('../digest/mail-transport.js');
  let transport: ReturnType<typeof createMailTransport>;
  try {
    transport = createMailTransport(smtpUrl);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  let failed = 0;
  try {
    for (const recipient of recipients) {
      const date = dateFor(recipient);
      try {
        const r = await deliverDigest({
          source: store, ledger: store.digestLedger, transport, from: settings.digest.from,
          recipient, date, watch, webBase: webBaseOf(settings), now: () => new Date(), force,
        });
        const line: Record<typeof r.status, string> = {
          sent: `sent digest for ${date} (${r.stories} stories) to ${r.address}: ${r.messageId ?? '(no message id)'}`,
          'already-sent': `digest for ${date} was already sent to ${r.address}; --force sends it again`,
          'in-progress': `digest for ${date} to ${r.address} is being sent by another process right now`,
          skipped: `nothing on ${date} for ${r.address}; on_empty_day is "skip", so no mail`,
        };
        process.stderr.write(`${line[r.status]}\n`);
      } catch (err) {
        if (!(err instanceof DigestSendError)) throw err;
        failed++;
        process.stderr.write(`digest for ${date} to ${recipient.address} not sent: ${err.message} [${redactSmtpUrl(smtpUrl)}]\n`);
      }
    }
  } finally {
    transport.close();
  }
  if (failed) throw new CliError(`${failed} of ${recipients.length} digest${recipients.length === 1 ? '' : 's'} not sent; the error is recorded, and the next --send tries again`);
  return 0;
}
