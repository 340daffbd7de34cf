// Feed URLs may carry credentials: "https://user:pass@host/feed" or "?token=…" from a paid
// feed. Wherever a URL is shown (API, CLI, digest, errors, logs) it goes through here, so
// the secret stays in feeds.yaml and the HTTP request and nowhere else.

export const REDACTED = '***';

// Query parameter names that carry secrets (compared lower-case, "-" and "_" removed).
const SECRET_NAMES = new Set([
  'token', 'accesstoken', 'authtoken', 'apitoken', 'privatetoken', 'refreshtoken', 'idtoken', 'feedtoken', 'rsstoken',
  'key', 'apikey', 'accesskey', 'secretkey', 'privatekey', 'appkey', 'licensekey', 'subscriptionkey',
  'secret', 'clientsecret', 'appsecret', 'password', 'passwd', 'pwd', 'pass', 'passphrase',
  'auth', 'authorization', 'bearer', 'credential', 'credentials', 'session', 'sessionid', 'sid', 'jwt',
  'sig', 'signature', 'xamzsignature', 'xamzcredential', 'xamzsecuritytoken', 'hash', 'otp',
]);
const SECRET_SUFFIX = /(token|secret|password|passwd|apikey|signature)$/;
// A value that looks like a secret whatever its name: a JWT, or a long run of mixed
// letters and digits (a UUID or a hex key); ordinary ids, slugs and dates do not match.
const SECRET_VALUE = /^(eyJ[\w-]+\.[\w-]+\.[\w-]*|(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{32,})$/;

function secretName(name: string): boolean {
  const n = name.toLowerCase().replace(/[-_.[\]]/g, '');
  return SECRET_NAMES.has(n) || SECRET_SUFFIX.test(n);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** The query string (no "?") with secret-looking values replaced; the rest byte for byte. */
function redactQuery(query: string): string {
  return query
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq < 0) return part;
      const name = safeDecode(part.slice(0, eq));
      const value = safeDecode(part.slice(eq + 1));
      return value !== '' && (secretName(name) || SECRET_VALUE.test(value)) ? `${part.slice(0, eq)}=${REDACTED}` : part;
    })
    .join('&');
}

/**
 * The URL with its user:password and secret-looking query values replaced by "***".
 * Anything else is left as written; text that is not a URL comes back unchanged.
 */
export function redactUrl(text: string): string {
  // Textual, not through URL parsing: the rest of the URL must read exactly as configured.
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/is.exec(text);
  if (!m) return text;
  const [, scheme = '', authority = '', path = '', query, fragment = ''] = m;
  const at = authority.lastIndexOf('@');
  const host = at >= 0 ? `${REDACTED}@${authority.slice(at + 1)}` : authority;
  return `${scheme}${host}${path}${query ? `?${redactQuery(query.slice(1))}` : ''}${fragment}`;
}

// A URL inside running text ends at whitespace, a quote or a closing bracket.
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`)\]]+/gi;

/** Every URL in a message (an error, a log line) redacted as by redactUrl. */
export function redactUrlsIn(text: string): string {
  return text.includes('://') ? text.replace(URL_IN_TEXT, (u) => redactUrl(u)) : text;
}
