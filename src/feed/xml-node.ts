import type { NamespaceId } from './namespaces.js';

// The tree that xml-tree.ts builds and the feed readers walk.

export interface XElement {
  /** The name as written, e.g. "dc:creator". */
  name: string;
  /** Local name, lower-cased: feeds are not consistent about case (`pubdate`, `TITLE`). */
  local: string;
  ns: NamespaceId;
  /** Attribute values, entity-decoded, by the name as written. */
  attrs: Record<string, string>;
  /** Character data (decoded) and child elements in document order. */
  children: XNode[];
  /** The effective base URI (xml:base resolved against the parent's), if known. */
  base: string | null;
}

export type XNode = XElement | string;

export interface XDocument {
  root: XElement;
  /** Recoverable problems met on the way (feedparser's "bozo"), for diagnostics. */
  issues: string[];
}

export interface TreeOptions {
  /** The document's own URL (after redirects, or Content-Location): the outermost base. */
  base?: string | null;
  /** Elements built at most; the rest of the document is dropped (default MAX_ELEMENTS in xml-tree-builder.ts). */
  maxElements?: number;
}

/** Resolve a URI reference against a base, or return it unchanged when that is impossible. */
export function resolveUri(ref: string, base: string | null): string {
  const trimmed = ref.trim();
  if (!base) return trimmed;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return trimmed;
  }
}
