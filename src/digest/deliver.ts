import { createHash } from 'node:crypto';
import type { DigestRecipient } from '../config/settings-types.js';
import type { ClaimResult } from '../store/store.js';
import { loadRecipientView, type DigestSource } from './day-source.js';
import { renderEmptyDayNote } from './note-render.js';
import { DigestSendError, describeSmtpError, type MailTransport } from './send.js';
import type { StoryDigestView } from './story-digest.js';
import { renderStoryDigest, type RenderedStoryDigest } from './story-render.js';
import type { DigestEntity } from './watch-list.js';

// One recipient's digest of one local day, mailed once: the ledger row is claimed before
// anything is built or sent (two services, two workers or a retry after a crash find it
// taken), marked sent with the Message-ID, or failed with the SMTP error so the next try
// may claim it again. The Message-ID is derived from recipient and day, so even the one
// case the ledger cannot rule out (a crash between the server's 250 and the commit) gives
// the same message twice, which mail systems fold into one.

/** What delivering needs of the ledger (src/store's DigestLedgerTable). */
export interface DigestLedger {
  claim(address: string, date: string, now: Date): ClaimResult;
  markSent(address: string, date: string, rec: { messageId: string | null; stories: number }, now: Date): void;
  markSkipped(address: string, date: string, now: Date): void;
  markFailed(address: string, date: string, error: string, now: Date): void;
  forget(address: string, date: string): void;
  failedDays(address: string, since: string): string[];
}

export interface PreparedDigest {
  view: StoryDigestView;
  /** null: an empty day the recipient wants no mail for. */
  rendered: RenderedStoryDigest | null;
}

export interface PrepareOptions {
  source: DigestSource;
  recipient: DigestRecipient;
  date: string;
  watch: readonly DigestEntity[];
  webBase: string | null;
}

/** Builds and renders one recipient's day; no mail, no writes (for --preview). */
export function prepareRecipientDigest(o: PrepareOptions): PreparedDigest {
  const view = loadRecipientView(o.source, { recipient: o.recipient, date: o.date, watch: o.watch, webBase: o.webBase });
  if (view.ranked.length > 0) return { view, rendered: renderStoryDigest(view) };
  return { view, rendered: o.recipient.onEmptyDay === 'skip' ? null : renderEmptyDayNote(view) };
}

export interface DeliverOptions extends PrepareOptions {
  ledger: DigestLedger;
  transport: MailTransport;
  from: string;
  now: () => Date;
  /** Forget a finished day first and send it again (`--force`). */
  force?: boolean;
}

export interface DeliverResult {
  status: 'sent' | 'already-sent' | 'in-progress' | 'skipped';
  address: string;
  date: string;
  stories: number;
  messageId: string | null;
  subject: string | null;
}

/** "<digest.2026-11-30.1a2b3c4d5e6f7a8b@example.org>": one per recipient and day. */
export function digestMessageId(address: string, date: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'newsmon.invalid';
  const h = createHash('sha256').update(address.toLowerCase()).digest('hex').slice(0, 16);
  return `<digest.${date}.${h}@${domain}>`;
}

export async function deliverDigest(o: DeliverOptions): Promise<DeliverResult> {
  const address = o.recipient.address;
  const base = { address, date: o.date, stories: 0, messageId: null, subject: null };
  if (o.force) o.ledger.forget(address, o.date);
  const claim = o.ledger.claim(address, o.date, o.now());
  if (claim === 'done') return { ...base, status: 'already-sent' };
  if (claim === 'busy') return { ...base, status: 'in-progress' };
  let prepared: PreparedDigest;
  try {
    prepared = prepareRecipientDigest(o);
  } catch (err) {
    o.ledger.markFailed(address, o.date, `building the digest failed: ${(err as Error).message}`, o.now());
    throw err;
  }
  const stories = prepared.view.ranked.length;
  if (!prepared.rendered) {
    o.ledger.markSkipped(address, o.date, o.now());
    return { ...base, status: 'skipped' };
  }
  const { subject, html, text } = prepared.rendered;
  const messageId = digestMessageId(address, o.date, o.from);
  try {
    await o.transport.sendMail({
      from: o.from,
      to: address,
      subject,
      text,
      html,
      messageId,
      headers: { 'X-Newsmon-Digest-Date': o.date, 'X-Newsmon-Digest-Zone': o.recipient.timezone },
    });
  } catch (err) {
    const why = describeSmtpError(err, [address]);
    o.ledger.markFailed(address, o.date, why, o.now());
    throw new DigestSendError(why, { cause: err });
  }
  o.ledger.markSent(address, o.date, { messageId, stories }, o.now());
  return { ...base, status: 'sent', stories, messageId, subject };
}
