// Links in a digest: plain web links only (no javascript:, data:, mailto:).

/** The URL when it is an http(s) link, else null. */
export function safeHref(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
