import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { words as STOPWORDS } from 'natural/lib/natural/util/stopwords.js';
import type { PowerKind } from '../model.js';

/** What the tagger needs to know about a figure in the sentence. */
export interface FigureFeature {
  kind: PowerKind;
  si: number;
}

const STOP = new Set(STOPWORDS);
// Explicit ranges rather than \p{Script=…}, which costs milliseconds to compile at start-up.
const TOKEN_RE = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+|[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]+(?:['’][A-Za-z]+)?|\d+(?:[.,]\d+)*|[$€£¥￥%]/gu;
const stemCache = new Map<string, string>();

/**
 * The classifier's view of a sentence: Porter stems of English words (stop words out),
 * character bigrams of Chinese runs (no segmenter needed), and coarse marks for numbers,
 * money, percentages and each power figure's kind and magnitude, so a chip's 700 W and
 * a grid's 50 GW read differently.
 */
export function tagFeatures(sentence: string, figures: readonly FigureFeature[]): string[] {
  const out: string[] = [];
  for (const m of sentence.matchAll(TOKEN_RE)) {
    const t = m[0];
    const c = t.codePointAt(0) as number;
    if (c >= 0x3400 && c <= 0xfaff) {
      const chars = Array.from(t);
      if (chars.length === 1) out.push(t);
      for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
    } else if (c >= 0x30 && c <= 0x39) {
      out.push('#num');
    } else if (t === '%') {
      out.push('#pct');
    } else if (t.length === 1 && '$€£¥￥'.includes(t)) {
      out.push('#money');
    } else {
      const lower = t.toLowerCase().replace(/['’]s$/u, '');
      if (STOP.has(lower)) continue;
      out.push(stem(lower));
    }
  }
  for (const f of figures) out.push(`#${f.kind}`, `#${f.kind}:${magnitude(f)}`);
  return out;
}

function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = PorterStemmer.stem(word);
    if (stemCache.size < 50_000) stemCache.set(word, s);
  }
  return s;
}

/** Device (a chip, a server: under 20 kW), facility (a rack row to a campus), or grid scale. */
function magnitude(f: FigureFeature): string {
  if (f.kind === 'power') return f.si < 2e4 ? 'device' : f.si < 2e8 ? 'facility' : 'grid';
  return f.si < 1e9 ? 'small' : 'large';
}
