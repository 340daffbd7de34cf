import type { Element } from './dom.js';
import { preorder } from './dom.js';
import { CHROME_TAGS, NEVER_CONTENT, isHidden, looksUnlikely } from './hints.js';
import { measure } from './text-stats.js';
import { pickTop, scoreCandidates, withSiblings } from './candidates.js';
import { dropInside } from './prune.js';
import type { Block } from './blocks.js';
import { blocksOf } from './blocks.js';
import { isLabelLine, isRelatedTitle } from './boilerplate-text.js';

// The article body of a page: pick the container, prune inside it, serialize, tidy.
// Like readability, a first pass ignores everything whose markup says "chrome"; if
// that leaves too little text (some sites call their article "main-header"), a second
// pass without that filter runs, and the longer result wins.

/** Below this many characters a strict pass is not trusted. */
const ENOUGH_TEXT = 500;

export interface BodyResult {
  text: string;
  blocks: Block[];
}

function baseSkip(el: Element): boolean {
  return NEVER_CONTENT.has(el.name) || isHidden(el);
}

function strictSkip(el: Element): boolean {
  return baseSkip(el) || CHROME_TAGS.has(el.name) || looksUnlikely(el);
}

function attempt(root: Element, skip: (el: Element) => boolean): BodyResult {
  const order = preorder(root, skip);
  const stats = measure(order);
  const scored = scoreCandidates(order, stats, root);
  // No paragraph long enough to score (a short fragment): the whole body, pruned, is the text.
  const top = pickTop(scored, root) ?? root;
  const parts = top === root ? [root] : withSiblings(top, scored, stats, (el) => !skip(el));
  const total = parts.reduce((n, el) => n + (stats.counts.get(el)?.text ?? 0), 0);
  const dropped = (el: Element): boolean => skip(el) || dropInside(el, stats, total);
  const blocks = tidy(blocksOf(parts, dropped));
  return { text: blocks.map((b) => b.text).join('\n'), blocks };
}

/** Drop what survives pruning but is still not prose: headline lines and orphaned headings. */
function tidy(blocks: Block[]): Block[] {
  const isLinkLine = (b: Block): boolean => b.link > 0 && b.link / b.text.length > 0.8;
  const kept: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i] as Block;
    if (isLinkLine(b) || isLabelLine(b.text) || isRelatedTitle(b.text)) continue;
    // "You may also like:" before a run of headline links goes with them.
    const next = blocks[i + 1];
    const after = blocks[i + 2];
    if (b.text.length <= 60 && !SENTENCE_END.test(b.text) && next && after && isLinkLine(next) && isLinkLine(after)) continue;
    kept.push(b);
  }
  // A heading with nothing after it introduced a list that was pruned.
  while (kept.length > 0 && kept[kept.length - 1]?.kind === 'heading') kept.pop();
  return kept;
}

const SENTENCE_END = /[.!?。！？]["'”’)]?$/;

export function articleBody(root: Element): BodyResult {
  const strict = attempt(root, strictSkip);
  if (strict.text.length >= ENOUGH_TEXT) return strict;
  const loose = attempt(root, baseSkip);
  return loose.text.length > strict.text.length ? loose : strict;
}

