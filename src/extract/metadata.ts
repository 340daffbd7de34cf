import type { AnyNode, Document, Element } from './dom.js';
import { collapse } from '../text/whitespace.js';
import { isTag, rawText } from './dom.js';
import type { LdArticle } from './json-ld.js';
import { articleFromJsonLd } from './json-ld.js';
import { toIsoUtc } from './dates.js';
import { primaryTag } from '../text/language.js';

// A page's title, date, author, canonical URL and declared language, from (in order of
// trust) Open Graph / article meta tags, JSON-LD, microdata, and the markup itself.

export interface PageMeta {
  title: string;
  /** The date fields the page states, most trusted first, as written: read with publishedIn. */
  dates: string[];
  author: string | null;
  canonicalUrl: string | null;
  /** Primary language subtag the page declares, or ''. */
  declaredLang: string;
  ld: LdArticle | null;
}

interface Collected {
  htmlLang: string;
  meta: Map<string, string>;
  canonical: string | null;
  ldScripts: string[];
  h1: string | null;
  title: string | null;
  timeDatetime: string | null;
  itempropDate: string | null;
  itempropAuthor: string | null;
  relAuthor: string | null;
}

function shortText(el: Element): string | null {
  const t = collapse(rawText(el));
  return t && t.length <= 120 ? t : null;
}

function collect(doc: Document): Collected {
  const c: Collected = {
    htmlLang: '', meta: new Map(), canonical: null, ldScripts: [], h1: null, title: null,
    timeDatetime: null, itempropDate: null, itempropAuthor: null, relAuthor: null,
  };
  const stack: AnyNode[] = [...doc.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (!isTag(node)) continue;
    const a = node.attribs;
    switch (node.name) {
      case 'html':
        if (!c.htmlLang) c.htmlLang = a.lang ?? a['xml:lang'] ?? '';
        break;
      case 'meta': {
        const key = (a.property ?? a.name ?? a.itemprop ?? a['http-equiv'] ?? '').toLowerCase();
        const content = a.content;
        if (key && content !== undefined && !c.meta.has(key)) c.meta.set(key, content.trim());
        break;
      }
      case 'link':
        if (!c.canonical && /(^|\s)canonical(\s|$)/i.test(a.rel ?? '') && a.href) c.canonical = a.href.trim();
        break;
      case 'script':
        if ((a.type ?? '').toLowerCase().includes('ld+json')) c.ldScripts.push(rawScript(node));
        continue;
      case 'style':
        continue;
      case 'title':
        if (c.title === null) c.title = collapse(rawText(node));
        continue;
      case 'h1':
        if (c.h1 === null) c.h1 = collapse(rawText(node)) || null;
        break;
      case 'time':
        if (c.timeDatetime === null && a.datetime) c.timeDatetime = a.datetime;
        break;
      default:
        break;
    }
    if (a.itemprop) {
      const prop = a.itemprop.toLowerCase();
      if (prop === 'datepublished' && c.itempropDate === null) c.itempropDate = a.datetime ?? a.content ?? shortText(node);
      else if (prop === 'author' && c.itempropAuthor === null) c.itempropAuthor = a.content ?? shortText(node);
    }
    if (c.relAuthor === null && a.rel !== undefined && node.name === 'a' && /(^|\s)author(\s|$)/i.test(a.rel)) c.relAuthor = shortText(node);
    const kids = node.children;
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = kids[i] as AnyNode;
      if (isTag(k)) stack.push(k);
    }
  }
  return c;
}

function rawScript(el: Element): string {
  return el.children.map((k) => ('data' in k ? String(k.data) : '')).join('');
}

function absolute(href: string | null | undefined, base: string | undefined): string | null {
  if (!href) return null;
  try {
    const u = base ? new URL(href, base) : new URL(href);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

const TITLE_SEPARATOR = /\s+[|\-–—·:»]\s+/;

/** "Headline | Site" → "Headline", when the headline part is clearly the longer one. */
function trimSiteName(title: string): string {
  const parts = title.split(TITLE_SEPARATOR);
  if (parts.length < 2) return title;
  const first = parts[0] ?? '';
  return first.length >= 20 ? first : title;
}

function notUrl(v: string | null | undefined): string | null {
  if (!v) return null;
  const t = v.trim();
  return t && !/^https?:\/\//i.test(t) ? t : null;
}

/** The first of the page's dates that reads as one, in UTC; a date without a zone is taken in `zone`. */
export function publishedIn(dates: readonly string[], zone: string): string | null {
  for (const d of dates) {
    const iso = toIsoUtc(d, zone);
    if (iso) return iso;
  }
  return null;
}

export function readMetadata(doc: Document, url?: string): PageMeta {
  const c = collect(doc);
  const m = c.meta;
  const ld = articleFromJsonLd(c.ldScripts);
  const title =
    m.get('og:title') || ld?.headline || m.get('twitter:title') || c.h1 || (c.title ? trimSiteName(c.title) : '') || '';
  const dateCandidates = [
    m.get('article:published_time'), ld?.datePublished, m.get('datepublished'), c.itempropDate,
    m.get('pubdate'), m.get('publishdate'), m.get('publish-date'), m.get('date'), m.get('dc.date.issued'),
    m.get('dc.date'), m.get('dcterms.created'), m.get('sailthru.date'), m.get('parsely-pub-date'),
    m.get('og:published_time'), c.timeDatetime,
  ];
  const dates = dateCandidates.filter((d): d is string => typeof d === 'string' && d.trim() !== '');
  const author =
    notUrl(m.get('author')) ?? ld?.author ?? notUrl(m.get('article:author')) ?? notUrl(c.itempropAuthor) ??
    notUrl(m.get('dc.creator')) ?? notUrl(m.get('byl')?.replace(/^by\s+/i, '')) ?? c.relAuthor ?? null;
  const canonicalUrl = absolute(c.canonical, url) ?? absolute(m.get('og:url'), url) ?? absolute(ld?.url, url);
  const declaredLang =
    primaryTag(c.htmlLang) || primaryTag(m.get('content-language')) || primaryTag(m.get('og:locale')) ||
    primaryTag(ld?.inLanguage) || primaryTag(m.get('language'));
  const byline = author ? collapse(author).replace(/^by\s+/i, '') : '';
  return { title: collapse(title), dates, author: byline || null, canonicalUrl, declaredLang, ld };
}
