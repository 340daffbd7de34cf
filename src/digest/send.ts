import type { SendMailOptions } from 'nodemailer';
import type { Settings } from '../config/settings-types.js';
import type { EventQuery, FeedState, StoredEvent } from '../store/types.js';
import { buildDigest } from './build.js';
import { renderDigest, type RenderedDigest } from './render.js';
import type { SentLog } from './sent-log.js';
import type { Digest, DigestEntity } from './types.js';
import { zonedDayRange } from '../time/zoned-day.js';

// The digest's edge: read the day from the store, render, mail once per day and
// recipient list. The transport (nodemailer) and the sent log are passed in.

/** What the digest needs of the store (the real Store has more). */
export interface DigestStore {
  queryEvents(q: EventQuery): StoredEvent[] | Promise<StoredEvent[]>;
  listFeeds(): FeedState[] | Promise<FeedState[]>;
}

/** What the digest needs of a nodemailer transporter. */
export interface MailTransport {
  sendMail(mail: SendMailOptions): Promise<{ messageId?: string; accepted?: unknown[]; rejected?: unknown[] }>;
}

/** A send that failed; the message says why in the user's terms, `cause` keeps the SMTP error. */
export class DigestSendError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DigestSendError';
  }
}

const PAGE = 1000;

/** Every event of one local day, read in pages so a busy day is not cut at a store limit. */
export async function loadDayEvents(store: DigestStore, date: string, timezone: string): Promise<StoredEvent[]> {
  const { start, end } = zonedDayRange(date, timezone);
  const out: StoredEvent[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.queryEvents({ since: start, until: end, limit: PAGE, offset });
    out.push(...page);
    if (page.length < PAGE) return out;
  }
}

export interface PrepareDigestOptions {
  store: DigestStore;
  date: string;
  timezone: string;
  /** Watch-list order and names (config/entities.yaml, see digestEntities). */
  entities: readonly DigestEntity[];
}

/** Builds and renders one day's digest from the store; no mail, no writes (for --preview). */
export async function prepareDigest(o: PrepareDigestOptions): Promise<{ digest: Digest; rendered: RenderedDigest }> {
  const events = await loadDayEvents(o.store, o.date, o.timezone);
  const feeds = await o.store.listFeeds();
  const digest = buildDigest(events, {
    date: o.date,
    timezone: o.timezone,
    feeds,
    entities: o.entities,
  });
  return { digest, rendered: renderDigest(digest) };
}

export interface SendDigestOptions {
  store: DigestStore;
  transport: MailTransport;
  settings: Pick<Settings, 'digest'>;
  /** The local day, YYYY-MM-DD, in settings.digest.timezone. */
  date: string;
  /** Recipients; defaults to settings.digest.to. */
  to?: readonly string[];
  /** Without one, every call sends (no idempotency). */
  sentLog?: SentLog;
  /** Send even when this day already went to these recipients. */
  force?: boolean;
  now?: () => Date;
  /** Watch-list order and names (config/entities.yaml, see digestEntities). */
  entities: readonly DigestEntity[];
}

export interface SendDigestResult {
  status: 'sent' | 'already-sent';
  /** The SMTP Message-ID, or null when nothing was sent. */
  messageId: string | null;
  events: number;
  to: string[];
  /** Recipients the server refused while accepting others. */
  rejected: string[];
  subject: string;
}

export async function sendDigest(o: SendDigestOptions): Promise<SendDigestResult> {
  const now = o.now ?? (() => new Date());
  const to = [...(o.to ?? o.settings.digest.to)];
  if (to.length === 0) {
    throw new DigestSendError('no recipients: set digest.to in config/newsmon.yaml or pass --to ADDRESS');
  }
  const { digest, rendered } = await prepareDigest({
    store: o.store,
    date: o.date,
    timezone: o.settings.digest.timezone,
    entities: o.entities,
  });
  const events = digest.totals.events;
  const base = { events, to, subject: rendered.subject };

  const log = o.sentLog;
  if (log) {
    if (o.force) log.forget(o.date, to);
    if (!log.claim(o.date, to, now())) return { ...base, status: 'already-sent', messageId: null, rejected: [] };
  }
  let info: Awaited<ReturnType<MailTransport['sendMail']>>;
  try {
    info = await o.transport.sendMail({
      from: o.settings.digest.from,
      to,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      headers: { 'X-Newsmon-Digest-Date': o.date },
    });
  } catch (err) {
    log?.release(o.date, to);
    throw new DigestSendError(describeSmtpError(err, to), { cause: err });
  }
  const messageId = info.messageId ?? null;
  log?.markSent(o.date, to, { messageId, events }, now());
  return { ...base, status: 'sent', messageId, rejected: (info.rejected ?? []).map(addressText) };
}

function addressText(a: unknown): string {
  if (typeof a === 'string') return a;
  if (a && typeof a === 'object' && 'address' in a) return String((a as { address: unknown }).address);
  return String(a);
}

interface SmtpErrorLike {
  message?: string;
  code?: string;
  command?: string;
  response?: string;
  responseCode?: number;
  rejected?: unknown[];
}

/** One line that says what went wrong with the mail server, in the user's terms. */
export function describeSmtpError(err: unknown, to: readonly string[] = []): string {
  const e = (err && typeof err === 'object' ? err : { message: String(err) }) as SmtpErrorLike;
  const reply = e.response ? `: ${e.response.trim()}` : '';
  switch (e.code) {
    case 'EENVELOPE': {
      const who = e.rejected?.length ? e.rejected.map(addressText).join(', ') : to.join(', ');
      if (/RCPT/i.test(e.command ?? '') || e.rejected?.length) return `the SMTP server refused the recipient ${who}${reply}`;
      return `the SMTP server refused the sender or envelope${reply || `: ${e.message ?? ''}`}`;
    }
    case 'ETLS':
      return `TLS with the SMTP server failed (${e.message ?? e.code}); for a server without TLS use smtp:// and a port that does not require it`;
    case 'ENOAUTH':
    case 'EAUTH':
      return `SMTP authentication failed${reply || `: ${e.message ?? ''}`}`;
    case 'ETIMEDOUT':
      return `the SMTP server did not answer in time (${e.message ?? 'timeout'})`;
    case 'ECONNECTION':
    case 'ESOCKET':
    case 'EDNS':
      return `cannot reach the SMTP server (${e.message ?? e.code})`;
    case 'EMESSAGE':
      return `the SMTP server refused the message${reply || `: ${e.message ?? ''}`}`;
    default:
      return `sending the digest failed: ${e.message ?? String(err)}${e.responseCode ? ` (SMTP ${e.responseCode})` : ''}`;
  }
}
