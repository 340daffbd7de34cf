import type { MainContent, SiteRules } from '../model.js';
import { bodyElement, parseHtml, type Document } from './dom.js';
import { hasChromeSections } from './parse-html.js';
import { articleBody } from './article-body.js';
import { publishedIn, readMetadata, type PageMeta } from './metadata.js';
import { applySiteRules, hasRules, removeMatches } from './site-rules.js';
import { chooseLanguage } from '../text/language.js';
import { zonelessDateZone } from '../time/zoneless.js';
import { ldBodyText } from './ld-body.js';

// extractMainContent: HTML in, the article's text and metadata out. Pure; never throws
// on bad markup (htmlparser2 is forgiving and every walk here is iterative).

// eslint-disable-next-line no-control-regex
const BINARY = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/g;

/** Bytes that were never text (an image, an archive): many control characters up front. */
function looksBinary(html: string): boolean {
  const head = html.slice(0, 4096);
  const n = head.match(BINARY)?.length ?? 0;
  return n > 8 && n > head.length / 50;
}

const SHORT_TEXT = 500;

const EMPTY: MainContent = { title: '', text: '', lang: 'und', published: null, author: null, canonicalUrl: null };

export interface MainContentOptions {
  /** The page's address, to make its canonical URL absolute. */
  url?: string;
  /** The IANA zone of dates the page states without one (the feed's); else the page's language decides. */
  timezone?: string | null;
  /** The feed's site rules (feeds.yaml `content`, `remove`), if it has any. */
  rules?: SiteRules | null;
}

export function extractMainContent(html: string, opts: MainContentOptions = {}): MainContent {
  if (looksBinary(html)) return { ...EMPTY };
  const rules = hasRules(opts.rules) ? opts.rules : null;
  // A content selector is written against the page as a browser shows it: its <nav>,
  // <footer> and <aside> stay in the tree (scripts, styles and comments still go).
  const keepSections = rules !== null && rules.content !== null;
  const doc = parseHtml(html, keepSections ? { stripSections: false } : {});
  const meta = readMetadata(doc, opts.url);
  const prune = (d: Document): void => {
    if (rules) removeMatches(d, rules.remove);
  };
  const automatic = (): string => automaticText(html, doc, meta, keepSections, prune);
  const ruled = rules ? applySiteRules(doc, rules, automatic) : null;
  const text = ruled ? ruled.text : automatic();
  const lang = chooseLanguage(meta.declaredLang, text || meta.title);
  return {
    title: meta.title,
    text,
    lang,
    published: publishedIn(meta.dates, zonelessDateZone(opts.timezone, lang)),
    author: meta.author,
    canonicalUrl: meta.canonicalUrl,
    ...(ruled ? { siteRule: ruled.siteRule } : {}),
  };
}

/** Automatic main text of a parsed page; `prune` readies a tree parsed here a second time (the rules' removals). */
function automaticText(html: string, doc: Document, meta: PageMeta, sectionsKept: boolean, prune: (d: Document) => void): string {
  let { text } = articleBody(bodyElement(doc));
  // Little text: perhaps the page put its article in a <nav>, <footer> or <aside>.
  if (!sectionsKept && text.length < SHORT_TEXT && hasChromeSections(html)) {
    const second = parseHtml(html, { stripSections: false });
    prune(second);
    const full = articleBody(bodyElement(second)).text;
    if (full.length > text.length * 2) text = full;
  }
  // Pages that render the article by script often still ship it in their JSON-LD.
  const ld = meta.ld?.articleBody ? ldBodyText(meta.ld.articleBody) : '';
  if (ld.length >= 150 && ld.length > text.length * 2) text = ld;
  return text;
}
