import { decodeHTMLStrict } from 'entities';

// Feeds use HTML's named entities (&eacute;, &nbsp;, &hearts;) that XML does not define,
// and a strict XML parser rejects the whole document for one of them. We decode
// character data ourselves instead: XML's five, numeric references, and the whole HTML
// table, each only with its terminating ";" (as XML requires). A stray "&" stays literal.

/** Decode the entity and character references in XML character data or an attribute value. */
export function decodeXmlEntities(raw: string): string {
  return raw.includes('&') ? decodeHTMLStrict(raw) : raw;
}

/** Most characters that a document's own entity declarations may add in total. */
const EXPANSION_BUDGET = 1 << 20;

/**
 * A decoder that also expands the entities the document declared. Their total
 * expansion is capped (past the cap, references stay as written), so a small document
 * cannot make us build gigabytes ("billion laughs" done with one big entity).
 */
export function entityDecoder(declared: ReadonlyMap<string, string>): (raw: string) => string {
  if (declared.size === 0) return decodeXmlEntities;
  let budget = EXPANSION_BUDGET;
  return (raw) => {
    if (!raw.includes('&')) return raw;
    const expanded = raw.replace(/&([A-Za-z_][\w.-]*);/g, (ref, name: string) => {
      const value = declared.get(name);
      if (value === undefined || value.length > budget) return ref;
      budget -= value.length;
      return value;
    });
    return decodeHTMLStrict(expanded);
  };
}

export interface Prolog {
  /** The document with its DOCTYPE declaration removed. */
  xml: string;
  /** Internal entities the DOCTYPE declared (`<!ENTITY id "tag:example.com,">`). */
  entities: Map<string, string>;
}

const MAX_ENTITY_CHARS = 4096;

/** Where the DOCTYPE starts, if one comes before the root (after only whitespace, PIs and comments). */
function doctypeStart(xml: string): number {
  let i = 0;
  for (;;) {
    while (i < xml.length && /\s/.test(xml[i] ?? '')) i++;
    if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i + 2);
      if (end < 0) return -1;
      i = end + 2;
    } else if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end < 0) return -1;
      i = end + 3;
    } else {
      return /^<!DOCTYPE\b/i.test(xml.slice(i, i + 10)) ? i : -1;
    }
  }
}

/**
 * Remove a DOCTYPE from the prolog and collect its internal entity declarations.
 * External entities (SYSTEM/PUBLIC) are never read, and a declared value is not itself
 * expanded with other declared entities, so neither XXE nor "billion laughs" applies.
 */
export function stripDoctype(xml: string): Prolog {
  const entities = new Map<string, string>();
  const start = doctypeStart(xml);
  if (start < 0) return { xml, entities };
  const before = xml.slice(0, start);
  const bracket = xml.indexOf('[', start);
  const close = xml.indexOf('>', start);
  if (close < 0) return { xml: before, entities };
  let end = close + 1;
  if (bracket >= 0 && bracket < close) {
    const m = /\]\s*>/g;
    m.lastIndex = bracket;
    const found = m.exec(xml);
    if (found) end = found.index + found[0].length;
    const subset = xml.slice(bracket + 1, found ? found.index : close);
    for (const d of subset.matchAll(/<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)')\s*>/g)) {
      const value = d[2] ?? d[3] ?? '';
      if (d[1] && value.length <= MAX_ENTITY_CHARS) entities.set(d[1], decodeXmlEntities(value));
    }
  }
  return { xml: before + xml.slice(end), entities };
}
