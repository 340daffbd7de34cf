import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { words as STOPWORDS } from 'natural/lib/natural/util/stopwords.js';

// The terms two articles are compared on when deciding whether they tell one story.
// Latin script: lower-cased, stop words dropped, Porter-stemmed words ("licenses" and
// "licence" still differ, but "exports"/"exported" meet). Han script has no spaces, so
// each run of Han characters gives its character bigrams (a single character for a run of
// one): bigrams carry most Chinese words and need no dictionary. Digits stay in words
// ("h20", "910c"), since model names and figures are what tell stories apart.

const STOP = new Set(STOPWORDS);
// A few Chinese function characters that pair with everything and carry no story.
const HAN_STOP = new Set('的了是在和与及也于为对将从而等并其这那就都被把'.split(''));
const WORD = /[\p{Script=Han}]+|[\p{L}\p{N}]+(?:[.'’][\p{L}\p{N}]+)*/gu;
const HAN = /^\p{Script=Han}/u;

export function storyTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFKC').toLowerCase().matchAll(WORD)) {
    const w = m[0];
    if (HAN.test(w)) pushHan(w, out);
    else if (w.length > 1 && !STOP.has(w)) out.push(stem(w.replace(/[’']s$/, '')));
  }
  return out;
}

// A day repeats its vocabulary; stemming each word once is most of the tokenizing saved.
const stems = new Map<string, string>();
function stem(w: string): string {
  let s = stems.get(w);
  if (s === undefined) {
    if (stems.size > 200_000) stems.clear();
    s = PorterStemmer.stem(w);
    stems.set(w, s);
  }
  return s;
}

function pushHan(run: string, out: string[]): void {
  const chars = [...run];
  if (chars.length === 1) {
    if (!HAN_STOP.has(chars[0]!)) out.push(chars[0]!);
    return;
  }
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = chars[i]!;
    const b = chars[i + 1]!;
    if (HAN_STOP.has(a) && HAN_STOP.has(b)) continue;
    out.push(a + b);
  }
}

/** FNV-1a, base 36: how the stored pair set keeps tokens without keeping the text. */
export function hashToken(token: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) {
    h ^= token.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
