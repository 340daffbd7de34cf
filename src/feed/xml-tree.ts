import { Parser } from 'htmlparser2';
import { FeedParseError } from './feed-parse-error.js';
import { namespaceId, RSS, undeclaredPrefixId, type NamespaceId } from './namespaces.js';
import { entityDecoder, stripDoctype } from './xml-entities.js';

// A small, tolerant XML tree: htmlparser2's tokenizer (fast, never throws) plus what a
// feed reader needs from XML that the tokenizer leaves out: namespaces, entity
// decoding (ours, see xml-entities.ts), and xml:base.

export interface XElement {
  /** The name as written, e.g. "dc:creator". */
  name: string;
  /** Local name, lower-cased: feeds are not consistent about case (`pubdate`, `TITLE`). */
  local: string;
  ns: NamespaceId;
  /** Attribute values, entity-decoded, by the name as written. */
  attrs: Record<string, string>;
  /** Character data (decoded) and child elements in document order. */
  children: XNode[];
  /** The effective base URI (xml:base resolved against the parent's), if known. */
  base: string | null;
}

export type XNode = XElement | string;

export interface XDocument {
  root: XElement;
  /** Recoverable problems met on the way (feedparser's "bozo"), for diagnostics. */
  issues: string[];
}

export interface TreeOptions {
  /** The document's own URL (after redirects, or Content-Location): the outermost base. */
  base?: string | null;
}

/** Resolve a URI reference against a base, or return it unchanged when that is impossible. */
export function resolveUri(ref: string, base: string | null): string {
  const trimmed = ref.trim();
  if (!base) return trimmed;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return trimmed;
  }
}

const MAX_DEPTH = 200;

interface Frame {
  el: XElement;
  prefixes: Map<string, string>;
}

/** Parse a document into a tree. Throws FeedParseError for an empty, rootless or truncated document. */
export function parseXmlTree(source: string, opts: TreeOptions = {}): XDocument {
  if (!source.trim()) throw new FeedParseError('empty', 'the document is empty');
  const { xml, entities } = stripDoctype(source);
  const decode = entityDecoder(entities);
  const issues: string[] = [];
  // Elements nested deeper than MAX_DEPTH are flattened into their ancestor (their text
  // kept), so a hostile document cannot exhaust the stack of the recursive readers.
  let skipped = 0;
  // Split and lower-cased element names, computed once per distinct name.
  const names = new Map<string, [prefix: string, local: string]>();
  let flattened = false;
  const stack: Frame[] = [];
  let root: XElement | null = null;
  let rootClosed = false;
  let ending = false;
  let inCdata = false;
  const outerBase = opts.base ?? null;

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const parent = stack[stack.length - 1];
        if (!parent && root) return; // content after the root element: ignore
        if (stack.length >= MAX_DEPTH || skipped > 0) {
          if (skipped++ === 0 && !flattened) issues.push(`elements nested deeper than ${MAX_DEPTH} levels were flattened`);
          flattened = true;
          return;
        }
        let prefixes = parent ? parent.prefixes : new Map<string, string>();
        // htmlparser2 gives a fresh object per tag: decode its values in place.
        for (const key in attribs) {
          const raw = attribs[key] ?? '';
          const value = raw.includes('&') ? decode(raw) : raw;
          attribs[key] = value;
          if (key.startsWith('xmlns') && (key.length === 5 || key[5] === ':')) {
            if (prefixes === parent?.prefixes) prefixes = new Map(prefixes);
            prefixes.set(key.slice(6), value);
          }
        }
        let parts = names.get(name);
        if (!parts) {
          const colon = name.indexOf(':');
          parts = colon > 0 ? [name.slice(0, colon), name.slice(colon + 1).toLowerCase()] : ['', name.toLowerCase()];
          names.set(name, parts);
        }
        const [prefix, local] = parts;
        const uri = prefixes.get(prefix);
        const ns = uri !== undefined ? namespaceId(uri) : prefix ? undeclaredPrefixId(prefix) : RSS;
        const parentBase = parent ? parent.el.base : outerBase;
        const xmlBase = attribs['xml:base'];
        const el: XElement = {
          name,
          local,
          ns,
          attrs: attribs,
          children: [],
          base: xmlBase !== undefined ? resolveUri(xmlBase, parentBase) : parentBase,
        };
        if (parent) parent.el.children.push(el);
        else root = el;
        stack.push({ el, prefixes });
      },
      ontext(raw) {
        const top = stack[stack.length - 1];
        if (!top) return;
        const text = inCdata ? raw : decode(raw);
        const kids = top.el.children;
        const last = kids[kids.length - 1];
        if (typeof last === 'string') kids[kids.length - 1] = last + text;
        else kids.push(text);
      },
      oncdatastart() {
        inCdata = true;
      },
      oncdataend() {
        inCdata = false;
      },
      onclosetag(name, isImplied) {
        if (skipped > 0) {
          skipped--;
          return;
        }
        const frame = stack.pop();
        if (!frame) return;
        // htmlparser2 also reports `<x/>` as an implied close; only a missing end tag is an issue.
        if (isImplied && !ending && xml.charCodeAt(parser.endIndex - 1) !== 0x2f) issues.push(`<${name}> was not closed before its parent`);
        if (stack.length === 0 && !ending) rootClosed = true;
      },
    },
    { xmlMode: true, decodeEntities: false, lowerCaseTags: false, lowerCaseAttributeNames: false },
  );
  parser.write(xml);
  const openAtEnd = stack.map((f) => f.el.name);
  ending = true;
  parser.end();

  if (!root) {
    const rest = xml.replace(/<!--[\s\S]*?(?:-->|$)|<\?[\s\S]*?(?:\?>|$)/g, '').trim();
    if (!rest) throw new FeedParseError('empty', 'the document has no elements (only comments or declarations)');
    const start = rest.slice(0, 40).replace(/\s+/g, ' ');
    const what = /^[[{]/.test(rest) ? 'JSON, not XML (JSON Feed is not supported)' : 'not XML';
    throw new FeedParseError('not-a-feed', `Feed not recognized as RSS, Atom or RDF: the document is ${what} (it starts "${start}")`);
  }
  const top: XElement = root;
  if (!rootClosed) {
    // `</rss` cut short at the very end still closes the root; anything deeper left
    // open means the document was truncated, and its last item cannot be trusted.
    const tail = new RegExp(`</${escapeRegExp(top.name)}\\s*$`);
    if (openAtEnd.length === 1 && tail.test(xml.trimEnd())) {
      issues.push(`the closing </${top.name}> tag is incomplete`);
    } else {
      const innermost = openAtEnd[openAtEnd.length - 1] ?? top.name;
      throw new FeedParseError(
        'malformed',
        `the document ends inside <${innermost}> (truncated? ${openAtEnd.length} element${openAtEnd.length === 1 ? '' : 's'} left open: ${openAtEnd.map((n) => `<${n}>`).join(' ')})`,
      );
    }
  }
  return { root: top, issues };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ——— navigation helpers used by the readers ———

export function isElement(n: XNode): n is XElement {
  return typeof n !== 'string';
}

/** The element's children that are elements. */
export function elements(el: XElement): XElement[] {
  return el.children.filter(isElement);
}

/** First direct child with this local name in one of the namespaces. */
export function child(el: XElement, nss: readonly NamespaceId[], local: string): XElement | undefined {
  for (const n of el.children) {
    if (typeof n !== 'string' && n.local === local && nss.includes(n.ns)) return n;
  }
  return undefined;
}

/** All direct children with this local name in one of the namespaces. */
export function childrenNamed(el: XElement, nss: readonly NamespaceId[], local: string): XElement[] {
  const out: XElement[] = [];
  for (const n of el.children) {
    if (typeof n !== 'string' && n.local === local && nss.includes(n.ns)) out.push(n);
  }
  return out;
}

/** The concatenated character data of an element and its descendants. */
export function textContent(el: XElement): string {
  if (el.children.length === 1 && typeof el.children[0] === 'string') return el.children[0];
  let out = '';
  for (const n of el.children) out += typeof n === 'string' ? n : textContent(n);
  return out;
}

/** An attribute by local name, whatever its prefix (`rdf:about`, `about`), case-insensitively. */
export function attr(el: XElement, local: string): string | undefined {
  const direct = el.attrs[local];
  if (direct !== undefined) return direct;
  const want = local.toLowerCase();
  for (const key of Object.keys(el.attrs)) {
    const colon = key.indexOf(':');
    const name = (colon >= 0 ? key.slice(colon + 1) : key).toLowerCase();
    if (name === want && key.slice(0, colon) !== 'xmlns') return el.attrs[key];
  }
  return undefined;
}

