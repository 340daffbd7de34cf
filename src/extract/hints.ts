import type { Element } from './dom.js';
import { attr, classAndId } from './dom.js';

// What the markup says about a block, from generic words in class/id/role — the same
// vocabulary readability and trafilatura use. No site's own names belong here.

/** Tags that never hold article text. */
export const NEVER_CONTENT = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'svg', 'canvas', 'object', 'embed', 'video', 'audio', 'map',
  'button', 'input', 'select', 'textarea', 'option', 'link', 'meta', 'head', 'title', 'math', 'dialog', 'menu',
  // Captions describe a picture; readers and the benchmark's annotators leave them out of the body.
  'figcaption',
]);

/** Tags that, in a page's layout, hold the page's chrome rather than its article. */
export const CHROME_TAGS = new Set(['nav', 'footer', 'aside', 'header']);

const CHROME_ROLES = new Set([
  'navigation', 'menu', 'menubar', 'complementary', 'contentinfo', 'banner', 'alert', 'alertdialog', 'dialog',
  'search', 'toolbar', 'tablist',
]);

/** Class/id words of blocks that are very unlikely to be the article. */
const UNLIKELY =
  /-ad-|^ad-|-ad$|\bads?\b|adsense|advert|banner|breadcrumb|combx|comment|community|cookie|consent|gdpr|disqus|footer|header|masthead|legends|menu|navbar|\bnav\b|navigation|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|modal|newsletter|subscri|signup|sign-up|promo|share|sharing|toolbar|outbrain|taboola|recommend|trending|most-?popular|mostread|most-read|read-?more|read-?next|up-?next|more-?stories|tags?-?list|taglist|byline|author-?bio|widget|overlay|copyright|legal|tooltip|popover|rollover|hovercard|dropdown|login|register|print-?only|\bjump\b|skip-?link|sr-only|visually-?hidden|offscreen/i;

/** Words that rescue a block from UNLIKELY: it may well be the article. */
const MAYBE = /\band\b|article|body|column|content|main|shadow/i;

const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|prose|\bcopy\b/i;
const NEGATIVE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|taboola|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|newsletter|subscri|cookie|recommend|caption|credit|byline|author|social|nav|menu/i;

/** Class/id/role mark the element as navigation, ads, comments, sharing and the like. */
export function looksUnlikely(el: Element): boolean {
  if (el.name === 'body' || el.name === 'article' || el.name === 'main' || el.name === 'a') return false;
  const role = attr(el, 'role');
  if (role && CHROME_ROLES.has(role)) return true;
  const hint = classAndId(el);
  if (!hint) return false;
  return memo(unlikelyMemo, hint, (h) => UNLIKELY.test(h) && !MAYBE.test(h));
}

// Pages repeat the same few hundred class strings on thousands of elements, and these
// regexes are long alternations: remember the answers (bounded, so memory stays flat).
const MEMO_LIMIT = 20000;
const unlikelyMemo = new Map<string, boolean>();
const weightMemo = new Map<string, number>();
const furnitureMemo = new Map<string, boolean>();

function memo<T>(cache: Map<string, T>, key: string, compute: (key: string) => T): T {
  let v = cache.get(key);
  if (v === undefined) {
    if (cache.size >= MEMO_LIMIT) cache.clear();
    v = compute(key);
    cache.set(key, v);
  }
  return v;
}

function wordWeight(words: string): number {
  return (NEGATIVE.test(words) ? -25 : 0) + (POSITIVE.test(words) ? 25 : 0);
}

/** readability's class weight: +25 for article-like class/id words, -25 for boilerplate words. */
export function classWeight(el: Element): number {
  const c = el.attribs.class;
  const id = el.attribs.id;
  return (c ? memo(weightMemo, c, wordWeight) : 0) + (id ? memo(weightMemo, id, wordWeight) : 0);
}

/** Class/id words of the article's own furniture: its date line, byline, tags, "meta" row. */
const FURNITURE =
  /(^|[\s_-])(date|dateline|datetime|timestamp|pubdate|published|posted|updated|time|byline|by-?line|author|authors|writer|credit|credits|meta|metadata|tags|tag-?list|categories|kicker|eyebrow|breadcrumbs?)([\s_-]|$)/i;

/** Class/id words of a picture's or video's frame, whose text is its caption and credit. */
const MEDIA_FRAME =
  /(^|[\s_-])(photo|photos|image|images|img|picture|pic|gallery|slideshow|slider|carousel|caption|captions|credit|video|videos|media|embed)([\s_-]|$)/i;

export function looksLikeFurniture(el: Element): boolean {
  const hint = classAndId(el);
  return hint !== '' && memo(furnitureMemo, hint, (h) => FURNITURE.test(h) || MEDIA_FRAME.test(h));
}

/** Hidden by the page itself: not shown to a reader, so not part of what they read. */
export function isHidden(el: Element): boolean {
  const a = el.attribs;
  if ('hidden' in a) return true;
  if (a['aria-hidden'] === 'true' && el.name !== 'span' && el.name !== 'i') return true;
  const style = a.style;
  return style !== undefined && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}
