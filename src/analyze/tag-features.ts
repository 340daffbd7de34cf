import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { words as STOPWORDS } from 'natural/lib/natural/util/stopwords.js';
import type { PowerKind } from '../model.js';
import { toSimplified } from './simplified-chinese.js';
import { cueFeatures } from './tag-cues.js';

/** What the tagger needs to know about a figure in the sentence. */
export interface FigureFeature {
  kind: PowerKind;
  si: number;
}

/** Experiment switches (defaults are what the shipped model uses). */
export interface FeatureOptions {
  bigrams?: boolean;
  cues?: boolean;
  simplify?: boolean;
  models?: boolean;
}

const STOP = new Set(STOPWORDS);
// Explicit ranges rather than \p{Script=…}, which costs milliseconds to compile at start-up.
const TOKEN_RE = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+|[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]+(?:['’][A-Za-z]+)?|\d+(?:[.,]\d+)*|[$€£¥￥%]/gu;
// Model codes: H100, GB200, MLU590, MTT S4000, 910C, BR100 (a named chip or system).
const MODEL_RE = /(?<![A-Za-z0-9])(?:[A-Z]{1,5}[- ]?\d{2,4}[A-Z]{0,3}|\d{3,4}[A-Z]{1,2})(?![A-Za-z0-9])/u;
const stemCache = new Map<string, string>();

/**
 * The classifier's view of a sentence: Porter stems of English words (stop words out) and
 * pairs of neighbouring stems, character bigrams of Chinese runs (traditional characters
 * simplified first; no segmenter needed), coarse marks for numbers, money and percentages,
 * the tags whose cue words occur (tag-cues.ts), and each power figure's kind and magnitude,
 * so a chip's 700 W and a grid's 50 GW read differently.
 */
export function tagFeatures(sentence: string, figures: readonly FigureFeature[], opts: FeatureOptions = {}): string[] {
  const { bigrams = true, cues = true, simplify = true, models = true } = opts;
  const text = simplify ? toSimplified(sentence) : sentence;
  const out: string[] = [];
  let prev = '';
  for (const m of text.matchAll(TOKEN_RE)) {
    const t = m[0];
    const c = t.codePointAt(0) as number;
    if (c >= 0x3400 && c <= 0xfaff) {
      const chars = Array.from(t);
      if (chars.length === 1) out.push(t);
      for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
      prev = '';
    } else if (c >= 0x30 && c <= 0x39) {
      out.push('#num');
      prev = '#num';
    } else if (t === '%') {
      out.push('#pct');
      prev = '#pct';
    } else if (t.length === 1 && '$€£¥￥'.includes(t)) {
      out.push('#money');
      prev = '#money';
    } else {
      const lower = t.toLowerCase().replace(/['’]s$/u, '');
      if (STOP.has(lower)) continue;
      const s = stem(lower);
      out.push(s);
      if (bigrams && prev) out.push(`${prev}_${s}`);
      prev = s;
    }
  }
  if (cues) out.push(...cueFeatures(text));
  if (models && MODEL_RE.test(text)) out.push('#model');
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
