import { createRequire } from 'node:module';

// The terms two articles are compared on when deciding whether they tell one story.
// Latin script: lower-cased, stop words dropped, Porter-stemmed words ("licenses" and
// "licence" still differ, but "exports"/"exported" meet). Han script has no spaces, so
// each run of Han characters gives its character bigrams (a single character for a run of
// one): bigrams carry most Chinese words and need no dictionary. Digits stay in words
// ("h20", "910c"), since model names and figures are what tell stories apart.

// natural's stemmer and stop words are loaded on first use (~50 ms): the store imports this
// module to write cards, and a process that only reads (digest, serve) never tokenizes.
const require = createRequire(import.meta.url);
let natural: { stop: ReadonlySet<string>; stem: (w: string) => string } | null = null;
function naturalParts(): NonNullable<typeof natural> {
  if (!natural) {
    const stemmer = require('natural/lib/natural/stemmers/porter_stemmer.js') as { stem(w: string): string };
    const { words } = require('natural/lib/natural/util/stopwords.js') as { words: string[] };
    natural = { stop: new Set(words), stem: (w) => stemmer.stem(w) };
  }
  return natural;
}
// A few Chinese function characters that pair with everything and carry no story.
const HAN_STOP = new Set('的了是在和与及也于为对将从而等并其这那就都被把'.split(''));
// A Latin/digit word is letters and digits other than Han: "发行价114.28元" is a Han run, "114.28",
// then a Han run (a figure or model name written against Chinese text stays its own term).
const WORD = /[\p{Script=Han}]+|(?:[^\P{L}\p{Script=Han}]|\p{N})+(?:[.'’](?:[^\P{L}\p{Script=Han}]|\p{N})+)*/gu;
const HAN = /^\p{Script=Han}/u;
const NON_ASCII = /[\u0080-\uffff]/;

/** Calls `word(w)` for each Latin/digit word (lower-cased, as matched) and `han(run)` for each Han run, in text order. */
function scanWords(text: string, word: (w: string) => void, han: (run: string) => void): void {
  if (!NON_ASCII.test(text)) {
    scanAscii(text.toLowerCase(), word);
    return;
  }
  for (const m of text.normalize('NFKC').toLowerCase().matchAll(WORD)) {
    if (HAN.test(m[0])) han(m[0]);
    else word(m[0]);
  }
}

const isAlnum = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

// WORD on lower-cased ASCII, without a match object per word (most of a day's text is
// ASCII; NFKC leaves ASCII as it is): [a-z0-9]+ joined by single "." or "'".
function scanAscii(s: string, word: (w: string) => void): void {
  const n = s.length;
  let i = 0;
  while (i < n) {
    if (!isAlnum(s.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    for (;;) {
      while (i < n && isAlnum(s.charCodeAt(i))) i++;
      const c = s.charCodeAt(i);
      if ((c === 46 || c === 39) && i + 1 < n && isAlnum(s.charCodeAt(i + 1))) i++;
      else break;
    }
    word(s.slice(start, i));
  }
}

/** The term a Latin word gives, or null for a stop word or a single character. */
function wordTerm(w: string): string | null {
  const { stop, stem } = naturalParts();
  if (w.length <= 1 || stop.has(w)) return null;
  // Porter's rules all strip letter endings: a word ending in a digit ("h20", "2025") is its own stem.
  const last = w.charCodeAt(w.length - 1);
  if (last >= 48 && last <= 57) return w;
  return stem(w.includes("'") || w.includes('’') ? w.replace(/[’']s$/, '') : w);
}

function hanTerms(run: string, out: (t: string) => void): void {
  const chars = [...run];
  if (chars.length === 1) {
    if (!HAN_STOP.has(chars[0]!)) out(chars[0]!);
    return;
  }
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = chars[i]!;
    const b = chars[i + 1]!;
    if (HAN_STOP.has(a) && HAN_STOP.has(b)) continue;
    out(a + b);
  }
}

export function storyTokens(text: string): string[] {
  const out: string[] = [];
  const push = (t: string): void => void out.push(t);
  scanWords(
    text,
    (w) => {
      const t = wordTerm(w);
      if (t !== null) out.push(t);
    },
    (run) => hanTerms(run, push),
  );
  return out;
}

/**
 * storyTokens() as small integers, for a whole day: each distinct word is stemmed once and
 * each term gets an id (0, 1, 2, … in order of first sight). `term(id)` gives the text back.
 * ASCII text is read without making a string per word: a word is looked up by its
 * characters in an open-addressing table of the words seen (most of a day's words are
 * repeats), and only a new word is sliced out and stemmed.
 */
export class TermInterner {
  private readonly ids = new Map<string, number>();
  private readonly texts: string[] = [];
  private readonly hashes: number[] = [];
  private readonly words = new Map<string, number>(); // non-ASCII word → term id, -1 for none
  private table = new Int32Array(1 << 16).fill(-1); // slot → entry
  private entryWord: string[] = [];
  private entryHash: number[] = [];
  private entryTerm: number[] = [];

  get size(): number {
    return this.texts.length;
  }

  term(id: number): string {
    return this.texts[id]!;
  }

  /** The id of a term (interned on first sight). */
  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.texts.length;
      this.ids.set(term, id);
      this.texts.push(term);
      this.hashes.push(termHash(term));
    }
    return id;
  }

  /** Appends termHash() of each of `text`'s terms (storyTokens order) to `out`: ids that mean the same in every process. */
  hashedTokens(text: string, out: number[]): void {
    const from = out.length;
    this.tokens(text, out);
    for (let k = from; k < out.length; k++) out[k] = this.hashes[out[k]!]!;
  }

  /** Appends the term ids of `text` (storyTokens order) to `out`. */
  tokens(text: string, out: number[]): void {
    if (!NON_ASCII.test(text)) {
      this.asciiTokens(text, out);
      return;
    }
    const push = (t: string): void => void out.push(this.id(t));
    scanWords(
      text,
      (w) => {
        let id = this.words.get(w);
        if (id === undefined) {
          const t = wordTerm(w);
          id = t === null ? -1 : this.id(t);
          this.words.set(w, id);
        }
        if (id >= 0) out.push(id);
      },
      (run) => hanTerms(run, push),
    );
  }

  // scanAscii(), folding case and hashing (FNV-1a) as it goes.
  private asciiTokens(s: string, out: number[]): void {
    const n = s.length;
    let i = 0;
    while (i < n) {
      if (!isAlnum(lower(s.charCodeAt(i)))) {
        i++;
        continue;
      }
      const start = i;
      let h = 0x811c9dc5;
      for (;;) {
        for (; i < n; i++) {
          const c = lower(s.charCodeAt(i));
          if (!isAlnum(c)) break;
          h = Math.imul(h ^ c, 0x01000193);
        }
        const c = s.charCodeAt(i);
        if ((c === 46 || c === 39) && i + 1 < n && isAlnum(lower(s.charCodeAt(i + 1)))) {
          h = Math.imul(h ^ c, 0x01000193);
          i++;
        } else break;
      }
      // FNV's low bits mix poorly and the table is indexed by them: finish with a mixer.
      h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
      const id = this.lookup(s, start, i, h ^ (h >>> 16));
      if (id >= 0) out.push(id);
    }
  }

  private lookup(s: string, start: number, end: number, h: number): number {
    const mask = this.table.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const e = this.table[slot]!;
      if (e < 0) return this.add(slot, s.slice(start, end).toLowerCase(), h);
      if (this.entryHash[e] === h && sameWord(this.entryWord[e]!, s, start, end)) return this.entryTerm[e]!;
    }
  }

  private add(slot: number, word: string, h: number): number {
    const t = wordTerm(word);
    const id = t === null ? -1 : this.id(t);
    this.table[slot] = this.entryWord.length;
    this.entryWord.push(word);
    this.entryHash.push(h);
    this.entryTerm.push(id);
    if (this.entryWord.length * 2 > this.table.length) this.grow();
    return id;
  }

  private grow(): void {
    this.table = new Int32Array(this.table.length * 2).fill(-1);
    const mask = this.table.length - 1;
    this.entryHash.forEach((h, e) => {
      let slot = h & mask;
      while (this.table[slot]! >= 0) slot = (slot + 1) & mask;
      this.table[slot] = e;
    });
  }
}

const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

function sameWord(word: string, s: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let k = 0; k < word.length; k++) if (word.charCodeAt(k) !== lower(s.charCodeAt(start + k))) return false;
  return true;
}

/** FNV-1a, base 36: how the stored pair set keeps tokens without keeping the text. */
export function hashToken(token: string): string {
  return (termHash(token) >>> 0).toString(36);
}

/**
 * A term as a 32-bit integer (FNV-1a), as the store keeps an article's story terms. Two of a
 * day's ~10^5 distinct terms share a hash about once a day, which moves a cosine by a hair.
 */
export function termHash(term: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    h ^= term.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}
