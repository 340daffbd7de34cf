import nodemailer from 'nodemailer';
import type { MailTransport } from './send.js';

// The SMTP edge: one transporter from SMTP_URL. Time limits are set here because
// nodemailer's defaults (2 min to connect, 10 min of socket silence) would keep a
// CLI or a digest job hanging long after the user could have been told.

export interface MailTransportOptions {
  connectionTimeoutMs?: number;
  socketTimeoutMs?: number;
}

/** Throws RangeError when the URL is not smtp:// or smtps://. */
export function createMailTransport(smtpUrl: string, o: MailTransportOptions = {}): MailTransport & { close(): void } {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new RangeError(`SMTP_URL is not a URL: expected smtp://[user:pass@]host[:port] or smtps://…`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new RangeError(`SMTP_URL must start with smtp:// or smtps://, got "${url.protocol}//"`);
  }
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: o.connectionTimeoutMs ?? 20_000,
    greetingTimeout: o.connectionTimeoutMs ?? 20_000,
    socketTimeout: o.socketTimeoutMs ?? 60_000,
  });
  return {
    sendMail: (mail) => transporter.sendMail(mail),
    close: () => transporter.close(),
  };
}

/** The URL with its password hidden, for messages and logs. */
export function redactSmtpUrl(smtpUrl: string): string {
  try {
    const u = new URL(smtpUrl);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable SMTP_URL)';
  }
}
