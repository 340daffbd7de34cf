import { decodeHTML } from 'entities';
import { collapse } from '../text/whitespace.js';

// Titles and feed descriptions are plain text in the normalized feed; summaries and
// content are HTML fragments. These convert between the two without a DOM: feed
// values are small, and a regex pass is far cheaper than building a tree per value.

// A tag's attribute values may hold "<" and ">" (`alt="cat<br />dog"`), so quoted values
// are skipped whole; a quote with no partner is an ordinary character. The alternatives
// exclude each other, so a long malformed tag cannot make the regex backtrack exponentially.
const TAG = /<(?:script|style)\b[\s\S]*?<\/(?:script|style)\s*>|<!--[\s\S]*?-->|<!\[CDATA\[|\]\]>|<\/?[A-Za-z](?:[^<>"']|"[^"]*"|'[^']*'|"(?![^"]*")|'(?![^']*'))*>/gi;

/** The text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed. */
export function htmlToText(html: string): string {
  const stripped = html.includes('<') ? html.replace(TAG, (t) => (/^<\/?(?:br|p|div|li|h\d|tr)\b/i.test(t) ? ' ' : '')) : html;
  return collapse(stripped.includes('&') ? decodeHTML(stripped) : stripped);
}

// Elements that make a title "look like HTML" (feedparser's rule for RSS, where the
// format does not say): a real tag of these, or an entity reference.
const HTML_TAG =
  /<\/?(?:a|abbr|acronym|b|big|blockquote|br|cite|code|del|dfn|div|em|font|h[1-6]|hr|i|img|ins|kbd|li|ol|p|pre|q|s|samp|small|span|strike|strong|sub|sup|table|td|th|tr|tt|u|ul|var)\b[^<>]*>/i;
const ENTITY = /&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;

export function looksLikeHtml(text: string): boolean {
  return (text.includes('<') && HTML_TAG.test(text)) || (text.includes('&') && ENTITY.test(text));
}
