import { detectLanguage, primaryTag } from '../text/language.js';
import { attr, elements, textContent, type XElement } from './xml-tree.js';

// The language a feed is written in: what it declares (RSS <language>, dc:language,
// xml:lang on the root or channel), else what its titles' script says. It decides the
// zone of dates the feed writes without one (src/time/zoneless.ts).

const MAX_TITLES = 50;

function declared(el: XElement): string {
  const own = primaryTag(attr(el, 'lang'));
  if (own) return own;
  const tag = elements(el).find((e) => e.local === 'language');
  return tag ? primaryTag(textContent(tag)) : '';
}

/** Titles of the document's top three levels (feed, channel, items), at most MAX_TITLES. */
function titles(root: XElement): string[] {
  const out: string[] = [];
  let level = [root];
  for (let depth = 0; depth < 3 && out.length < MAX_TITLES; depth++) {
    const next: XElement[] = [];
    for (const el of level) {
      for (const c of elements(el)) {
        if (c.local === 'title' && out.length < MAX_TITLES) out.push(textContent(c));
        else next.push(c);
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
  const detected = detectLanguage(titles(root).join('\n'));
  return detected && detected !== 'und' ? detected : null;
}
