import type { NamespaceId } from './namespaces.js';
import type { XElement } from './xml-tree.js';

// Which element a field comes from, when several may carry it: a list of
// (namespaces, local name) alternatives.
export type Spec = readonly [readonly NamespaceId[], string];

function matches(n: XElement, spec: Spec): boolean {
  return n.local === spec[1] && spec[0].includes(n.ns);
}

/** The first direct child matching the earliest spec that has any match (spec order is priority). */
export function firstBySpec(el: XElement, specs: readonly Spec[]): XElement | undefined {
  for (const spec of specs) {
    for (const n of el.children) if (typeof n !== 'string' && matches(n, spec)) return n;
  }
  return undefined;
}

/** The last direct child matching any spec, in document order (a later date overrides an earlier one). */
export function lastInDocument(el: XElement, specs: readonly Spec[]): XElement | undefined {
  let found: XElement | undefined;
  for (const n of el.children) {
    if (typeof n !== 'string' && specs.some((s) => matches(n, s))) found = n;
  }
  return found;
}

/** Every direct child matching any spec, in document order. */
export function allInDocument(el: XElement, specs: readonly Spec[]): XElement[] {
  const out: XElement[] = [];
  for (const n of el.children) {
    if (typeof n !== 'string' && specs.some((s) => matches(n, s))) out.push(n);
  }
  return out;
}
