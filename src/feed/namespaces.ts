// Feeds bind the same vocabulary to many prefixes (or none), and some bind a familiar
// prefix to an unrelated namespace. Elements are matched by namespace, so every known
// namespace URI gets one short id; an unknown URI is its own id.

export type NamespaceId = string;

/** RSS core elements: no namespace, or one of the RSS namespaces. */
export const RSS = 'rss';
export const ATOM10 = 'atom';
export const ATOM03 = 'atom03';
export const DC = 'dc';
export const DCTERMS = 'dcterms';
export const CONTENT = 'content';
export const XHTML = 'xhtml';
export const ITUNES = 'itunes';
export const MEDIA = 'media';
export const RDF = 'rdf';
export const XML = 'xml';

const BY_URI = new Map<string, NamespaceId>(Object.entries({
  '': RSS,
  'http://purl.org/rss/1.0/': RSS,
  'http://my.netscape.com/rdf/simple/0.9/': RSS,
  'http://backend.userland.com/rss2': RSS,
  'http://backend.userland.com/rss': RSS,
  'http://blogs.law.harvard.edu/tech/rss': RSS,
  'http://purl.org/net/rss1.1#': RSS,
  'http://www.w3.org/2005/atom': ATOM10,
  'http://purl.org/atom/ns#': ATOM03,
  'http://purl.org/dc/elements/1.1/': DC,
  'http://purl.org/dc/terms/': DCTERMS,
  'http://purl.org/rss/1.0/modules/content/': CONTENT,
  'http://www.w3.org/1999/xhtml': XHTML,
  'http://www.itunes.com/dtds/podcast-1.0.dtd': ITUNES,
  'https://www.itunes.com/dtds/podcast-1.0.dtd': ITUNES,
  'http://search.yahoo.com/mrss/': MEDIA,
  'http://search.yahoo.com/mrss': MEDIA,
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': RDF,
  'http://www.w3.org/xml/1998/namespace': XML,
}));

// Prefixes used without a declaration: take the conventional meaning.
const BY_PREFIX = new Map<string, NamespaceId>(Object.entries({
  atom: ATOM10,
  dc: DC,
  dcterms: DCTERMS,
  content: CONTENT,
  xhtml: XHTML,
  itunes: ITUNES,
  media: MEDIA,
  rdf: RDF,
  xml: XML,
}));

const seen = new Map<string, NamespaceId>();

export function namespaceId(uri: string): NamespaceId {
  let id = seen.get(uri);
  if (id === undefined) {
    const key = uri.trim().toLowerCase();
    id = BY_URI.get(key) ?? key;
    if (seen.size < 1000) seen.set(uri, id);
  }
  return id;
}

export function undeclaredPrefixId(prefix: string): NamespaceId {
  return BY_PREFIX.get(prefix.toLowerCase()) ?? `prefix:${prefix.toLowerCase()}`;
}
