import type { Element, AnyNode } from './dom.js';
import { isInline, isTag, isText } from './dom.js';

// One bottom-up pass over the kept elements that counts what the scorers need: text and
// link-text lengths for each subtree, and for each block the inline text it owns itself
// (its "paragraph" text, not counting nested blocks).

export interface Counts {
  /** Collapsed text length of the subtree. */
  text: number;
  /** Of which inside <a>. */
  link: number;
  /** Commas (Latin and CJK) in the subtree. */
  commas: number;
  p: number;
  img: number;
  li: number;
  input: number;
  embed: number;
  /** Text in <li> elements, to tell a real list from a layout that happens to use <ul>. */
  liText: number;
  /** Text of prose paragraphs: blocks owning at least 25 characters, mostly not links. */
  prose: number;
  /** Headings, and of those the ones that are mostly a link (a teaser's headline). */
  headings: number;
  linkedHeadings: number;
}

export interface Own {
  /** Inline text this block owns (its text minus that of nested blocks). */
  text: number;
  link: number;
  commas: number;
  /** True when the element has block children (its own text is then a "loose" paragraph). */
  hasBlockChild: boolean;
}

export interface TextStats {
  counts: Map<Element, Counts>;
  own: Map<Element, Own>;
}

/**
 * Collapsed length (whitespace runs count once, ends trimmed) and comma count of a text
 * node, in one pass without allocating: this runs on every text node of every page.
 */
function scan(data: string): { length: number; commas: number } {
  let length = 0;
  let commas = 0;
  let pendingSpace = false;
  for (let i = 0; i < data.length; i++) {
    const ch = data.charCodeAt(i);
    if (ch === 32 || (ch >= 9 && ch <= 13) || ch === 0xa0 || ch === 0x3000 || ch === 0x200b) {
      pendingSpace = length > 0;
      continue;
    }
    if (pendingSpace) {
      length++;
      pendingSpace = false;
    }
    length++;
    // , ， 、 ; ；
    if (ch === 44 || ch === 0xff0c || ch === 0x3001 || ch === 59 || ch === 0xff1b) commas++;
  }
  return { length, commas };
}

const HEADING = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const EMBED = new Set(['iframe', 'object', 'embed', 'video', 'audio']);

/** `order` is the kept elements in document order (dom.preorder); children not in it do not count. */
export function measure(order: readonly Element[]): TextStats {
  const counts = new Map<Element, Counts>();
  const own = new Map<Element, Own>();
  // Reverse document order visits every child before its parent: one bottom-up pass.
  for (let i = order.length - 1; i >= 0; i--) {
    const el = order[i] as Element;
    const c = emptyCounts();
    const o: Own = { text: 0, link: 0, commas: 0, hasBlockChild: false };
    for (const child of el.children as AnyNode[]) {
      if (isText(child)) addText(child.data, c, o);
      else if (isTag(child)) addChildElement(child, c, o, counts, own);
    }
    countSelf(el, c, o);
    counts.set(el, c);
    own.set(el, o);
  }
  return { counts, own };
}

function emptyCounts(): Counts {
  return { text: 0, link: 0, commas: 0, p: 0, img: 0, li: 0, input: 0, embed: 0, liText: 0, prose: 0, headings: 0, linkedHeadings: 0 };
}

/** A text node counts in the subtree and is the element's own text. */
function addText(data: string, c: Counts, o: Own): void {
  const { length: n, commas: k } = scan(data);
  if (n === 0) return;
  c.text += n;
  c.commas += k;
  o.text += n;
  o.commas += k;
}

/** A child element adds its subtree; an inline child's own text is also the parent's own. */
function addChildElement(child: Element, c: Counts, o: Own, counts: Map<Element, Counts>, own: Map<Element, Own>): void {
  if (child.name === 'img') c.img++;
  else if (child.name === 'input') c.input++;
  else if (EMBED.has(child.name)) c.embed++;
  const cc = counts.get(child);
  if (!cc) return;
  addCounts(c, cc);
  if (isInline(child)) {
    const co = own.get(child);
    if (co) {
      o.text += co.text;
      o.link += co.link;
      o.commas += co.commas;
      if (co.hasBlockChild) o.hasBlockChild = true;
    }
  } else if (child.name !== 'br' && (cc.text > 0 || child.name === 'hr')) {
    o.hasBlockChild = true;
  }
}

function addCounts(c: Counts, cc: Counts): void {
  c.text += cc.text;
  c.link += cc.link;
  c.commas += cc.commas;
  c.p += cc.p;
  c.img += cc.img;
  c.li += cc.li;
  c.input += cc.input;
  c.embed += cc.embed;
  c.liText += cc.liText;
  c.prose += cc.prose;
  c.headings += cc.headings;
  c.linkedHeadings += cc.linkedHeadings;
}

/** What the element itself adds once its children are counted. */
function countSelf(el: Element, c: Counts, o: Own): void {
  if (el.name === 'a') {
    c.link = c.text;
    o.link = o.text;
  } else if (el.name === 'p') {
    c.p++;
  } else if (HEADING.has(el.name) && c.text > 0) {
    c.headings++;
    if (c.link / c.text > 0.6) c.linkedHeadings++;
  } else if (el.name === 'li') {
    c.li++;
    c.liText = c.text;
  }
  if (!isInline(el) && o.text >= 25 && o.link / o.text < 0.5) c.prose += o.text;
}

export function linkDensity(c: Counts | undefined): number {
  if (!c || c.text === 0) return 0;
  return c.link / c.text;
}
