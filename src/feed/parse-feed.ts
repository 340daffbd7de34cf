import { decodeBytes } from '../text/charset.js';
import type { NormalizedFeed } from '../model.js';
import { zonelessDateZone } from '../time/zoneless.js';
import { FeedParseError } from './feed-parse-error.js';
import { feedLanguage } from './feed-language.js';
import { ATOM03, ATOM10, RDF, RSS } from './namespaces.js';
import { readAtom } from './read-atom.js';
import { readCdf } from './read-cdf.js';
import { readRss } from './read-rss.js';
import { attr, childrenNamed, elements, parseXmlTree, type XElement } from './xml-tree.js';

export { FeedParseError } from './feed-parse-error.js';
export type { FeedParseErrorCode } from './feed-parse-error.js';

export interface ParseFeedOptions {
  /** The URL the document was fetched from (after redirects): the base for relative links. */
  url?: string;
  /** A Content-Location response header, which overrides `url` as the base (RFC 9110 §8.7). */
  contentLocation?: string | null;
  /** Items read at most, in document order (default MAX_ITEMS); a feed that lists more is cut. */
  maxItems?: number;
  /**
   * The IANA zone of dates the feed writes without one (feeds.yaml `timezone`). When
   * not given, the feed's language decides (zh → Asia/Shanghai, else UTC).
   */
  timezone?: string | null;
}

/**
 * Items taken from one document. A feed lists its newest items, a few dozen to a few
 * hundred; thousands are an archive, and a million is an attack: each item would become
 * a page fetch. The tree under it is capped too (MAX_ELEMENTS), which bounds memory.
 */
export const MAX_ITEMS = 2_000;

export interface ParseFeedBytesOptions extends ParseFeedOptions {
  /** The Content-Type response header; its charset wins over the XML declaration (RFC 7303). */
  contentType?: string | null;
}

/**
 * Parse an RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or CDF document into the normalized feed.
 * Pure. Tolerates what real feeds get wrong (HTML entities, stray "&", DOCTYPEs,
 * unclosed inner tags, undeclared prefixes); throws FeedParseError when the document is
 * empty, truncated, or not a feed.
 */
export function parseFeed(xml: string, opts: ParseFeedOptions = {}): NormalizedFeed {
  const { root } = parseXmlTree(xml, { base: documentBase(opts.url, opts.contentLocation) });
  const language = feedLanguage(root);
  const feed = { ...readRoot(root, zonelessDateZone(opts.timezone, language)), language };
  const maxItems = opts.maxItems ?? MAX_ITEMS;
  if (feed.items.length > maxItems) feed.items.length = maxItems;
  return feed;
}

/** Decode the bytes (BOM, HTTP charset, XML declaration, sniffing) and parse them. */
export function parseFeedBytes(bytes: Uint8Array, opts: ParseFeedBytesOptions = {}): NormalizedFeed {
  const { text } = decodeBytes(bytes, { contentType: opts.contentType ?? null, kind: 'xml' });
  return parseFeed(text, opts);
}

function readRoot(root: XElement, zone: string): Omit<NormalizedFeed, 'language'> {
  // The root's own namespace is where the format's core elements are, even when it is
  // one we do not know (`<rss xmlns="http://backend.userland.com/rss2.1">`).
  const core = [...new Set([RSS, root.ns])];
  switch (root.local) {
    case 'rss':
      return readRss(root, core, zone);
    case 'rdf':
      if (root.ns === RDF || root.name.includes(':')) return readRss(root, core, zone);
      break;
    case 'feed': {
      const version = root.ns === ATOM03 || attr(root, 'version')?.trim() === '0.3' ? '0.3' : '1.0';
      return readAtom(root, [...new Set([ATOM10, ATOM03, root.ns])], version, zone);
    }
    case 'channel':
      return isCdf(root, core) ? readCdf(root, core, zone) : readRss(root, core, zone);
    case 'html':
    case 'head':
    case 'body':
      throw new FeedParseError('not-a-feed', `Feed not recognized as RSS, Atom or RDF: the document is an HTML page (<${root.name}>)`);
  }
  throw new FeedParseError('not-a-feed', `Feed not recognized as RSS, Atom or RDF: the root element is <${root.name}>`);
}

// CDF writes its names in capitals and marks channel and items with HREF/LASTMOD
// attributes and <ABSTRACT>s; a bare RSS <channel> has none of these.
function isCdf(root: XElement, core: readonly string[]): boolean {
  if (root.name === 'CHANNEL' || attr(root, 'href') !== undefined) return true;
  const items = childrenNamed(root, core, 'item');
  return (
    items.some((i) => attr(i, 'href') !== undefined || attr(i, 'lastmod') !== undefined || elements(i).some((e) => e.local === 'abstract')) ||
    elements(root).some((e) => e.local === 'abstract')
  );
}

/** The base URI for the document: Content-Location (when http/https) resolved against the URL. */
function documentBase(url: string | undefined, contentLocation: string | null | undefined): string | null {
  const docUrl = url && URL.canParse(url) ? url : null;
  if (contentLocation) {
    try {
      const loc = new URL(contentLocation.trim(), docUrl ?? undefined);
      if (loc.protocol === 'http:' || loc.protocol === 'https:') return loc.href;
    } catch {
      // an unusable header: fall back to the URL
    }
  }
  return docUrl;
}
