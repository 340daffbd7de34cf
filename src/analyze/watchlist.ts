import type { AliasSpec, EntitySpec } from '../model.js';
import { toSimplified, traditionalVariants } from './simplified-chinese.js';

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
  const pattern = new RegExp(trieRegex(entries), 'gu');

  // Matched text → its entries (several when only case tells them apart: MetaX / METAX).
  const byKey = new Map<string, Entry[]>();
  for (const e of entries) {
    const key = lookupKey(e.text);
    const list = byKey.get(key) ?? [];
    list.push(e);
    byKey.set(key, list);
  }

  const resolve = (matched: string): Entry | undefined => {
    const list = byKey.get(lookupKey(matched));
    if (!list) return undefined;
    const exact = toSimplified(normalizeSpace(matched));
    // Exclusions win over aliases of the same text; a case-sensitive alias needs its exact case.
    return list.find((e) => e.alias === null) ?? list.find((e) => e.alias!.case === 'insensitive' || toSimplified(normalizeSpace(e.text)) === exact);
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

interface TrieNode {
  children: Map<string, TrieNode>;
  /** An alias ends here; with a word-boundary look-ahead when its last character is a word character. */
  end: 'word' | 'plain' | null;
  /** Whether this node's own character is a word character (for the look-behind at the root). */
  word: boolean;
  /** Longest run of atoms below, so longer aliases are tried first. */
  depth: number;
}

/**
 * The whole list as one regular expression shaped like a trie: aliases sharing a prefix
 * share its pattern ("Ascend" then " 910C" | " 910B" | …), so at each position the engine
 * tests one first character instead of every alias. Branches are ordered longest first and
 * an alias's end comes after its continuations, so the longest alias at a position wins.
 * Latin-script edges get Unicode word lookarounds; CJK edges match as substrings.
 */
function trieRegex(entries: readonly Entry[]): string {
  const root: TrieNode = { children: new Map(), end: null, word: false, depth: 0 };
  for (const e of entries) {
    const parts = atoms(e.text, e.alias?.case !== 'sensitive');
    let node = root;
    const path: TrieNode[] = [root];
    for (const { atom, word } of parts) {
      let child = node.children.get(atom);
      if (!child) node.children.set(atom, (child = { children: new Map(), end: null, word, depth: 0 }));
      node = child;
      path.push(node);
    }
    node.end = parts[parts.length - 1]?.word ? 'word' : 'plain';
    path.forEach((n, i) => (n.depth = Math.max(n.depth, parts.length - i)));
  }
  const branches = (node: TrieNode, atRoot: boolean): string[] =>
    [...node.children.entries()]
      .sort((a, b) => b[1].depth - a[1].depth)
      .map(([atom, child]) => `${atRoot && child.word ? `(?<!${WORD})` : ''}${atom}${serialize(child)}`);
  const serialize = (node: TrieNode): string => {
    const alts = branches(node, false);
    if (node.end !== null) alts.push(node.end === 'word' ? `(?!${WORD})` : '');
    return alts.length === 1 ? (alts[0] as string) : `(?:${alts.join('|')})`;
  };
  return branches(root, true).join('|');
}

/**
 * An alias as regex atoms, one per character: letters expanded to [xX] when
 * case-insensitive (so one regex can mix case rules), runs of spaces as \s+, both
 * apostrophes and the common hyphens accepted, and a simplified Chinese character also
 * accepted in its traditional forms (寒武纪 matches 寒武紀, 华为 matches 華為 and 華爲), so
 * Taiwan and Hong Kong text needs no alias of its own. Only that direction: folding the
 * text to simplified instead would make 昇 (written as such in 昇腾, Ascend) and 升 ("rise",
 * OpenCC's simplified form of 昇) one character, and 升腾 "soar" a Huawei mention.
 */
function atoms(text: string, insensitive: boolean): { atom: string; word: boolean }[] {
  const out: { atom: string; word: boolean }[] = [];
  for (const c of Array.from(text.trim())) {
    if (/\s/u.test(c)) {
      if (out[out.length - 1]?.atom !== '\\s+') out.push({ atom: '\\s+', word: false });
      continue;
    }
    let atom: string;
    if (c === "'" || c === '’') atom = "['’]";
    else if (c === '-' || c === '‐' || c === '–') atom = '[-‐–]';
    else if (insensitive && c.toLowerCase() !== c.toUpperCase() && c.toLowerCase().length === 1 && c.toUpperCase().length === 1) atom = `[${escapeClass(c.toLowerCase())}${escapeClass(c.toUpperCase())}]`;
    else if (traditionalVariants(c) !== '') atom = `[${c}${traditionalVariants(c)}]`;
    else atom = escapeChar(c);
    out.push({ atom, word: WORD_RE.test(c) });
  }
  return out;
}

/** One term of a context list: the same atoms and edge rules as an alias, case-insensitive. */
function aliasPattern(text: string, insensitive: boolean): string {
  const parts = atoms(text, insensitive);
  const before = parts[0]?.word ? `(?<!${WORD})` : '';
  const after = parts[parts.length - 1]?.word ? `(?!${WORD})` : '';
  return `${before}${parts.map((p) => p.atom).join('')}${after}`;
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

/** Traditional characters simplified too, so a hit written 寒武紀 finds the alias 寒武纪. */
function lookupKey(s: string): string {
  return toSimplified(normalizeSpace(s).toLowerCase());
}
