import { createRequire } from 'node:module';
import type * as CheerioSlim from 'cheerio/slim';
import type { SiteRules } from '../model.js';
import { ConfigError, type YamlSource } from './yaml-source.js';

// A feed's site rules in feeds.yaml:
//   content: "article .post-body"          the article is these elements' text
//   remove: [".share-bar", ".related"]     taken out before extraction
// Each selector is read by cheerio here, at load, so a typo is a config error naming
// file, line and key, not a silent fallback on every article.

export const SITE_RULE_KEYS = ['content', 'remove'] as const;

type Cheerio = typeof CheerioSlim;

// Loaded only when a feed sets a rule: most configs have none, and every command loads feeds.yaml.
let cheerio: Cheerio | null = null;
let probe: ReturnType<Cheerio['load']> | null = null;

/** Null when cheerio reads `selector`, else what is wrong with it (cheerio's words). */
export function selectorProblem(selector: string): string | null {
  if (selector.trim() === '') return 'an empty selector';
  cheerio ??= createRequire(import.meta.url)('cheerio/slim') as Cheerio;
  probe ??= cheerio.load('<html><body><p></p></body></html>');
  try {
    // find(), as extraction does: $('<p>') would build markup instead of selecting.
    probe.root().find(selector);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

function selectorAt(src: YamlSource, path: string, v: unknown): string {
  if (typeof v !== 'string' || v.trim() === '') throw src.error(path, `expected a CSS selector (a non-empty string), got ${JSON.stringify(v)}`);
  const problem = selectorProblem(v);
  if (problem !== null) throw src.error(path, `expected a CSS selector cheerio can read, got ${JSON.stringify(v)}: ${problem}`);
  return v.trim();
}

/**
 * The feed's `content` and `remove`, validated; null when it sets neither. `remove` is a
 * list of selectors, or one selector as a plain string.
 */
export function parseSiteRules(src: YamlSource, feed: Record<string, unknown>, path: string): SiteRules | null {
  const content = feed.content === undefined || feed.content === null ? null : selectorAt(src, `${path}.content`, feed.content);
  const raw = feed.remove;
  let remove: string[] = [];
  if (typeof raw === 'string') remove = [selectorAt(src, `${path}.remove`, raw)];
  else if (Array.isArray(raw)) remove = raw.map((v, i) => selectorAt(src, `${path}.remove.${i}`, v));
  else if (raw !== undefined && raw !== null) {
    throw src.error(`${path}.remove`, `expected a list of CSS selectors like [".share-bar", ".related"], got ${JSON.stringify(raw)}`);
  }
  if (content === null && remove.length === 0) return null;
  return { content, remove };
}

/** `{ siteRules }` to spread into a FeedConfig, or nothing when the feed sets no rules. */
export function siteRulesOf(src: YamlSource, feed: Record<string, unknown>, path: string): { siteRules?: SiteRules } {
  const siteRules = parseSiteRules(src, feed, path);
  return siteRules ? { siteRules } : {};
}

/** Site rules given on the command line (`--content`, `--remove`), checked the same way; a ConfigError names the flag. */
export function siteRulesFromFlags(content: string | undefined, remove: readonly string[] | undefined): SiteRules | null {
  const check = (flag: string, v: string): string => {
    const problem = selectorProblem(v);
    if (problem !== null) throw new ConfigError(flag, null, null, `expected a CSS selector cheerio can read, got ${JSON.stringify(v)}: ${problem}`);
    return v.trim();
  };
  const rules: SiteRules = {
    content: content === undefined ? null : check('--content', content),
    remove: (remove ?? []).map((v) => check('--remove', v)),
  };
  return rules.content === null && rules.remove.length === 0 ? null : rules;
}

/** The feeds.yaml keys for these rules, as `feeds add` writes them. */
export function siteRulesEntry(rules: SiteRules | null | undefined): { content?: string; remove?: string[] } {
  if (!rules) return {};
  return { ...(rules.content !== null ? { content: rules.content } : {}), ...(rules.remove.length > 0 ? { remove: [...rules.remove] } : {}) };
}
