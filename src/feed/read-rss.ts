import type { FeedItem, NormalizedFeed } from '../model.js';

type FeedBody = Omit<NormalizedFeed, 'language'>;
import { displayAuthor } from './author.js';
import { parseDate } from './dates.js';
import { collapse } from '../text/whitespace.js';
import { stableItemId } from './item-id.js';
import { ATOM10, CONTENT, DC, DCTERMS, ITUNES, MEDIA, XHTML, type NamespaceId } from './namespaces.js';
import { allInDocument, firstBySpec, lastInDocument, type Spec } from './pick.js';
import { asHtml, asPlain, readRssText, type TextValue } from './text-construct.js';
import { attr, child, childrenNamed, resolveUri, textContent, type XElement } from './xml-tree.js';
import { serializeChildren } from './html-fragment.js';

// RSS 0.9x, 1.0 (RDF) and 2.0 to the normalized feed. Element choices follow
// feedparser's (the conformance suite's expectations): pubDate/dcterms:issued are
// "published", dc:date/dcterms:modified "updated"; a permalink guid stands in for a
// missing link; content:encoded / xhtml:body / fullitem are the content.

/**
 * @param root `<rss>`, `<rdf:RDF>`, or a bare `<channel>`.
 * @param core the namespaces RSS's own elements are in for this document (none, an RSS
 *   namespace, or whatever default namespace the root declared).
 * @param zone the IANA zone of dates written without one.
 */
export function readRss(root: XElement, core: readonly NamespaceId[], zone: string): FeedBody {
  const channel = root.local === 'channel' ? root : (child(root, core, 'channel') ?? root);
  const s = specs(core);
  const linkEl = firstBySpec(channel, s.channelLink);
  const link = linkEl ? linkOf(linkEl) : null;
  const items = [...childrenNamed(channel, core, 'item'), ...(channel === root ? [] : childrenNamed(root, core, 'item'))];
  const ttl = ttlMinutes(child(channel, core, 'ttl'));
  return {
    title: asPlain(text(firstBySpec(channel, s.title), 'title')),
    link,
    description: asPlain(text(firstBySpec(channel, s.channelDescription), 'body')),
    items: items.map((item) => readItem(item, s, zone)),
    ...(ttl !== null ? { ttlMinutes: ttl } : {}),
  };
}

/** `<ttl>` as whole minutes; null unless a positive number (a ttl of 0 or "soon" says nothing). */
function ttlMinutes(el: XElement | undefined): number | null {
  const m = el ? /^\s*(\d{1,7})\s*$/.exec(textContent(el)) : null;
  const n = m ? Number(m[1]) : 0;
  return n > 0 ? n : null;
}

function specs(core: readonly NamespaceId[]) {
  const atom = [ATOM10];
  return {
    title: [[core, 'title'], [[DC], 'title'], [[MEDIA], 'title']] as Spec[],
    channelLink: [[core, 'link'], [atom, 'link']] as Spec[],
    channelDescription: [[core, 'description'], [[DC], 'description'], [[ITUNES], 'subtitle'], [[ITUNES], 'summary'], [atom, 'subtitle']] as Spec[],
    itemLink: [[core, 'link'], [atom, 'link']] as Spec[],
    guid: [[core, 'guid'], [atom, 'id']] as Spec[],
    published: [[core, 'pubdate'], [[DCTERMS], 'issued'], [atom, 'published']] as Spec[],
    updated: [[[DC], 'date'], [[DCTERMS], 'modified'], [atom, 'updated']] as Spec[],
    author: [[core, 'author'], [[DC], 'creator'], [[DC], 'author'], [[ITUNES], 'author']] as Spec[],
    summaryLike: [[core, 'description'], [core, 'summary']] as Spec[],
    summaryFallback: [[[DC], 'description'], [[ITUNES], 'summary'], [[MEDIA], 'description']] as Spec[],
    content: [[[CONTENT], 'encoded'], [[XHTML], 'body'], [core, 'body'], [core, 'fullitem'], [atom, 'content']] as Spec[],
    mediaGroup: [[[MEDIA], 'group']] as Spec[],
  };
}
type Specs = ReturnType<typeof specs>;

function text(el: XElement | undefined, kind: 'title' | 'body'): TextValue | null {
  return el ? readRssText(el, kind) : null;
}

/** `<link>` text, or an atom:link's href (rel alternate or none), made absolute. */
function linkOf(el: XElement): string | null {
  if (el.ns === ATOM10) {
    const rel = attr(el, 'rel') ?? 'alternate';
    const href = attr(el, 'href');
    return rel === 'alternate' && href ? resolveUri(href, el.base) : null;
  }
  const value = collapse(textContent(el)) || attr(el, 'href') || attr(el, 'resource') || '';
  return value ? resolveUri(value, el.base) : null;
}

function readItem(item: XElement, s: Specs, zone: string): FeedItem {
  const title = asPlain(text(firstBySpec(item, s.title), 'title'));

  const linkEl = firstBySpec(item, s.itemLink);
  let link = linkEl ? linkOf(linkEl) : null;
  const guidEl = firstBySpec(item, s.guid);
  const guid = guidEl ? collapse(textContent(guidEl)) : null;
  if (!link && guidEl && guid && (attr(guidEl, 'isPermaLink') ?? 'true').trim().toLowerCase() !== 'false' && /^https?:\/\//i.test(guid)) {
    link = resolveUri(guid, guidEl.base);
  }
  const about = attr(item, 'about');

  // An item with both <description> and <summary>: the first is the summary, the other content.
  const summaryLike = allInDocument(item, s.summaryLike);
  const group = firstBySpec(item, s.mediaGroup);
  const summaryEl = summaryLike[0] ?? firstBySpec(item, s.summaryFallback) ?? (group ? firstBySpec(group, s.summaryFallback) : undefined);
  const contentEl = firstBySpec(item, s.content) ?? summaryLike.find((e) => e.local !== summaryLike[0]?.local);
  const xhtmlBody = contentEl?.local === 'body';
  const content = contentEl ? asHtml(xhtmlBody ? { type: 'html', value: serializeChildren(contentEl, 'xhtml'), base: contentEl.base } : readRssText(contentEl, 'body')) : null;
  const summary = summaryEl ? asHtml(readRssText(summaryEl, 'body')) : content;

  const published = parseDate(textOf(lastInDocument(item, s.published)), zone);
  const updated = parseDate(textOf(lastInDocument(item, s.updated)), zone);
  const authorEl = firstBySpec(item, s.author);
  const author = authorEl ? displayAuthor(asPlain(readRssText(authorEl, 'title')), null) : null;

  return {
    id: stableItemId(guid || (about ? about.trim() : null), link, title, summary, published),
    title,
    link,
    published,
    updated,
    author,
    summary,
    content,
  };
}

function textOf(el: XElement | undefined): string | null {
  return el ? textContent(el) : null;
}
