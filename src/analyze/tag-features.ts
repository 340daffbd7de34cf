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
  quantities?: boolean;
  /** Pairs of cue groups present together (see crosses). */
  cueCrosses?: boolean;
}

const STOP = new Set(STOPWORDS);
// Explicit ranges rather than \p{Script=…}, which costs milliseconds to compile at start-up.
const TOKEN_RE = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+|[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]+(?:['’][A-Za-z]+)?|\d+(?:[.,]\d+)*|[$€£¥￥%]/gu;
// Model codes: H100, GB200, MLU590, MTT S4000, 910C, BR100 (a named chip or system).
const MODEL_RE = /(?<![A-Za-z0-9])(?:[A-Z]{1,5}[- ]?\d{2,4}[A-Z]{0,3}|\d{3,4}[A-Z]{1,2})(?![A-Za-z0-9])/u;
// Quantities that say what is counted: hardware in units (a volume, an order) and money
// amounts in words (a round, revenue, a deal), beyond the bare "#num" and "#money" marks.
// Read off the token stream (the word or Chinese run right after a number), not by
// separate regular expressions over the sentence: those cost a tenth of tag().
const UNIT_WORDS = new Set(['units', 'chips', 'gpus', 'accelerators', 'processors', 'cards', 'servers']);
const MONEY_WORDS = new Set(['billion', 'million', 'bn', 'trillion']);
const SCALE_WORDS = new Set(['million', 'thousand', 'k']); // "2 million units": still counting
const CURRENCY_WORDS = new Set(['yuan', 'rmb', 'cny']);
const CJK_UNITS = '颗张片台部支块套';
const CJK_MONEY = /^[万亿]?(?:元|美元|人民币|港元)/u;
const stemCache = new Map<string, string>();

/**
 * The classifier's view of a sentence: Porter stems of English words (stop words out) and
 * pairs of neighbouring stems, character bigrams of Chinese runs (traditional characters
 * simplified first; no segmenter needed), coarse marks for numbers, money and percentages,
 * the tags whose cue words occur (tag-cues.ts), and each power figure's kind and magnitude,
 * so a chip's 700 W and a grid's 50 GW read differently.
 */
export function tagFeatures(sentence: string, figures: readonly FigureFeature[], opts: FeatureOptions = {}): string[] {
  const { bigrams = true, cues = true, simplify = true, models = true, quantities = true, cueCrosses = true } = opts;
  const text = simplify ? toSimplified(sentence) : sentence;
  const out: string[] = [];
  let prev = '';
  let afterNumber = false;
  const qty = { units: false, money: false };
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const t = m[0];
    const c = t.codePointAt(0) as number;
    if (c >= 0x3400 && c <= 0xfaff) {
      // TOKEN_RE's Chinese ranges are all in the BMP: one UTF-16 unit per character.
      if (t.length === 1) out.push(t);
      for (let i = 0; i + 1 < t.length; i++) out.push(t.slice(i, i + 2));
      if (afterNumber) chineseQuantity(t, qty);
      prev = '';
      afterNumber = false;
    } else if (c >= 0x30 && c <= 0x39) {
      out.push('#num');
      prev = '#num';
      afterNumber = true;
    } else if (t === '%') {
      out.push('#pct');
      prev = '#pct';
    } else if (t.length === 1 && '$€£¥￥'.includes(t)) {
      out.push('#money');
      prev = '#money';
    } else {
      const lower = t.toLowerCase().replace(/['’]s$/u, '');
      if (afterNumber) latinQuantity(lower, qty);
      else if (CURRENCY_WORDS.has(lower)) qty.money = true;
      afterNumber = afterNumber && SCALE_WORDS.has(lower);
      if (STOP.has(lower)) continue;
      const s = stem(lower);
      out.push(s);
      if (bigrams && prev) out.push(`${prev}_${s}`);
      prev = s;
    }
  }
  if (cues) {
    const cf = cueFeatures(text);
    out.push(...cf);
    if (cueCrosses) out.push(...crosses(cf));
  }
  if (models && MODEL_RE.test(text)) out.push('#model');
  if (quantities && qty.units) out.push('#qty:units');
  if (quantities && qty.money) out.push('#qty:money');
  for (const f of figures) out.push(`#${f.kind}`, `#${f.kind}:${magnitude(f)}`);
  return out;
}

/**
 * Every pair of cue groups present together ("#cue:partnership:deal&#cue:product:launch"):
 * a linear model cannot tell a deal word beside a launch word from either alone, and which
 * cues co-occur is much of what separates partnership, product and funding. Chosen by 5-fold
 * CV by page on the training side, three fold draws: tag-set F1 0.822/0.816/0.821 against
 * 0.814/0.810/0.818 without. Tag-level pairs, entity counts (organisation-like names, two
 * names around a deal word, money with round or period words, model codes beside launch
 * words) and their crosses with the cue marks were tried too and gained nothing.
 */
function crosses(cf: readonly string[]): string[] {
  const groups = cf.filter((c) => c.indexOf(':', 5) > 0);
  const out: string[] = [];
  for (let i = 0; i < groups.length; i++) for (let j = i + 1; j < groups.length; j++) out.push(`${groups[i]}&${groups[j]}`);
  return out;
}

function latinQuantity(lower: string, qty: { units: boolean; money: boolean }): void {
  if (UNIT_WORDS.has(lower)) qty.units = true;
  if (MONEY_WORDS.has(lower) || CURRENCY_WORDS.has(lower)) qty.money = true;
}

/** A Chinese run right after a number: a measure word for hardware (60万颗) or a currency (10亿元). */
function chineseQuantity(run: string, qty: { units: boolean; money: boolean }): void {
  const unit = '万亿千百'.includes(run.charAt(0)) ? run.charAt(1) : run.charAt(0);
  if (unit !== '' && CJK_UNITS.includes(unit)) qty.units = true;
  if (CJK_MONEY.test(run)) qty.money = true;
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
