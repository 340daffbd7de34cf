import type { Element } from './dom.js';
import { classWeight, looksLikeFurniture } from './hints.js';
import { opensWithRelatedTitle } from './boilerplate-text.js';
import type { Counts, TextStats } from './text-stats.js';
import { linkDensity } from './text-stats.js';

// Inside the chosen container: drop the blocks that are not article prose — link lists,
// image strips, forms, widgets — readability's "clean conditionally" with a harder line
// on link lists, since a related-headlines list that leaks in creates false mentions.

const CONDITIONAL = new Set(['div', 'section', 'ul', 'ol', 'table', 'form', 'fieldset', 'figure', 'header', 'dl', 'center']);

const CARD = new Set(['div', 'article', 'section', 'li']);

/** A teaser card: a linked headline and a blurb, one of a list of other articles. */
export function isTeaserCard(el: Element, c: Counts): boolean {
  return CARD.has(el.name) && c.linkedHeadings > 0 && c.linkedHeadings === c.headings && c.text < 600;
}

function isListLike(el: Element, c: Counts): boolean {
  if (el.name === 'ul' || el.name === 'ol' || el.name === 'dl') return true;
  return c.text > 0 && c.liText / c.text > 0.9;
}

/** True when a block inside the article container should be left out. */
export function dropInside(el: Element, stats: TextStats, total: number): boolean {
  if (el.name === 'h1') return true;
  const c = stats.counts.get(el);
  if (!c) return false;
  // What holds most of the chosen text is the article, whatever its class says.
  if (c.text > total / 2) return false;
  if (el.name === 'header' || el.name === 'time' || el.name === 'address' || el.name === 'nav' || el.name === 'aside' || el.name === 'footer') return true;
  if (c.text < 200 && looksLikeFurniture(el)) return true;
  const weight = classWeight(el);
  if ((el.name === 'h2' || el.name === 'h3') && weight < 0) return true;
  if (isTeaserCard(el, c)) return true;
  if (CONDITIONAL.has(el.name) && opensWithRelatedTitle(el)) return true;
  if (!CONDITIONAL.has(el.name)) return false;
  if (weight < 0) return true;
  const ld = linkDensity(c);
  const list = isListLike(el, c);
  if (list && ld > 0.5) return true;
  if (c.commas >= 10) return false;
  const p = c.p;
  if (c.img > 1 && p / c.img < 0.5 && el.name !== 'figure') return true;
  if (!list && c.li > p && c.li > 2) return true;
  if (c.input > Math.floor(p / 3)) return true;
  if (!list && c.text < 25 && (c.img === 0 || c.img > 2)) return true;
  if (!list && weight < 25 && ld > 0.2) return true;
  if (weight >= 25 && ld > 0.5) return true;
  if ((c.embed === 1 && c.text < 75) || c.embed > 1) return true;
  return false;
}
