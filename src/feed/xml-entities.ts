import { decodeHTMLStrict } from 'entities';

// Feeds use HTML's named entities (&eacute;, &nbsp;, &hearts;) that XML does not define,
// and a strict XML parser rejects the whole document for one of them. We decode
// character data ourselves instead: XML's five, numeric references, and the whole HTML
// table, each only with its terminating ";" (as XML requires). A stray "&" stays literal.

/** Decode the entity and character references in XML character data or an attribute value. */
export function decodeXmlEntities(raw: string, declared?: ReadonlyMap<string, string>): string {
  if (!raw.includes('&')) return raw;
  let text = raw;
  if (declared && declared.size) {
    text = text.replace(/&([A-Za-z_][\w.-]*);/g, (ref, name: string) => declared.get(name) ?? ref);
  }
  return decodeHTMLStrict(text);
}

export interface Prolog {
  /** The document with its DOCTYPE declaration removed. */
  xml: string;
  /** Internal entities the DOCTYPE declared (`<!ENTITY id "tag:example.com,">`). */
  entities: Map<string, string>;
}

const MAX_ENTITY_CHARS = 4096;

/**
 * Remove a DOCTYPE from the prolog and collect its internal entity declarations.
 * External entities (SYSTEM/PUBLIC) are never read, and a declared value is not itself
 * expanded with other declared entities, so neither XXE nor "billion laughs" applies.
 */
export function stripDoctype(xml: string): Prolog {
  const entities = new Map<string, string>();
  const start = xml.search(/<!DOCTYPE\b/i);
  if (start < 0) return { xml, entities };
  // Only a DOCTYPE before the root element counts; one later on is content.
  const before = xml.slice(0, start);
  if (!/^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*$/.test(before)) return { xml, entities };
  let end = -1;
  const bracket = xml.indexOf('[', start);
  const close = xml.indexOf('>', start);
  if (close < 0) return { xml: before, entities };
  if (bracket >= 0 && bracket < close) {
    const m = /\]\s*>/g;
    m.lastIndex = bracket;
    const found = m.exec(xml);
    end = found ? found.index + found[0].length : close + 1;
    const subset = xml.slice(bracket + 1, found ? found.index : close);
    for (const d of subset.matchAll(/<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)')\s*>/g)) {
      const value = d[2] ?? d[3] ?? '';
      if (d[1] && value.length <= MAX_ENTITY_CHARS) entities.set(d[1], decodeXmlEntities(value));
    }
  } else {
    end = close + 1;
  }
  return { xml: before + xml.slice(end), entities };
}
