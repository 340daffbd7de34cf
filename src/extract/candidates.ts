import type { Element } from './dom.js';
import { isInline, isTag, rawText } from './dom.js';
import { classWeight } from './hints.js';
import type { TextStats } from './text-stats.js';
import { linkDensity } from './text-stats.js';
import { isTeaserCard } from './prune.js';

// Readability's way to find the article's container: every paragraph gives points to its
// parent and, less, to its grandparents, by its length and its commas; a container's
// points are discounted by how much of its text is links. The best container wins, and
// takes the siblings that look like they belong to the same article.

const MIN_PARAGRAPH = 25;

function tagBase(name: string): number {
  switch (name) {
    case 'div': case 'article': case 'main': case 'section':
      return 5;
    case 'pre': case 'td': case 'blockquote':
      return 3;
    case 'address': case 'ol': case 'ul': case 'dl': case 'dd': case 'dt': case 'li': case 'form':
      return -3;
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': case 'th':
      return -5;
    default:
      return 0;
  }
}

export interface Scored {
  scores: Map<Element, number>;
  /** Candidates by final score (link-density discounted), best first. */
  ranked: { el: Element; score: number }[];
}

export function scoreCandidates(order: readonly Element[], stats: TextStats, root: Element): Scored {
  const raw = new Map<Element, number>();
  const init = (el: Element): void => {
    if (!raw.has(el)) raw.set(el, tagBase(el.name) + classWeight(el));
  };
  for (const el of order) {
    if (isInline(el)) continue;
    const own = stats.own.get(el);
    if (!own || own.text < MIN_PARAGRAPH) continue;
    // A paragraph that is mostly a link is a headline list entry, not prose; a teaser's
    // blurb is prose, but about another article.
    if (own.link / own.text > 0.5 || inTeaserCard(el, stats)) continue;
    const points = 1 + own.commas + Math.min(Math.floor(own.text / 100), 3);
    // Loose text beside blocks belongs to the element itself; a plain paragraph to its parent.
    let node: Element | null = own.hasBlockChild || el === root ? el : parentElement(el);
    for (let level = 0; node && level < 5; level++) {
      init(node);
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      raw.set(node, (raw.get(node) ?? 0) + points / divider);
      if (node === root) break;
      node = parentElement(node);
    }
  }
  const scores = new Map<Element, number>();
  const ranked: { el: Element; score: number }[] = [];
  for (const [el, s] of raw) {
    const score = s * (1 - linkDensity(stats.counts.get(el)));
    scores.set(el, score);
    ranked.push({ el, score });
  }
  ranked.sort((a, b) => b.score - a.score);
  return { scores, ranked };
}

function inTeaserCard(el: Element, stats: TextStats): boolean {
  let node: Element | null = el;
  for (let i = 0; node && i < 4; i++) {
    const c = stats.counts.get(node);
    if (c && isTeaserCard(node, c)) return true;
    node = parentElement(node);
  }
  return false;
}

export function parentElement(el: Element): Element | null {
  const p = el.parent;
  return p && isTag(p) ? p : null;
}

function ancestors(el: Element, root: Element): Set<Element> {
  const out = new Set<Element>();
  let p = parentElement(el);
  while (p) {
    out.add(p);
    if (p === root) break;
    p = parentElement(p);
  }
  return out;
}

/** The container readability settles on, from the ranked candidates. */
export function pickTop(scored: Scored, root: Element): Element | null {
  const first = scored.ranked[0];
  if (!first) return null;
  let top = first.el;
  const topScore = first.score;
  // Several near-best candidates under one ancestor: the article is split into parts.
  const near = scored.ranked.slice(1, 5).filter((c) => c.score / topScore >= 0.75).map((c) => ancestors(c.el, root));
  if (near.length >= 3) {
    let parent = parentElement(top);
    while (parent && parent !== root) {
      let containing = 0;
      for (const set of near) if (set.has(parent)) containing++;
      if (containing >= 3) {
        top = parent;
        break;
      }
      parent = parentElement(parent);
    }
  }
  // Climb while the parent scores better: the top may be one column of the article.
  let lastScore = scored.scores.get(top) ?? 0;
  const threshold = lastScore / 3;
  let parent = parentElement(top);
  while (parent && parent !== root) {
    const ps = scored.scores.get(parent);
    if (ps === undefined) {
      parent = parentElement(parent);
      continue;
    }
    if (ps < threshold) break;
    if (ps > lastScore) {
      top = parent;
      break;
    }
    lastScore = ps;
    parent = parentElement(parent);
  }
  // An only child says nothing its parent would not.
  for (;;) {
    const p = parentElement(top);
    if (!p || p === root) break;
    const kids = p.children.filter((c) => isTag(c));
    if (kids.length !== 1) break;
    top = p;
  }
  return top;
}

const SENTENCE_END = /[.!?。！？]["'”’)]?(\s|$)/;

/** The top candidate and its siblings that score close to it or read like article prose. */
export function withSiblings(top: Element, scored: Scored, stats: TextStats, keep: (el: Element) => boolean): Element[] {
  const parent = parentElement(top);
  if (!parent) return [top];
  const topScore = scored.scores.get(top) ?? 0;
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = top.attribs.class ?? '';
  const out: Element[] = [];
  for (const sib of parent.children) {
    if (!isTag(sib) || !keep(sib)) continue;
    if (sib === top) {
      out.push(sib);
      continue;
    }
    let bonus = 0;
    if (topClass && sib.attribs.class === topClass) bonus += topScore * 0.2;
    const s = scored.scores.get(sib);
    if (s !== undefined && s + bonus >= threshold) {
      out.push(sib);
      continue;
    }
    const c = stats.counts.get(sib);
    if (!c) continue;
    // A part of the article in a wrapper of its own, too deep for the points to reach.
    if (c.prose >= 200 && c.p >= 2 && linkDensity(c) < 0.25 && c.prose / c.text >= 0.7 && classWeight(sib) >= 0) {
      out.push(sib);
      continue;
    }
    if (sib.name === 'p') {
      const ld = linkDensity(c);
      if (c.text > 80 && ld < 0.25) out.push(sib);
      else if (c.text > 0 && c.text <= 80 && ld === 0 && SENTENCE_END.test(rawText(sib).trim())) out.push(sib);
    }
  }
  return out;
}
