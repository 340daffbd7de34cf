import type { FeedItem, NormalizedFeed } from '../model.js';
import { displayAuthor } from './author.js';
import { parseDate } from './dates.js';
import { collapse } from '../text/whitespace.js';
import { stableItemId } from './item-id.js';
import { DC, MEDIA, type NamespaceId } from './namespaces.js';
import { firstBySpec, lastInDocument, type Spec } from './pick.js';
import { asHtml, asPlain, readAtom03Text, readAtom10Text, readRssText, type TextValue } from './text-construct.js';
import { attr, child, childrenNamed, resolveUri, textContent, type XElement } from './xml-tree.js';

// Atom 1.0 (RFC 4287) and its predecessor 0.3 to the normalized feed: text constructs
// by type/mode, the rel="alternate" link, "Name (email)" authors, and published/updated
// (0.3's issued/modified), the later element winning as in feedparser.

export function readAtom(root: XElement, core: readonly NamespaceId[], version: '0.3' | '1.0', zone: string): Omit<NormalizedFeed, 'language'> {
  const read = version === '0.3' ? readAtom03Text : readAtom10Text;
  const t = (el: XElement | undefined): TextValue | null => (el ? read(el) : null);
  const sub = firstBySpec(root, [[core, 'subtitle'], [core, 'tagline'], [core, 'info']]);
  return {
    title: asPlain(t(child(root, core, 'title'))),
    link: alternateLink(root, core),
    description: asPlain(t(sub)),
    // An entry without an author has the feed's (RFC 4287 §4.2.1).
    items: childrenNamed(root, core, 'entry').map((e) => readEntry(e, core, t, person(child(root, core, 'author'), core), zone)),
  };
}

/** The first rel="alternate" link (rel defaults to alternate), preferring HTML; 0.3 links may hold the URL as text. */
function alternateLink(el: XElement, core: readonly NamespaceId[]): string | null {
  let best: string | null = null;
  for (const link of childrenNamed(el, core, 'link')) {
    const rel = (attr(link, 'rel') ?? 'alternate').trim().toLowerCase();
    if (rel !== 'alternate') continue;
    const href = attr(link, 'href') ?? collapse(textContent(link));
    if (!href) continue;
    const url = resolveUri(href, link.base);
    const type = attr(link, 'type')?.toLowerCase();
    if (!type || type.includes('html')) return url;
    best ??= url;
  }
  return best;
}

function person(el: XElement | undefined, core: readonly NamespaceId[]): string | null {
  if (!el) return null;
  const name = child(el, core, 'name');
  const email = child(el, core, 'email');
  if (!name && !email) return collapse(textContent(el)) || null;
  return displayAuthor(name ? textContent(name) : null, email ? textContent(email) : null);
}

function readEntry(
  entry: XElement,
  core: readonly NamespaceId[],
  t: (el: XElement | undefined) => TextValue | null,
  feedAuthor: string | null,
  zone: string,
): FeedItem {
  const title = asPlain(t(child(entry, core, 'title')));
  const link = alternateLink(entry, core);
  const idEl = child(entry, core, 'id');
  let id = idEl ? collapse(textContent(idEl)) : null;
  // A root-relative id is resolved like a link (feedparser does; the spec wants absolute IRIs anyway).
  if (id && idEl && /^\.{0,2}\//.test(id)) id = resolveUri(id, idEl.base);

  const contentEl = child(entry, core, 'content');
  const contentValue = t(contentEl);
  const content = asHtml(contentValue);
  const summaryEl = child(entry, core, 'summary');
  // feedparser copies text/HTML content into a missing summary.
  const summary = summaryEl ? asHtml(t(summaryEl)) : (content ?? mediaDescription(entry));

  const published = parseDate(textOf(lastInDocument(entry, [[core, 'published'], [core, 'issued']] as Spec[])), zone);
  const updated = parseDate(textOf(lastInDocument(entry, [[core, 'updated'], [core, 'modified']] as Spec[])), zone);
  const authorEl = child(entry, core, 'author');
  const creator = child(entry, [DC], 'creator');
  const author = person(authorEl, core) ?? (creator ? collapse(textContent(creator)) || null : null) ?? feedAuthor;

  return { id: stableItemId(id, link, title, summary, published), title, link, published, updated, author, summary, content };
}

/** Media RSS's description (alone or in a media:group), for entries that have nothing else. */
function mediaDescription(entry: XElement): string | null {
  const group = child(entry, [MEDIA], 'group');
  const el = child(entry, [MEDIA], 'description') ?? (group ? child(group, [MEDIA], 'description') : undefined);
  return el ? asHtml(readRssText(el, 'body')) : null;
}

function textOf(el: XElement | undefined): string | null {
  return el ? textContent(el) : null;
}
