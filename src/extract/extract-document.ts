import type { AnalysisTruncation, ArticleAnalysis, ExtractResult, MainContent, SiteRuleOutcome, SiteRules } from '../model.js';
import { decodeBytes } from '../text/charset.js';
import { extractMainContent } from './main-content.js';
import { plainTextContent } from './plain-text.js';

// One document in, one ExtractResult out: decode → main text → analysis. The analyzer is
// passed in (built once per process from the watch-list config); this module does no I/O.

/** What extraction needs from src/analyze's Analyzer (structurally the same interface). */
export interface TextAnalyzer {
  analyze(text: string, opts?: { lang?: string }): ArticleAnalysis;
}

export interface DocumentInput {
  /** The raw bytes; decoded by BOM, content type, meta charset, else sniffing. */
  bytes: Uint8Array;
  /** 'html' (default) extracts the article; 'text' takes the input as the article text. */
  kind?: 'html' | 'text';
  contentType?: string | null;
  /** The page's address, to make its canonical URL absolute. */
  url?: string;
  /** The IANA zone of dates the page states without one (the feed's); else the page's language decides. */
  timezone?: string | null;
  /** Site rules to apply to an HTML page (feeds.yaml `content`, `remove`; `extract --content`). */
  rules?: SiteRules | null;
}

export interface DocumentResult extends ExtractResult {
  author: string | null;
  canonicalUrl: string | null;
  /** Present when the analysis was cut at a per-article cap. */
  truncated?: AnalysisTruncation;
  /** What the site rules did, when rules were given. */
  siteRule?: SiteRuleOutcome;
}

export function mainContentOf(input: DocumentInput): MainContent {
  const kind = input.kind ?? 'html';
  const { text } = decodeBytes(input.bytes, { contentType: input.contentType ?? null, kind });
  return kind === 'text' ? plainTextContent(text) : extractMainContent(text, { ...(input.url ? { url: input.url } : {}), timezone: input.timezone ?? null, rules: input.rules ?? null });
}

export function extractDocument(input: DocumentInput, analyzer: TextAnalyzer): DocumentResult {
  const main = mainContentOf(input);
  const { mentions, powerFigures, events, truncated } = analyzer.analyze(main.text, { lang: main.lang });
  return {
    title: main.title,
    text: main.text,
    lang: main.lang,
    published: main.published,
    author: main.author,
    canonicalUrl: main.canonicalUrl,
    mentions,
    powerFigures,
    events,
    ...(truncated ? { truncated } : {}),
    ...(main.siteRule ? { siteRule: main.siteRule } : {}),
  };
}
