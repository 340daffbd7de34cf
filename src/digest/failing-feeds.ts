import { failingFeeds as failingStates } from '../ingest/feed-health.js';
import type { FeedState } from '../store/types.js';
import { escapeHtml } from '../text/html-escape.js';
import { redactUrl, redactUrlsIn } from '../text/redact-url.js';

// The digest's last section: feeds whose polls are failing, so whoever reads the mail
// knows which sources the day may be missing. URLs and errors are redacted (a feed URL
// can carry a token). Pure.

export interface FailingFeed {
  name: string;
  url: string;
  failureCount: number;
  /** "http_5xx: HTTP 503 Service Unavailable", or null. */
  error: string | null;
  lastSuccessAt: string | null;
}

/** The failing feeds, most failures first, named like the digest's outlets. */
export function failingFeedsOf(feeds: readonly FeedState[], names: ReadonlyMap<string, string>): FailingFeed[] {
  return failingStates(feeds)
    .map((f) => ({
      name: names.get(f.id) ?? f.id,
      url: redactUrl(f.url),
      failureCount: f.failureCount,
      error: f.lastError === null ? null : `${f.lastErrorKind ? `${f.lastErrorKind}: ` : ''}${redactUrlsIn(f.lastError)}`.replace(/\s+/g, ' ').trim(),
      lastSuccessAt: f.lastSuccessAt,
    }))
    .sort((a, b) => b.failureCount - a.failureCount || a.url.localeCompare(b.url));
}

function line(f: FailingFeed): string {
  const last = f.lastSuccessAt ? `last success ${f.lastSuccessAt}` : 'never succeeded';
  return `${f.name} <${f.url}> — ${f.failureCount} ${f.failureCount === 1 ? 'failure' : 'failures'} in a row${f.error ? `: ${f.error}` : ''}; ${last}`;
}

export function failingFeedsText(feeds: readonly FailingFeed[]): string[] {
  return feeds.length ? [`FEEDS FAILING (${feeds.length})`, '', ...feeds.map((f) => `* ${line(f)}`), ''] : [];
}

export function failingFeedsHtml(feeds: readonly FailingFeed[], h2: string): string {
  if (!feeds.length) return '';
  const rows = feeds.map((f) => `<p style="margin:0 0 4px 0;font-size:12px;color:#8a1c1c">${escapeHtml(line(f))}</p>`);
  return `<h2 style="${h2}">Feeds failing (${feeds.length})</h2><div data-section="failing-feeds">${rows.join('')}</div>`;
}
