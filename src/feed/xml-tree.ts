import { Tokenizer } from 'htmlparser2';
import { FeedParseError } from './feed-parse-error.js';
import type { NamespaceId } from './namespaces.js';
import type { XDocument, XElement, XNode, TreeOptions } from './xml-node.js';
import { MAX_ELEMENTS, TreeBuilder } from './xml-tree-builder.js';
import { entityDecoder, stripDoctype } from './xml-entities.js';

// A small, tolerant XML tree: htmlparser2's tokenizer (fast, never throws) plus what a
// feed reader needs from XML that the tokenizer leaves out: namespaces, entity
// decoding (ours, see xml-entities.ts), and xml:base. Linear in the input's size, however
// deep or long it is (see xml-tree-builder.ts); memory bounded by an element cap.

export type { XDocument, XElement, XNode, TreeOptions } from './xml-node.js';
export { resolveUri } from './xml-node.js';

/** Parse a document into a tree. Throws FeedParseError for an empty, rootless or truncated document. */
export function parseXmlTree(source: string, opts: TreeOptions = {}): XDocument {
  if (!source.trim()) throw new FeedParseError('empty', 'the document is empty');
  const { xml, entities } = stripDoctype(source);
  const builder = new TreeBuilder(xml, entityDecoder(entities), opts.base ?? null, opts.maxElements ?? MAX_ELEMENTS);
  const tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: false }, builder);
  builder.onCap = () => tokenizer.pause();
  tokenizer.write(xml);
  const openAtEnd = builder.openBuilt();
  builder.ending = true;
  tokenizer.end();

  const root = builder.root;
  if (!root) {
    const rest = xml.replace(/<!--[\s\S]*?(?:-->|$)|<\?[\s\S]*?(?:\?>|$)/g, '').trim();
    if (!rest) throw new FeedParseError('empty', 'the document has no elements (only comments or declarations)');
    const start = rest.slice(0, 40).replace(/\s+/g, ' ');
    const what = /^[[{]/.test(rest) ? 'JSON, not XML (JSON Feed is not supported)' : 'not XML';
    throw new FeedParseError('not-a-feed', `Feed not recognized as RSS, Atom or RDF: the document is ${what} (it starts "${start}")`);
  }
  // A document cut at the element cap is not truncated: the part read is whole.
  if (!builder.rootClosed && !builder.capped) {
    // `</rss` cut short at the very end still closes the root; anything deeper left
    // open means the document was truncated, and its last item cannot be trusted.
    const tail = new RegExp(`</${escapeRegExp(root.name)}\\s*$`);
    if (openAtEnd.length === 1 && tail.test(xml.trimEnd())) {
      builder.issue(`the closing </${root.name}> tag is incomplete`);
    } else {
      const innermost = openAtEnd[openAtEnd.length - 1] ?? root.name;
      throw new FeedParseError(
        'malformed',
        `the document ends inside <${innermost}> (truncated? ${openAtEnd.length} element${openAtEnd.length === 1 ? '' : 's'} left open: ${openAtEnd.map((n) => `<${n}>`).join(' ')})`,
      );
    }
  }
  return { root, issues: builder.issues };
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

