import type { PowerKind } from '../model.js';
import { CHINESE_NUMERAL_CHARS, parseChineseNumeral } from './chinese-numerals.js';

/** A power or energy figure before sentence numbering. `text === source.slice(start, end)`. */
export interface FigureHit {
  text: string;
  value: number;
  unit: string;
  kind: PowerKind;
  si: number;
  start: number;
  end: number;
}

/** Normalized units: the power of ten over W or Wh, and the kind. */
const UNITS: Record<string, { exp: number; kind: PowerKind }> = {
  W: { exp: 0, kind: 'power' }, kW: { exp: 3, kind: 'power' }, MW: { exp: 6, kind: 'power' }, GW: { exp: 9, kind: 'power' }, TW: { exp: 12, kind: 'power' },
  Wh: { exp: 0, kind: 'energy' }, kWh: { exp: 3, kind: 'energy' }, MWh: { exp: 6, kind: 'energy' }, GWh: { exp: 9, kind: 'energy' }, TWh: { exp: 12, kind: 'energy' },
};
const PREFIX_BY_WORD: Record<string, string> = { '': '', kilo: 'k', mega: 'M', giga: 'G', tera: 'T' };
const PREFIX_BY_LETTER: Record<string, string> = { k: 'k', m: 'M', g: 'G', t: 'T' };

const WORD_MULTIPLIERS: Record<string, number> = { hundred: 2, thousand: 3, million: 6, mn: 6, mln: 6, billion: 9, bn: 9, trillion: 12 };
const WORD_NUMBERS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100,
};
const CJK_MULTIPLIERS: Record<string, number> = { 十万: 5, 百万: 6, 千万: 7, 亿: 8, 十亿: 9, 百亿: 10, 千亿: 11, 万亿: 12, 万: 4 };
const CJK_UNITS: Record<string, string> = {
  瓦: 'W', 瓦特: 'W', 千瓦: 'kW', 兆瓦: 'MW', 吉瓦: 'GW', 太瓦: 'TW',
  瓦时: 'Wh', 千瓦时: 'kWh', 千瓦小时: 'kWh', '千瓦·时': 'kWh', 兆瓦时: 'MWh', 吉瓦时: 'GWh', 太瓦时: 'TWh', 度: 'kWh',
};

const alt = (keys: string[]): string => [...keys].sort((a, b) => b.length - a.length).join('|');

// ---- English and symbols ----------------------------------------------------------------
// Spaces inside a figure are spaces and tabs only: a figure never runs across a paragraph ("\n").
const NUM = '\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|\\.\\d+';
const WORDNUM = alt(Object.keys(WORD_NUMBERS));
const MULT = alt(Object.keys(WORD_MULTIPLIERS));
// Explicit ranges, not \\p{Script=Latin}: the property class costs ~10 ms to compile.
const LATIN = '[0-9A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F]';
const SYMBOL = '[kKmMgGtT]?[wW](?:[hH]|p|e)?';
const WORD_UNIT = '(?:kilo|mega|giga|tera)?watts?(?:[-\\t \\u00a0]?hours?)?';
/** Densities and rates per length, area or mass are not figures: "0.5 W/mm²", "300 Wh/kg". */
const DENSITY = `(?![\\t \\u00a0]*(?:\\/|per[\\t \\u00a0]+)(?:mm|cm|m|km|in|ft|kg|g|lb|sq|square|cubic|kilogram|gram|pound)(?!\\p{L}))`;

const EN_RE = new RegExp(
  // Starts with a digit, a dot or a letter (the look-ahead lets the engine skip other
  // characters quickly); not inside a word or number, and not money ("$2.5 billion", "€ 5").
  `(?=[\\d.a-zA-Z])(?<!${LATIN}|[.,]|[$€£¥￥]\\s?)` +
    `(?<n1>${NUM}|(?:${WORDNUM})(?!${LATIN}))(?:[\\t \\u00a0-]*(?<m1>${MULT})(?!${LATIN}))?` +
    `(?:[\\t \\u00a0]*(?<sep>-|–|—|~|to|and)[\\t \\u00a0]*(?<n2>${NUM})(?:[\\t \\u00a0-]*(?<m2>${MULT})(?!${LATIN}))?)?` +
    `(?:[\\t \\u00a0]*-[\\t \\u00a0]*|[\\t \\u00a0]*)(?<unit>${WORD_UNIT}|${SYMBOL})(?!${LATIN})${DENSITY}`,
  'giu',
);

const STREET_AFTER_RE = /^\.?[\t \u00a0]+(?:\d+(?:st|nd|rd|th)\b|(?:[A-Z][a-z]+[\t \u00a0]+){1,3}(?:Road|Rd|Street|St|Avenue|Ave|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct|Highway|Hwy|Place|Pl|Parkway|Pkwy)\b)/u;

// ---- Chinese ----------------------------------------------------------------------------
const CJK_NUM = `\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|[${CHINESE_NUMERAL_CHARS}]+?`;
const CJK_RE = new RegExp(
  // Not mid-number, not an ordinal (第三), not vague (数百万, 几千, 每千瓦).
  `(?=[\\d${CHINESE_NUMERAL_CHARS}])(?<![\\d.,${CHINESE_NUMERAL_CHARS}数几多余每第])` +
    `(?<n1>${CJK_NUM})[\\t \\u00a0]*(?<m1>${alt(Object.keys(CJK_MULTIPLIERS))})?` +
    `(?:[\\t \\u00a0]*(?<sep>-|–|—|~|～|至|到)[\\t \\u00a0]*(?<n2>${CJK_NUM})[\\t \\u00a0]*(?<m2>${alt(Object.keys(CJK_MULTIPLIERS))})?)?` +
    // 瓦 is not a unit in 瓦解 (collapse), 瓦片 (tile), 瓦斯 (gas)...
    `[\\t \\u00a0]*(?<unit>${alt(Object.keys(CJK_UNITS))})(?![解片房砾斯罐])`,
  'gu',
);
/** 度 is kWh only with a 万/亿 multiplier or near 电 ("3000度电", "用电量达3000度"); else degrees, 一度 (once)... */
const ELECTRICITY_NEAR = /电/u;

/** Every power/energy figure in `text`, left to right. Ranges give two figures sharing one span. */
export function findPowerFigures(text: string): FigureHit[] {
  const hits: FigureHit[] = [];
  if (/[wW]/.test(text)) scan(EN_RE, text, hits, englishFigure);
  if (/[瓦度]/u.test(text)) scan(CJK_RE, text, hits, chineseFigure);
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  // The two scans do not overlap by construction, but keep the invariant cheap and explicit.
  const out: FigureHit[] = [];
  let lastEnd = -1;
  let lastStart = -1;
  for (const h of hits) {
    if (h.start < lastEnd && h.start !== lastStart) continue;
    out.push(h);
    lastEnd = Math.max(lastEnd, h.end);
    lastStart = h.start;
  }
  return out;
}

type Build = (m: RegExpExecArray, text: string) => FigureHit[] | null;

function scan(re: RegExp, text: string, hits: FigureHit[], build: Build): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const figures = build(m, text);
    if (figures === null) {
      // Rejected: look again one character on, so a figure inside the rejected span is not lost.
      re.lastIndex = m.index + 1;
      continue;
    }
    hits.push(...figures);
  }
}

function englishFigure(m: RegExpExecArray, text: string): FigureHit[] | null {
  const g = m.groups as Record<string, string | undefined>;
  const unitText = g.unit as string;
  const unit = englishUnit(unitText, m[0].length > unitText.length && /\s$/u.test(m[0].slice(0, m[0].length - unitText.length)));
  if (unit === null) return null;
  // "3170 W. County Road 600S", "12 W 5th St": a street address, not watts.
  if (unitText === 'W' && STREET_AFTER_RE.test(text.slice(m.index + m[0].length, m.index + m[0].length + 60))) return null;
  // "a"/"an" is a number only before a multiplier: "a billion kWh", not "a watt".
  if (/^an?$/iu.test(g.n1 as string) && g.m1 === undefined && g.m2 === undefined) return null;
  const start = m.index;
  const end = m.index + m[0].length;
  if (g.n2 === undefined) {
    const value = englishNumber(g.n1 as string, g.m1);
    return value === null ? null : [figure(text, start, end, value, unit)];
  }
  // "1-2 billion kWh": a multiplier after the second number applies to the first too.
  const first = englishNumber(g.n1 as string, g.m1 ?? g.m2);
  const second = englishNumber(g.n2, g.m2 ?? g.m1);
  if (first === null || second === null) return null;
  // "5 and 10 W" is a range only after "between"; otherwise only the second number is a figure.
  if (g.sep?.toLowerCase() === 'and' && !/between\s+$/iu.test(text.slice(Math.max(0, start - 12), start))) {
    const and = /and/iu.exec(m[0]) as RegExpExecArray;
    const n2Start = start + m[0].indexOf(g.n2, and.index + 3);
    return [figure(text, n2Start, end, second, unit)];
  }
  return [figure(text, start, end, first, unit), figure(text, start, end, second, unit)];
}

/** "kW", "KW", "kwh", "MWh", "megawatts", "kilowatt-hours" → a normalized unit; null for mW (milliwatt) and such. */
function englishUnit(raw: string, spaced: boolean): string | null {
  const word = /^(kilo|mega|giga|tera)?watts?([-\s]?hours?)?$/iu.exec(raw);
  if (word) return `${PREFIX_BY_WORD[(word[1] ?? '').toLowerCase()]}W${word[2] ? 'h' : ''}`;
  const sym = /^([kKmMgGtT]?)([wW])([hHpe]?)$/u.exec(raw);
  if (!sym) return null;
  const [, prefix = '', w, suffix = ''] = sym;
  // SI: "mW" is a milliwatt, outside this vocabulary; "mw"/"MW"/"Mw" in the wild mean megawatts.
  if (prefix === 'm' && w === 'W') return null;
  // A bare lower-case "w" only right after the number ("600w"), never "5 w".
  if (prefix === '' && w === 'w' && spaced) return null;
  const energy = suffix === 'h' || suffix === 'H';
  return `${prefix === '' ? '' : PREFIX_BY_LETTER[prefix.toLowerCase()]}W${energy ? 'h' : ''}`;
}

function englishNumber(raw: string, mult: string | undefined): number | null {
  const word = WORD_NUMBERS[raw.toLowerCase()];
  const base = word !== undefined ? String(word) : raw.replace(/,/g, '');
  const exp = mult === undefined ? 0 : WORD_MULTIPLIERS[mult.toLowerCase()] ?? 0;
  const n = scale(Number(base), exp);
  return Number.isFinite(n) ? n : null;
}

function chineseFigure(m: RegExpExecArray, text: string): FigureHit[] | null {
  const g = m.groups as Record<string, string | undefined>;
  const unitText = g.unit as string;
  const unit = CJK_UNITS[unitText] as string;
  const start = m.index;
  const end = m.index + m[0].length;
  if (unitText === '度') {
    const hasMultiplier = g.m1 !== undefined || g.m2 !== undefined;
    const arabic = /^[\d.,]+$/u.test(g.n1 as string);
    const near = text.slice(Math.max(0, start - 12), Math.min(text.length, end + 2));
    if (!hasMultiplier && !(arabic && ELECTRICITY_NEAR.test(near))) return null;
  }
  const first = chineseNumber(g.n1 as string, g.m1 ?? (g.n2 !== undefined ? g.m2 : undefined));
  if (first === null) return null;
  if (g.n2 === undefined) return [figure(text, start, end, first, unit)];
  const second = chineseNumber(g.n2, g.m2 ?? g.m1);
  if (second === null) return null;
  return [figure(text, start, end, first, unit), figure(text, start, end, second, unit)];
}

function chineseNumber(raw: string, mult: string | undefined): number | null {
  const exp = mult === undefined ? 0 : CJK_MULTIPLIERS[mult] ?? 0;
  const n = /^[\d.,]+$/u.test(raw) ? Number(raw.replace(/,/g, '')) : parseChineseNumeral(raw);
  if (n === null || !Number.isFinite(n)) return null;
  return scale(n, exp);
}

function figure(text: string, start: number, end: number, value: number, unit: string): FigureHit {
  const u = UNITS[unit] as { exp: number; kind: PowerKind };
  return { text: text.slice(start, end), value, unit, kind: u.kind, si: scale(value, u.exp), start, end };
}

/** x·10^exp computed in decimal, so 1.2万 is exactly 12000 and 1.5 GW exactly 1.5e9 W. */
function scale(x: number, exp: number): number {
  if (exp === 0 || x === 0) return x;
  if (Number.isInteger(x) && exp > 0 && Math.abs(x) < 1e6) return x * 10 ** exp;
  const [mantissa, e] = x.toExponential().split('e') as [string, string];
  return Number(`${mantissa}e${Number(e) + exp}`);
}
