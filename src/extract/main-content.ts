import type { MainContent } from '../model.js';
import { bodyElement, parseHtml } from './dom.js';
import { articleBody } from './article-body.js';
import { readMetadata } from './metadata.js';
import { chooseLanguage } from './language.js';
import { ldBodyText } from './ld-body.js';

// extractMainContent: HTML in, the article's text and metadata out. Pure; never throws
// on bad markup (htmlparser2 is forgiving and every walk here is iterative).

export function extractMainContent(html: string, opts: { url?: string } = {}): MainContent {
  const doc = parseHtml(html);
  const meta = readMetadata(doc, opts.url);
  let { text } = articleBody(bodyElement(doc));
  // Pages that render the article by script often still ship it in their JSON-LD.
  const ld = meta.ld?.articleBody ? ldBodyText(meta.ld.articleBody) : '';
  if (ld.length >= 500 && ld.length > text.length * 2) text = ld;
  return {
    title: meta.title,
    text,
    lang: chooseLanguage(meta.declaredLang, text || meta.title),
    published: meta.published,
    author: meta.author,
    canonicalUrl: meta.canonicalUrl,
  };
}
