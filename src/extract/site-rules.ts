import { createRequire } from 'node:module';
import type * as CheerioSlim from 'cheerio/slim';
import type { AnyNode, Document, Element } from 'domhandler';
import { uniqueSort } from 'domutils';
import type { SiteRuleOutcome, SiteRules } from '../model.js';
import { blocksOf } from './blocks.js';
import { isHidden, NEVER_CONTENT } from './hints.js';

// A feed's site rules applied with cheerio on the htmlparser2 DOM extraction already built:
// cheerio.load(document) wraps the tree as it is, so there is no second parse, and
// .remove() edits the very tree automatic extraction then reads.

type Cheerio = typeof CheerioSlim;

// Loaded on first use: ~40 ms of module loading that pages without rules (nearly all) and
// processes that never see a rule (`newsmon extract` over files, most reader threads) skip.
// A synchronous require, so extraction stays a plain synchronous function.
let cheerio: Cheerio | null = null;
function loadCheerio(): Cheerio {
  cheerio ??= createRequire(import.meta.url)('cheerio/slim') as Cheerio;
  return cheerio;
}

/** What cheerio makes of `selector` over `doc`; throws cheerio's own error for a selector it cannot read. */
export function selectAll(doc: Document, selector: string): Element[] {
  // find(), not $(selector): $('<p>') would build markup instead of selecting.
  return loadCheerio().load(doc).root().find(selector).toArray();
}

/**
 * Removes what the remove selectors match, all of them read against the page as it came
 * (one list, so one walk of the tree: each walk costs ~0.7 ms on a news page). Returns how
 * many elements went, and the selectors cheerio could not read.
 */
export function removeMatches(doc: Document, selectors: readonly string[]): { removed: number; invalid: string[] } {
  if (selectors.length === 0) return { removed: 0, invalid: [] };
  const root = loadCheerio().load(doc).root();
  const invalid: string[] = [];
  let usable = selectors;
  let matched: ReturnType<typeof root.find>;
  try {
    matched = root.find(selectors.join(', '));
  } catch {
    // One of them is unreadable (config load rejects these; this is the backstop): say which, use the rest.
    usable = selectors.filter((selector) => {
      try {
        root.find(selector);
        return true;
      } catch (err) {
        invalid.push(`${selector}: ${err instanceof Error ? err.message : String(err)}`);
        return false;
      }
    });
    if (usable.length === 0) return { removed: 0, invalid };
    matched = root.find(usable.join(', '));
  }
  matched.remove();
  return { removed: matched.length, invalid };
}

function isInside(node: AnyNode, ancestor: Element): boolean {
  for (let p = node.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

/**
 * The elements `selector` matches, in document order, outermost only: a selector list
 * that names a wrapper and something in it ("article, article p") gives each text once.
 */
export function contentMatches(doc: Document, selector: string): Element[] {
  const sorted = uniqueSort(selectAll(doc, selector));
  const kept: Element[] = [];
  for (const el of sorted) {
    const last = kept[kept.length - 1];
    // Sorted by position: an element inside an earlier match is inside the last kept one.
    if (!last || !isInside(el, last)) kept.push(el);
  }
  return kept;
}

/** Rules worth applying: a content selector or at least one remove selector. */
export function hasRules(rules: SiteRules | null | undefined): rules is SiteRules {
  return !!rules && (rules.content !== null || rules.remove.length > 0);
}

function outsideBody(el: Element): boolean {
  return NEVER_CONTENT.has(el.name) || isHidden(el);
}

/** The text of the content selector's elements: block by block, as automatic extraction writes it. */
function matchedText(matches: readonly Element[]): string {
  return blocksOf(matches, outsideBody)
    .map((b) => b.text)
    .join('\n');
}

/**
 * A page's body under its site rules: the remove selectors' elements go first; then the
 * content selector's text, or — when it matches nothing, or only empty elements —
 * `automatic()` over the same (pruned) tree, with the reason kept in the outcome.
 */
export function applySiteRules(doc: Document, rules: SiteRules, automatic: () => string): { text: string; siteRule: SiteRuleOutcome } {
  const { removed, invalid } = removeMatches(doc, rules.remove);
  const notes = invalid.length > 0 ? { invalid } : {};
  if (rules.content === null) return { text: automatic(), siteRule: { used: 'auto', matched: 0, removed, ...notes } };
  let matches: Element[];
  try {
    matches = contentMatches(doc, rules.content);
  } catch (err) {
    const why = `content selector ${JSON.stringify(rules.content)} is not valid: ${err instanceof Error ? err.message : String(err)}`;
    return { text: automatic(), siteRule: { used: 'auto', matched: 0, removed, fallback: why, ...notes } };
  }
  const text = matches.length > 0 ? matchedText(matches) : '';
  if (text !== '') return { text, siteRule: { used: 'content', matched: matches.length, removed, ...notes } };
  const why = matches.length === 0
    ? `content selector ${JSON.stringify(rules.content)} matched nothing on the page`
    : `content selector ${JSON.stringify(rules.content)} matched ${matches.length} element(s) with no text`;
  return { text: automatic(), siteRule: { used: 'auto', matched: matches.length, removed, fallback: why, ...notes } };
}
