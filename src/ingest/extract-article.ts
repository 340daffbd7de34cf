import { mainContentOf, type TextAnalyzer } from '../extract/extract-document.js';
import { extractMainContent } from '../extract/main-content.js';
import type { ArticleAnalysis, MainContent } from '../model.js';
import type { ArticleInput } from '../store/types.js';
import { canonicalizeUrl } from './canonical-url.js';
import { contentHash } from './content-hash.js';
import { siteRulesFor } from './site-rules-for.js';
import type { ArticleJob, StageDeps } from './types.js';

/** What the CPU-heavy part needs: the page as fetched, or nothing when the feed carries the text. */
export interface FetchedPage {
  bytes: Uint8Array;
  contentType: string | null;
  /** The URL after redirects. */
  url: string;
  /** 'text': the bytes are the article's plain text (an import), not a page to extract from. */
  kind?: 'html' | 'text';
}

/** Turns a job and its page into the stored form. The pure part of the stage; see readArticle. */
export interface ArticleReader {
  read(job: ArticleJob, page: FetchedPage | null, fetchedAt: string): Promise<ArticleInput>;
}

export interface ExtractDeps extends StageDeps {
  analyzer: TextAnalyzer;
  /** Where the CPU-heavy part runs; in this thread (readArticle) unless given, e.g. a thread pool. */
  reader?: ArticleReader;
}

const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

/** Page text shorter than this is taken as a failed extraction (a paywall, a video page). */
const MIN_ARTICLE_CHARS = 200;

/**
 * Main text and analysis of one article: pure, given the page bytes (or the feed's own
 * full text) and the time it was fetched. Falls back to the feed's summary when the page
 * yields next to no text.
 */
export function readArticle(job: ArticleJob, page: FetchedPage | null, analyzer: TextAnalyzer, fetchedAt: string): ArticleInput {
  const { rules, skipped } = siteRulesFor(job, page?.url ?? null);
  const main: MainContent = page
    ? mainContentOf({ bytes: page.bytes, contentType: page.contentType, url: page.url, timezone: job.timezone ?? null, rules, ...(page.kind ? { kind: page.kind } : {}) })
    : extractMainContent(`<html><body><article>${job.feedContent ?? ''}</article></body></html>`, { url: job.url, timezone: job.timezone ?? null, rules });
  let body = main.text;
  if (body.length < MIN_ARTICLE_CHARS && job.summary && job.summary.length > body.length) body = job.summary;
  const analysis: ArticleAnalysis = analyzer.analyze(body, { lang: main.lang });
  const declared = main.canonicalUrl ? canonicalizeUrl(main.canonicalUrl, page?.url ?? job.url) : null;
  return {
    url: job.url,
    canonicalUrl: declared ?? job.canonicalUrl,
    feedId: job.feedId,
    feedItemId: job.itemId,
    title: main.title || job.title || '',
    author: main.author ?? job.author,
    published: job.published ?? main.published,
    fetchedAt,
    lang: main.lang,
    text: body,
    contentHash: contentHash(body),
    mentions: analysis.mentions,
    powerFigures: analysis.powerFigures,
    events: analysis.events,
    ...(analysis.truncated ? { analysisTruncated: analysis.truncated } : {}),
    ...(main.siteRule || skipped ? { siteRule: main.siteRule ?? skipped } : {}),
  };
}

/**
 * The extract stage: the article's page (or the feed's own full text), its main text,
 * and the analysis — everything the store writes, and nothing of the raw HTML.
 * Stateless; a fetch failure throws the FetchError for the caller to classify.
 */
export async function extractArticle(job: ArticleJob, deps: ExtractDeps): Promise<ArticleInput> {
  let page: FetchedPage | null = null;
  if (job.feedContent === null) {
    const res = await deps.http.fetch({ url: job.url, accept: PAGE_ACCEPT });
    if (res.status === 'not-modified') throw new Error(`unexpected 304 for an unconditional GET of ${job.url}`);
    page = { bytes: res.body, contentType: res.contentType, url: res.url };
  }
  const fetchedAt = deps.now().toISOString();
  if (deps.reader) return deps.reader.read(job, page, fetchedAt);
  return readArticle(job, page, deps.analyzer, fetchedAt);
}
