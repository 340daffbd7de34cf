import { mainContentOf, type TextAnalyzer } from '../extract/extract-document.js';
import { extractMainContent } from '../extract/main-content.js';
import type { MainContent } from '../model.js';
import type { ArticleInput } from '../store/types.js';
import { canonicalizeUrl } from './canonical-url.js';
import { contentHash } from './content-hash.js';
import type { ArticleJob, StageDeps } from './types.js';

export interface ExtractDeps extends StageDeps {
  analyzer: TextAnalyzer;
}

const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

/** Page text shorter than this is taken as a failed extraction (a paywall, a video page). */
const MIN_ARTICLE_CHARS = 200;

/**
 * The extract stage: the article's page (or the feed's own full text), its main text,
 * and the analysis — everything the store writes, and nothing of the raw HTML.
 * Stateless; a fetch failure throws the FetchError for the caller to classify.
 */
export async function extractArticle(job: ArticleJob, deps: ExtractDeps): Promise<ArticleInput> {
  let main: MainContent;
  let finalUrl = job.url;
  if (job.feedContent !== null) {
    main = extractMainContent(`<html><body><article>${job.feedContent}</article></body></html>`, { url: job.url });
  } else {
    const res = await deps.http.fetch({ url: job.url, accept: PAGE_ACCEPT });
    if (res.status === 'not-modified') throw new Error(`unexpected 304 for an unconditional GET of ${job.url}`);
    finalUrl = res.url;
    main = mainContentOf({ bytes: res.body, contentType: res.contentType, url: res.url });
  }
  let body = main.text;
  if (body.length < MIN_ARTICLE_CHARS && job.summary && job.summary.length > body.length) body = job.summary;
  const analysis = deps.analyzer.analyze(body, { lang: main.lang });
  const declared = main.canonicalUrl ? canonicalizeUrl(main.canonicalUrl, finalUrl) : null;
  return {
    url: job.url,
    canonicalUrl: declared ?? job.canonicalUrl,
    feedId: job.feedId,
    feedItemId: job.itemId,
    title: main.title || job.title || '',
    author: main.author ?? job.author,
    published: job.published ?? main.published,
    fetchedAt: deps.now().toISOString(),
    lang: main.lang,
    text: body,
    contentHash: contentHash(body),
    mentions: analysis.mentions,
    powerFigures: analysis.powerFigures,
    events: analysis.events,
  };
}
