import type { AnyNode, Document } from 'domhandler';
import { Element, isTag, isText } from 'domhandler';

// DOM helpers over htmlparser2's tree. Every walk here is iterative: pages nest tags
// tens of thousands deep, and a recursive walk would overflow the stack.

export type { Document, Element, AnyNode };
export { isTag, isText };

export { parseHtml } from './parse-html.js';

const BODY = new Set(['body']);

/** The page's <body>; for a fragment (a feed's content), a body made to wrap it. */
export function bodyElement(doc: Document): Element {
  const body = findFirst(doc, BODY);
  if (body) return body;
  const root = new Element('body', {}, doc.children);
  for (const c of root.children) c.parent = root;
  return root;
}

// Block-level tags break lines and make paragraphs. Anything else — including unknown and
// custom elements, which browsers lay out inline by default — flows within a line.
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'frameset', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'hr', 'html', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody',
  'thead', 'tfoot', 'tr', 'td', 'th', 'caption', 'ul', 'legend', 'listing', 'plaintext', 'xmp', 'search', 'iframe',
  'video', 'audio', 'canvas', 'noscript', 'option', 'optgroup', 'select', 'textarea',
]);

export function isInline(el: Element): boolean {
  return !BLOCK.has(el.name);
}

export function attr(el: Element, name: string): string {
  return el.attribs[name] ?? '';
}

/** Class and id joined, the text the class/id hints are matched against. */
export function classAndId(el: Element): string {
  const c = el.attribs.class;
  const i = el.attribs.id;
  if (c && i) return `${c} ${i}`;
  return c ?? i ?? '';
}

/** Elements under `root` in document order, `root` first; subtrees where `skip` is true are left out. */
export function preorder(root: Element | Document, skip: (el: Element) => boolean = () => false): Element[] {
  const out: Element[] = [];
  const stack: AnyNode[] = [];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i] as AnyNode);
  if (isTag(root as AnyNode)) out.push(root as Element);
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (!isTag(node) || skip(node)) continue;
    out.push(node);
    const kids = node.children;
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = kids[i] as AnyNode;
      if (isTag(k)) stack.push(k);
    }
  }
  return out;
}

/** The first element with one of these tag names, in document order, or null. */
export function findFirst(root: Element | Document, names: ReadonlySet<string>): Element | null {
  const stack: AnyNode[] = [...root.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (!isTag(node)) continue;
    if (names.has(node.name)) return node;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as AnyNode);
  }
  return null;
}

/** All text under a node, raw (not collapsed). */
export function rawText(root: AnyNode): string {
  if (isText(root)) return root.data;
  if (!('children' in root)) return '';
  const parts: string[] = [];
  const stack: AnyNode[] = [...root.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (isText(node)) parts.push(node.data);
    else if (isTag(node)) {
      if (node.name === 'script' || node.name === 'style') continue;
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as AnyNode);
    }
  }
  return parts.join('');
}
