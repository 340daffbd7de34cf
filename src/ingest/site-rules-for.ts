import type { SiteRuleOutcome, SiteRules } from '../model.js';
import type { ArticleJob } from './types.js';

// A feed's site rules describe its own site's pages. An aggregator's item that leads (or
// redirects) to another site gets automatic extraction, as Miniflux does with scraper
// rules: a selector written for one site's markup means nothing on another's.

function siteOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
  } catch {
    return null;
  }
}

/** The same site: one host, or one a subdomain of the other ("m.example.com" and "example.com"). */
export function sameSite(a: string, b: string): boolean {
  const x = siteOf(a);
  const y = siteOf(b);
  if (x === null || y === null) return false;
  return x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`);
}

/**
 * The rules to apply to this job's page (at `pageUrl`, after redirects; null: the feed's
 * own content), or why none apply though the feed has some.
 */
export function siteRulesFor(job: ArticleJob, pageUrl: string | null): { rules: SiteRules | null; skipped?: SiteRuleOutcome } {
  const rules = job.siteRules ?? null;
  if (rules === null || pageUrl === null || sameSite(pageUrl, job.url)) return { rules };
  const fallback = `site rules not applied: the page is on ${siteOf(pageUrl) ?? pageUrl}, not on the item's site ${siteOf(job.url) ?? job.url}`;
  return { rules: null, skipped: { used: 'auto', matched: 0, removed: 0, fallback } };
}
