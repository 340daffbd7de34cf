import { decodeHTML } from 'entities';

// Feeds that carry the whole article save a page fetch. A feed body counts as the full
// text when it is long (a summary rarely passes ~1,500 characters) and does not end the
// way truncated feeds end ("…", "Read more", "[...]").
const MIN_FULL_TEXT_CHARS = 1500;
const TRUNCATED_TAIL = /(\.\.\.|…|\[\s*(\.\.\.|…)\s*\]|read more|continue reading|阅读全文|查看全文|更多)\s*$/i;

/** Plain text of an HTML fragment, for deciding and for fallbacks (not for extraction). */
export function fragmentText(html: string): string {
  return decodeHTML(html.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

export function isFullText(html: string | null): boolean {
  if (!html) return false;
  const text = fragmentText(html);
  return text.length >= MIN_FULL_TEXT_CHARS && !TRUNCATED_TAIL.test(text);
}
