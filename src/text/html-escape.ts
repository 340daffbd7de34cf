// Escaping text for HTML. Three strengths, for three places a value can land.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe anywhere in a document: text content and quoted attribute values (either quote). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * Text content only, as an HTML serializer writes it (quotes stay literal). The feed
 * parser re-serializes fragments this way so its output matches feedparser's.
 */
export function escapeText(s: string): string {
  return s.replace(/[&<>]/g, (c) => ESCAPES[c] ?? c);
}

/** A double-quoted attribute value, as an HTML serializer writes it. */
export function escapeAttribute(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c);
}
