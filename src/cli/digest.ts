import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Settings } from '../config/settings.js';
import { createMailTransport, redactSmtpUrl } from '../digest/mail-transport.js';
import { DigestSendError, prepareDigest, sendDigest } from '../digest/send.js';
import { digestEntities } from '../digest/watch-list.js';
import type { DigestEntity } from '../digest/types.js';
import { addDays, localDate } from '../time/zoned-day.js';
import { utcDayStart } from '../time/time-range.js';
import { openStore, type Store } from '../store/store.js';
import { CliError } from './cli-error.js';
import { defineCommand } from './command.js';
import { sharedFlags } from './shared-flags.js';

export const command = defineCommand({
  name: 'digest',
  usage: '[--date YYYY-MM-DD] [--to ADDRESS]... [--preview FILE | --send [--force]] [--db FILE] [--config DIR]',
  about: `Builds the digest of one day: every watch-list mention and power figure, grouped by
company, and the feeds that are failing. Without --preview or --send, the plain-text
digest is printed.`,
  flags: {
    date: { type: 'string', arg: 'D', help: 'the day, counted in digest.timezone (config/newsmon.yaml). Default:\nyesterday there, the last complete day, which is what a morning digest covers.' },
    preview: { type: 'string', arg: 'F', help: 'write the HTML to file F ("-" for standard output); sends nothing' },
    send: { type: 'boolean', default: false, help: 'mail it through SMTP_URL (or smtp_url in config/newsmon.yaml) to\n--to, else digest.to. A day already sent to the same recipients is not\nsent again; --force sends it anyway.' },
    force: { type: 'boolean', default: false },
    to: { type: 'string', multiple: true, arg: 'A', help: 'recipient; repeat it, or separate addresses with commas' },
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
    const badAddress = to.find((a) => !/^[^@\s]+@[^@\s]+$/.test(a));
    if (badAddress) throw new CliError(`--to must be an e-mail address, got "${badAddress}"`, 2);

    const settings = loadSettings();
    const timezone = settings.digest.timezone;
    const date = values.date ?? addDays(localDate(new Date(), timezone), -1);
    if (values.send && !settings.smtpUrl) {
      throw new CliError('no SMTP server configured: set SMTP_URL (e.g. smtp://user:pass@mail.example.com:587) or smtp_url in config/newsmon.yaml');
    }
    if (!existsSync(settings.dbPath)) throw new CliError(`no database at ${settings.dbPath}: run "newsmon ingest --once" first, or pass --db`);

    const entities = digestEntities(settings.configDir);
    // Sending writes the sent log; a preview only reads.
    const store = openStore(settings.dbPath, { readonly: !values.send });
    try {
      if (values.send) return await send(store, settings, date, to, values.force ?? false, entities);
      const { digest, rendered } = await prepareDigest({ store, date, timezone, entities });
      if (values.preview === undefined) {
        process.stdout.write(rendered.text);
      } else if (values.preview === '-') {
        process.stdout.write(rendered.html);
      } else {
        const file = resolve(values.preview);
        writeFileSync(file, rendered.html);
        process.stderr.write(`digest for ${date} (${timezone}): ${digest.totals.events} events, written to ${file}\n`);
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
  date: string,
  to: string[],
  force: boolean,
  entities: readonly DigestEntity[],
): Promise<number> {
  const smtpUrl = settings.smtpUrl as string;
  let transport: ReturnType<typeof createMailTransport>;
  try {
    transport = createMailTransport(smtpUrl);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  const sentLog = store.digestsSent;
  try {
    const r = await sendDigest({ store, transport, settings, date, ...(to.length ? { to } : {}), sentLog, force, entities });
    if (r.status === 'already-sent') {
      process.stderr.write(`digest for ${date} was already sent to ${r.to.join(', ')}; --force sends it again\n`);
      return 0;
    }
    process.stderr.write(`sent digest for ${date} (${r.events} events) to ${r.to.join(', ')}: ${r.messageId ?? '(no message id)'}\n`);
    if (r.rejected.length) {
      process.stderr.write(`warning: the SMTP server refused ${r.rejected.join(', ')}\n`);
      return 1;
    }
    return 0;
  } catch (err) {
    if (err instanceof DigestSendError) throw new CliError(`${err.message} [${redactSmtpUrl(smtpUrl)}]`);
    throw err;
  } finally {
    transport.close();
  }
}
