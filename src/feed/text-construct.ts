import { escapeText } from '../text/html-escape.js';
import { collapse } from '../text/whitespace.js';
import { htmlToText, looksLikeHtml } from './html-text.js';
import { resolveHtmlUrls, serializeChildren } from './html-fragment.js';
import { repairText } from './repair-text.js';
import { attr, isElement, textContent, type XElement } from './xml-tree.js';

// A feed's text values come as plain text or HTML, said (Atom) or not (RSS), inline,
// escaped or base64. A TextValue records which, so the normalizer can give titles as
// text and summaries/content as HTML without guessing twice.

export interface TextValue {
  type: 'text' | 'html';
  value: string;
  /** Base for relative URLs inside an HTML value. */
  base: string | null;
}

/** Plain text, whitespace collapsed: for titles, descriptions, names. */
export function asPlain(v: TextValue | null): string | null {
  if (!v) return null;
  return repairText(v.type === 'html' ? htmlToText(v.value) : collapse(v.value));
}

/** An HTML fragment with absolute URLs: for summaries and content. */
export function asHtml(v: TextValue | null): string | null {
  if (!v) return null;
  const value = v.value.trim();
  return repairText(v.type === 'html' ? resolveHtmlUrls(escapeStrayLt(value), v.base) : escapeText(value));
}

// A "<" that opens no tag, comment or declaration is text; escaping it keeps an HTML
// parser downstream from swallowing what follows (`<!' <a href>` is not a DOCTYPE).
const STRAY_LT = /<(?![A-Za-z/?]|!--|!\[CDATA\[|!doctype)/gi;

function escapeStrayLt(html: string): string {
  return html.includes('<') ? html.replace(STRAY_LT, '&lt;') : html;
}

function hasElementChildren(el: XElement): boolean {
  return el.children.some(isElement);
}

function decodeBase64(el: XElement): string {
  const compact = textContent(el).replace(/\s+/g, '');
  return Buffer.from(compact, 'base64').toString('utf8');
}

/** An RSS element (title, description, content:encoded, ...): HTML unless it plainly is text. */
export function readRssText(el: XElement, kind: 'title' | 'body'): TextValue {
  if (hasElementChildren(el)) return { type: 'html', value: serializeChildren(el, 'html'), base: el.base };
  const text = textContent(el);
  const type = kind === 'body' || looksLikeHtml(text) ? 'html' : 'text';
  return { type, value: text, base: el.base };
}

/** An Atom 1.0 text construct or content element (RFC 4287 §3.1, §4.1.3). */
export function readAtom10Text(el: XElement): TextValue {
  const type = (attr(el, 'type') ?? 'text').trim().toLowerCase();
  if (type === 'xhtml') {
    // The value is the content of the one xhtml:div the element must contain.
    const kids = el.children.filter((n) => typeof n !== 'string' || n.trim() !== '');
    const only = kids.length === 1 ? kids[0] : undefined;
    const wrapper = only && isElement(only) && only.local === 'div' ? only : el;
    return { type: 'html', value: serializeChildren(wrapper, 'xhtml'), base: wrapper.base };
  }
  if (type === 'html' || type === 'text/html') return { type: 'html', value: htmlOrInline(el), base: el.base };
  if (type === 'text' || type === '' || type.startsWith('text/')) {
    return hasElementChildren(el) ? { type: 'html', value: serializeChildren(el, 'xhtml'), base: el.base } : { type: 'text', value: textContent(el), base: el.base };
  }
  if (type.endsWith('/xml') || type.endsWith('+xml')) return { type: 'html', value: serializeChildren(el, 'xhtml'), base: el.base };
  // Any other media type is base64 (RFC 4287 §4.1.3.3, rule 5).
  return fromDecoded(decodeBase64(el), el);
}

/** An Atom 0.3 content construct: a MIME type and a mode (xml, escaped, base64). */
export function readAtom03Text(el: XElement): TextValue {
  const type = (attr(el, 'type') ?? 'text/plain').trim().toLowerCase();
  const mode = (attr(el, 'mode') ?? 'xml').trim().toLowerCase();
  const htmlType = type.includes('html') || type.endsWith('+xml') || type.endsWith('/xml');
  if (mode === 'base64') return fromDecoded(decodeBase64(el), el, htmlType);
  if (mode === 'escaped') return { type: htmlType ? 'html' : 'text', value: htmlOrInline(el), base: el.base };
  if (hasElementChildren(el)) return { type: 'html', value: serializeChildren(el, 'xhtml'), base: el.base };
  return { type: htmlType ? 'html' : 'text', value: textContent(el), base: el.base };
}

// Escaped HTML that also (wrongly) contains raw elements: keep both as markup.
function htmlOrInline(el: XElement): string {
  return hasElementChildren(el) ? serializeChildren(el, 'html') : textContent(el);
}

function fromDecoded(decoded: string, el: XElement, html = false): TextValue {
  return { type: html || looksLikeHtml(decoded) ? 'html' : 'text', value: decoded, base: el.base };
}
