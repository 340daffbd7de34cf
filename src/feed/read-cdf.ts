import type { FeedItem, NormalizedFeed } from '../model.js';
import { parseDate } from './dates.js';
import { stableItemId } from './item-id.js';
import type { NamespaceId } from './namespaces.js';
import { asHtml, asPlain, readRssText } from './text-construct.js';
import { attr, child, childrenNamed, resolveUri, type XElement } from './xml-tree.js';

// Microsoft's Channel Definition Format (1997): <CHANNEL HREF> with <TITLE>, <ABSTRACT>
// and <ITEM HREF LASTMOD>. Still met in old corporate sites' "channels".

export function readCdf(root: XElement, core: readonly NamespaceId[], zone: string): Omit<NormalizedFeed, 'language'> {
  const title = child(root, core, 'title');
  const abstract = child(root, core, 'abstract');
  const href = attr(root, 'href');
  return {
    title: title ? asPlain(readRssText(title, 'title')) : null,
    link: href ? resolveUri(href, root.base) : null,
    description: abstract ? asPlain(readRssText(abstract, 'body')) : null,
    items: childrenNamed(root, core, 'item').map((item) => readItem(item, core, zone)),
  };
}

function readItem(item: XElement, core: readonly NamespaceId[], zone: string): FeedItem {
  const titleEl = child(item, core, 'title');
  const abstract = child(item, core, 'abstract');
  const href = attr(item, 'href');
  const title = titleEl ? asPlain(readRssText(titleEl, 'title')) : null;
  const link = href ? resolveUri(href, item.base) : null;
  const summary = abstract ? asHtml(readRssText(abstract, 'body')) : null;
  const lastmod = attr(item, 'lastmod');
  return {
    id: stableItemId(null, link, title, summary, null),
    title,
    link,
    published: null,
    updated: parseDate(lastmod ?? null, zone),
    author: null,
    summary,
    content: null,
  };
}
