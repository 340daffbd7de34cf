import type { AliasSpec, EntitySpec } from '../config/entities.js';

/** A raw alias hit, before sentence numbering. Offsets are UTF-16 indices into the scanned text. */
export interface AliasHit {
  entity: string;
  /** The alias as configured (its canonical spelling), not as written in the text. */
  alias: string;
  start: number;
  end: number;
}

/** The watch-list compiled once: one regular expression for every alias and exclusion. */
export interface Watchlist {
  readonly entities: readonly { id: string; name: string }[];
  /**
   * All accepted hits in `text`, left to right, overlaps resolved leftmost-longest.
   * `sentenceOf` maps an offset to its [start, end) sentence span, for context rules.
   */
  find(text: string, sentenceOf: (offset: number) => [number, number]): AliasHit[];
}

interface Entry {
  entity: string;
  alias: AliasSpec | null; // null: an exclusion
  text: string;
  context: RegExp | null;
}

// Word characters for whole-word matching of Latin-script aliases: ASCII, Latin-1 and
// Latin Extended letters, Greek, Cyrillic, digits. Han is deliberately absent ("在Nvidia的"
// and "H20芯片" must match), and `\b` is ASCII-only. Explicit ranges rather than
// \p{Script=Latin}: the property class, repeated in every alternative, made compiling the
// watch-list take ~60 ms.
const WORD = '[0-9A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u1E00-\\u1EFF\\u0370-\\u03FF\\u0400-\\u04FF]';
const WORD_RE = new RegExp(`^${WORD}$`, 'u');

/** Compiles entity specs into one matcher. Throws if the combined pattern cannot be built. */
export function compileWatchlist(specs: readonly EntitySpec[]): Watchlist {
  const entries: Entry[] = [];
  const contextCache = new Map<string, RegExp>();
  for (const spec of specs) {
    for (const alias of spec.aliases) {
      const context = alias.requiresContext ? contextRegex(alias.requiresContext, contextCache) : null;
      entries.push({ entity: spec.id, alias, text: alias.text, context });
    }
    for (const phrase of spec.exclude) entries.push({ entity: spec.id, alias: null, text: phrase, context: null });
  }
  // Longest first, so at any one position the longest alternative wins ("Ascend 910C" over "Ascend").
  const ordered = [...entries].sort((a, b) => b.text.length - a.text.length);
  const pattern = new RegExp(ordered.map((e) => aliasPattern(e.text, e.alias?.case !== 'sensitive')).join('|'), 'gu');

  const byKey = new Map<string, Entry[]>();
  for (const e of ordered) {
    const key = lookupKey(e.text);
    const list = byKey.get(key) ?? [];
    list.push(e);
    byKey.set(key, list);
  }

  const resolve = (matched: string): Entry | undefined => {
    const list = byKey.get(lookupKey(matched));
    if (!list) return undefined;
    const exact = normalizeSpace(matched);
    // Exclusions win over aliases of the same text; a case-sensitive alias needs its exact case.
    return list.find((e) => e.alias === null) ?? list.find((e) => e.alias!.case === 'insensitive' || normalizeSpace(e.text) === exact);
  };

  return {
    entities: specs.map((s) => ({ id: s.id, name: s.name })),
    find(text, sentenceOf) {
      const raw: { entry: Entry; start: number; end: number }[] = [];
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
        const entry = resolve(m[0]);
        if (entry && entry.alias) raw.push({ entry, start: m.index, end: m.index + m[0].length });
      }
      const hits: AliasHit[] = [];
      for (const h of raw) {
        if (h.entry.context && !inContext(h, raw, text, sentenceOf)) continue;
        hits.push({ entity: h.entry.entity, alias: h.entry.text, start: h.start, end: h.end });
      }
      return hits;
    },
  };
}

/** A context-bound hit counts when its sentence holds a context term or a context-free mention of the same entity. */
function inContext(hit: { entry: Entry; start: number }, all: { entry: Entry; start: number }[], text: string, sentenceOf: (offset: number) => [number, number]): boolean {
  const [from, to] = sentenceOf(hit.start);
  for (const other of all) {
    if (other.start >= from && other.start < to && other.entry.entity === hit.entry.entity && other.entry.context === null) return true;
  }
  return hit.entry.context!.test(text.slice(from, to));
}

function contextRegex(terms: string[], cache: Map<string, RegExp>): RegExp {
  const key = terms.join('\u0000');
  let re = cache.get(key);
  if (!re) {
    const sorted = [...terms].sort((a, b) => b.length - a.length);
    re = new RegExp(sorted.map((t) => aliasPattern(t, true)).join('|'), 'u');
    cache.set(key, re);
  }
  return re;
}

/**
 * One alternative: letters expanded to [xX] when case-insensitive (so one regex can mix case
 * rules), runs of spaces as \s+, both apostrophes accepted, and Unicode word lookarounds where
 * the alias begins or ends with a Latin letter or digit. CJK edges match as substrings.
 */
function aliasPattern(text: string, insensitive: boolean): string {
  const chars = Array.from(text.trim());
  let body = '';
  let inSpace = false;
  for (const c of chars) {
    if (/\s/u.test(c)) {
      if (!inSpace) body += '\\s+';
      inSpace = true;
      continue;
    }
    inSpace = false;
    if (c === "'" || c === '’') body += "['’]";
    else if (c === '-' || c === '‐' || c === '–') body += '[-‐–]';
    else if (insensitive && c.toLowerCase() !== c.toUpperCase()) body += `[${escapeClass(c.toLowerCase())}${escapeClass(c.toUpperCase())}]`;
    else body += escapeChar(c);
  }
  const first = chars[0] ?? '';
  const last = chars[chars.length - 1] ?? '';
  const before = WORD_RE.test(first) ? `(?<!${WORD})` : '';
  const after = WORD_RE.test(last) ? `(?!${WORD})` : '';
  return `${before}${body}${after}`;
}

function escapeChar(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

function escapeClass(c: string): string {
  return /[\]\\^-]/.test(c) ? `\\${c}` : c;
}

function normalizeSpace(s: string): string {
  return s.replace(/\s+/gu, ' ').replace(/’/g, "'").replace(/[‐–]/g, '-');
}

function lookupKey(s: string): string {
  return normalizeSpace(s).toLowerCase();
}
