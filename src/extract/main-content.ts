import type { MainContent } from '../model.js';
import { bodyElement, parseHtml } from './dom.js';
import { hasChromeSections } from './parse-html.js';
import { articleBody } from './article-body.js';
import { publishedIn, readMetadata } from './metadata.js';
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
}

export function extractMainContent(html: string, opts: MainContentOptions = {}): MainContent {
  if (looksBinary(html)) return { ...EMPTY };
  const doc = parseHtml(html);
  const meta = readMetadata(doc, opts.url);
  let { text } = articleBody(bodyElement(doc));
  // Little text: perhaps the page put its article in a <nav>, <footer> or <aside>.
  if (text.length < SHORT_TEXT && hasChromeSections(html)) {
    const full = articleBody(bodyElement(parseHtml(html, { stripSections: false }))).text;
    if (full.length > text.length * 2) text = full;
  }
  // Pages that render the article by script often still ship it in their JSON-LD.
  const ld = meta.ld?.articleBody ? ldBodyText(meta.ld.articleBody) : '';
  if (ld.length >= 150 && ld.length > text.length * 2) text = ld;
  const lang = chooseLanguage(meta.declaredLang, text || meta.title);
  return {
    title: meta.title,
    text,
    lang,
    published: publishedIn(meta.dates, zonelessDateZone(opts.timezone, lang)),
    author: meta.author,
    canonicalUrl: meta.canonicalUrl,
  };
}
