import type { SendMailOptions } from 'nodemailer';

// The SMTP side of the digest: what it needs of a transporter, its one error type, and
// SMTP errors told in the user's terms (they are recorded in the ledger and logged).

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
