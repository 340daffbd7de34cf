import { escapeAttribute, escapeText } from '../text/html-escape.js';
import { XHTML } from './namespaces.js';
import { resolveUri, type XElement } from './xml-tree.js';

// HTML carried in feeds, made self-contained: inline (X)HTML elements serialized back to
// markup, and relative URLs in it resolved against the xml:base in force where it
// appeared (or the feed's URL), as a reader several steps away no longer knows it.

const URL_ATTRS = new Set(['href', 'src', 'cite', 'poster', 'background', 'longdesc', 'action', 'xlink:href']);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

function isRelative(url: string): boolean {
  const u = url.trim();
  return u !== '' && !HAS_SCHEME.test(u) && !u.startsWith('#');
}

/**
 * Serialize an element's children as an HTML fragment. `text` says what its character
 * data is: 'html' for markup that was escaped into the feed (RSS descriptions: the text
 * IS HTML source), 'xhtml' for inline XHTML (the text is text, and gets escaped).
 */
export function serializeChildren(el: XElement, text: 'html' | 'xhtml'): string {
  let out = '';
  for (const n of el.children) {
    if (typeof n === 'string') out += text === 'xhtml' ? escapeText(n) : n;
    else out += serializeElement(n, text);
  }
  return out;
}

function serializeElement(el: XElement, text: 'html' | 'xhtml'): string {
  // XHTML's own prefix is dropped (`xhtml:b` → `b`); other vocabularies (SVG, MathML) keep theirs.
  const name = el.ns === XHTML ? el.name.slice(el.name.indexOf(':') + 1) : el.name;
  let out = `<${name}`;
  for (const key of Object.keys(el.attrs)) {
    let value = el.attrs[key] ?? '';
    if (key.startsWith('xmlns') && namespaceIsXhtml(value)) continue;
    if (key === 'xml:base') continue;
    if (URL_ATTRS.has(key.toLowerCase()) && isRelative(value)) value = resolveUri(value, el.base);
    out += ` ${key}="${escapeAttribute(value)}"`;
  }
  // A void element can have no content; in a feed's XML an unclosed `<br>` swallows what
  // follows, which belongs after it.
  if (VOID.has(name.toLowerCase())) return `${out} />${serializeChildren(el, text)}`;
  return `${out}>${serializeChildren(el, text)}</${name}>`;
}

function namespaceIsXhtml(uri: string): boolean {
  return uri.trim().toLowerCase() === 'http://www.w3.org/1999/xhtml';
}

const URL_ATTR_IN_HTML = /(\s(?:href|src|cite|poster|background|longdesc)\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi;

/** Resolve the relative URLs in the attributes of an HTML string against `base`. */
export function resolveHtmlUrls(html: string, base: string | null): string {
  if (!base || !html.includes('=')) return html;
  return html.replace(URL_ATTR_IN_HTML, (whole, lead: string, dq?: string, sq?: string, bare?: string) => {
    const value = dq ?? sq ?? bare ?? '';
    if (!isRelative(value)) return whole;
    // The value is attribute-encoded HTML (`a=1&amp;b=2`); URL resolution keeps the
    // query as written, so the encoding survives. Quotes are normalized to double.
    const resolved = resolveUri(value.replace(/&amp;/g, '&'), base);
    return `${lead}"${escapeAttribute(resolved)}"`;
  });
}
