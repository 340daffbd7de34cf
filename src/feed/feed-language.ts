import { detectScriptLanguage, primaryTag } from '../text/language.js';
import { attr, elements, textContent, type XElement } from './xml-tree.js';

// The language a feed is written in: what it declares (RSS <language>, dc:language,
// xml:lang on the root or channel), else what its titles' script says when it is not
// Latin (telling English from other Latin-script languages needs word counts, which
// cost more than the zone rule needs). It decides the zone of dates the feed writes
// without one (src/time/zoneless.ts).

// Enough text to tell a script by, and a bound on the work for a feed of 10,000 items.
const MAX_TITLES = 20;
const MAX_CHARS = 2000;

function declared(el: XElement): string {
  const own = primaryTag(attr(el, 'lang'));
  if (own) return own;
  const tag = elements(el).find((e) => e.local === 'language');
  return tag ? primaryTag(textContent(tag)) : '';
}

/** Titles of the document's top three levels (feed, channel, items), breadth first, up to the caps. */
function titles(root: XElement): string {
  let out = '';
  let count = 0;
  let level = [root];
  for (let depth = 0; depth < 3; depth++) {
    const next: XElement[] = [];
    for (const el of level) {
      for (const c of el.children) {
        if (typeof c === 'string') continue;
        if (c.local === 'title') {
          out += `${textContent(c)}\n`;
          if (++count >= MAX_TITLES || out.length >= MAX_CHARS) return out;
        } else if (depth < 2) next.push(c);
      }
    }
    level = next;
  }
  return out;
}

/** The primary language subtag ("zh", "en"), or null when the feed gives no sign of one. */
export function feedLanguage(root: XElement): string | null {
  const channel = elements(root).find((e) => e.local === 'channel');
  const stated = declared(root) || (channel ? declared(channel) : '');
  if (stated) return stated;
  return detectScriptLanguage(titles(root)) || null;
}
