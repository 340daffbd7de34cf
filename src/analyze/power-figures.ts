import type { PowerKind } from '../model.js';
import { CHINESE_NUMERAL_CHARS, normalizeCjk, parseChineseNumeral } from './chinese-numerals.js';
import { denominatorAfter, denominatorBefore, moneyBefore, physicalDensityAfter, temperatureDegree } from './figure-context.js';
import { NUMBER_WORDS, parseNumberWords } from './number-words.js';

/**
 * A power or energy figure before sentence numbering. `text === source.slice(start, end)`.
 * A range is one figure: `value`/`si` its lower end, `max`/`siMax` its upper end.
 */
export interface FigureHit {
  text: string;
  value: number;
  unit: string;
  kind: PowerKind;
  si: number;
  start: number;
  end: number;
  max?: number;
  siMax?: number;
  orMore?: true;
  per?: string;
}

/** Normalized units: the power of ten over W or Wh, and the kind. */
const UNITS: Record<string, { exp: number; kind: PowerKind }> = {
  W: { exp: 0, kind: 'power' }, kW: { exp: 3, kind: 'power' }, MW: { exp: 6, kind: 'power' }, GW: { exp: 9, kind: 'power' }, TW: { exp: 12, kind: 'power' },
  Wh: { exp: 0, kind: 'energy' }, kWh: { exp: 3, kind: 'energy' }, MWh: { exp: 6, kind: 'energy' }, GWh: { exp: 9, kind: 'energy' }, TWh: { exp: 12, kind: 'energy' },
};
const PREFIX_BY_WORD: Record<string, string> = { '': '', kilo: 'k', mega: 'M', giga: 'G', tera: 'T' };
const PREFIX_BY_LETTER: Record<string, string> = { k: 'k', m: 'M', g: 'G', t: 'T' };

const WORD_MULTIPLIERS: Record<string, number> = { hundred: 2, thousand: 3, million: 6, mill: 6, mn: 6, mln: 6, billion: 9, bill: 9, bn: 9, trillion: 12 };
const CJK_MULTIPLIERS: Record<string, number> = { 十万: 5, 百万: 6, 千万: 7, 亿: 8, 十亿: 9, 百亿: 10, 千亿: 11, 万亿: 12, 万: 4 };
/** Chinese units, and Latin symbols after a Chinese numeral (三GW, 三七六MW) or a 万/亿 multiplier. */
const CJK_UNITS: Record<string, string> = {
  瓦: 'W', 瓦特: 'W', 千瓦: 'kW', 兆瓦: 'MW', 吉瓦: 'GW', 太瓦: 'TW', 瓩: 'kW', 千瓩: 'MW',
  瓦时: 'Wh', 千瓦时: 'kWh', 千瓦小时: 'kWh', '千瓦·时': 'kWh', 兆瓦时: 'MWh', 吉瓦时: 'GWh', 太瓦时: 'TWh', 度: 'kWh',
  W: 'W', kW: 'kW', KW: 'kW', MW: 'MW', GW: 'GW', TW: 'TW', Wh: 'Wh', kWh: 'kWh', KWh: 'kWh', MWh: 'MWh', GWh: 'GWh', TWh: 'TWh',
};

const alt = (keys: string[]): string => [...keys].sort((a, b) => b.length - a.length).join('|');

// ---- English and symbols ----------------------------------------------------------------
// Spaces inside a figure are spaces and tabs only: a figure never runs across a paragraph ("\n").
const SP = '[\\t \\u00a0]';
// Thousands grouped by commas or by spaces ("355 000 MW"), plain, or a bare fraction.
const NUM = `\\d{1,3}(?:[ \\u00a0\\u202f]\\d{3})+(?![\\d,])(?:\\.\\d+)?|\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|\\.\\d+`;
const MULT = alt(Object.keys(WORD_MULTIPLIERS));
// Explicit ranges, not \\p{Script=Latin}: the property class costs ~10 ms to compile.
const LATIN = '[0-9A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F]';
const SYMBOL = '[kKmMgGtT]?[wW](?:[hH]|p|e)?';
const WORD_UNIT = '(?:kilo|mega|giga|tera)?watts?(?:[-\\t \\u00a0]?hours?)?';
const UNIT = `(?:${WORD_UNIT}|${SYMBOL})(?!${LATIN})`;
const EN_NUMBER = (g: string): string => `(?<${g}>${NUM}|${NUMBER_WORDS}(?!${LATIN}))`;
const EN_MULT = (g: string): string => `(?:${SP}*-?${SP}*(?<${g}>${MULT})\\.?(?!${LATIN}))?`;
const SEP = '-|–|—|~|～|to|and|至|到';

const EN_RE = new RegExp(
  // Starts with a digit, a dot or a letter (the look-ahead lets the engine skip other
  // characters quickly); not inside a word or number, and not money ("$2.5 billion", "€ 5").
  `(?=[\\d.a-zA-Z])(?<!${LATIN}|\\d[.,]|\\.|[$€£¥￥]\\s?)${EN_NUMBER('n1')}${EN_MULT('m1')}` +
    // A range: "50-100 MW", "between 1 and 2 GW", "800 MW-1 GW", "30-100+ kW".
    `(?:(?:${SP}*(?<u1>${UNIT}))?${SP}*(?<sep>${SEP})${SP}*${EN_NUMBER('n2')}${EN_MULT('m2')})?` +
    `(?<plus1>\\+)?(?:${SP}*-${SP}*|${SP}*)(?<unit>${UNIT})(?<plus2>\\+)?`,
  'giu',
);

const STREET_AFTER_RE = /^\.?[\t \u00a0]+(?:\d+(?:st|nd|rd|th)\b|(?:[A-Z][a-z]+[\t \u00a0]+){1,3}(?:Road|Rd|Street|St|Avenue|Ave|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct|Highway|Hwy|Place|Pl|Parkway|Pkwy)\b)/u;

// ---- Chinese (on text with traditional and full-width forms folded) -----------------------
const CN_DIGIT = '零〇一二两三四五六七八九';
const CJK_NUM =
  `\\d+[万亿](?:\\d{1,3}(?:,\\d{3})+|\\d{1,4})(?:\\.\\d+)?|\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?` +
  `|[${CN_DIGIT}]+\\.[${CN_DIGIT}]+|[${CHINESE_NUMERAL_CHARS}]+?`;
const CJK_MULT = alt(Object.keys(CJK_MULTIPLIERS));
const CJK_UNIT = `(?:${alt(Object.keys(CJK_UNITS).map((u) => u.replace('·', '\\u00b7')))})`;
const CJK_RE = new RegExp(
  // Not mid-number, not an ordinal (第三), not vague (数百万, 几千, 每千瓦).
  `(?=[\\d${CHINESE_NUMERAL_CHARS}])(?<![\\d.${CHINESE_NUMERAL_CHARS}数几多余每第A-Za-z]|\\d,)` +
    `(?<n1>${CJK_NUM})${SP}*(?<m1>${CJK_MULT})?` +
    `(?:${SP}*(?<u1>${CJK_UNIT}))?` +
    `(?:${SP}*(?<sep>-|–|—|~|至|到)${SP}*(?<n2>${CJK_NUM})${SP}*(?<m2>${CJK_MULT})?)?` +
    // 瓦 is not a unit in 瓦解 (collapse), 瓦片 (tile), 瓦斯 (gas)...
    `${SP}*(?<unit>${CJK_UNIT})(?![解片房砾斯罐A-Za-z])`,
  'gu',
);

/** Every power/energy figure in `text`, left to right; overlapping candidates keep the first. */
export function findPowerFigures(text: string): FigureHit[] {
  const norm = normalizeCjk(text);
  const hits: FigureHit[] = [];
  if (/[wW]/.test(norm)) scan(EN_RE, text, norm, hits, englishFigure);
  if (/[瓦度瓩]|[\u0080-\uffff][\t \u00a0]*[kKMGT]?W/u.test(norm)) scan(CJK_RE, text, norm, hits, chineseFigure);
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: FigureHit[] = [];
  for (const h of hits) {
    const prev = out[out.length - 1];
    if (prev && h.start < prev.end) continue;
    // "from 8 kW to 17 kW per rack": the denominator belongs to both ends.
    if (prev && h.per !== undefined && prev.per === undefined && prev.kind === h.kind && /^[\t \u00a0]*(?:to|-|–|至|到)[\t \u00a0]*$/u.test(text.slice(prev.end, h.start))) {
      prev.per = h.per;
    }
    out.push(h);
  }
  return out;
}

type Build = (m: RegExpExecArray, text: string, norm: string) => FigureHit[] | null;

function scan(re: RegExp, text: string, norm: string, hits: FigureHit[], build: Build): void {
  re.lastIndex = 0;
  for (let m = re.exec(norm); m !== null; m = re.exec(norm)) {
    const figures = build(m, text, norm);
    if (figures === null) {
      // Rejected: look again one character on, so a figure inside the rejected span is not lost.
      re.lastIndex = m.index + 1;
      continue;
    }
    hits.push(...figures);
    // A match may stand for less than it spans ("5 kWh and 3 kW": two kinds, one figure): look on right after.
    const last = figures[figures.length - 1];
    if (last && last.end < m.index + m[0].length) re.lastIndex = last.end;
  }
}

interface Parts {
  first: number;
  second?: number;
  unit1: string;
  unit: string;
  sep?: string;
  plus: boolean;
}

function englishFigure(m: RegExpExecArray, text: string, norm: string): FigureHit[] | null {
  const g = m.groups as Record<string, string | undefined>;
  const unitText = g.unit as string;
  const unit = englishUnit(unitText, /\s$/u.test(m[0].slice(0, m[0].length - unitText.length - (g.plus2 ? 1 : 0))));
  if (unit === null) return null;
  const end = m.index + m[0].length;
  // "3170 W. County Road 600S", "12 W 5th St": a street address, not watts.
  if (unitText === 'W' && STREET_AFTER_RE.test(norm.slice(end, end + 60))) return null;
  if (physicalDensityAfter(norm.slice(end, end + 24))) return null;
  // "a"/"an" is the number one before a multiplier ("a billion kWh") or a prefixed unit
  // ("a gigawatt", "a GW"), never before a bare "W" (a letter) or after money ("cents a kWh").
  if (/^an?$/iu.test(g.n1 as string) && g.m1 === undefined && g.m2 === undefined) {
    if (/^W/u.test(unit) || moneyBefore(norm.slice(Math.max(0, m.index - 20), m.index))) return null;
  }
  const first = englishNumber(g.n1 as string, g.m1 ?? (g.n2 !== undefined && g.u1 === undefined ? g.m2 : undefined));
  if (first === null) return null;
  if (g.n2 === undefined) return build(m, text, norm, { first, unit1: unit, unit, plus: g.plus1 !== undefined || g.plus2 !== undefined });
  const second = englishNumber(g.n2, g.m2 ?? (g.u1 === undefined ? g.m1 : undefined));
  const unit1 = g.u1 === undefined ? unit : englishUnit(g.u1, true);
  if (second === null || unit1 === null) return null;
  if (UNITS[unit1]?.kind !== UNITS[unit]?.kind) {
    // "100 bill. kWh and 81 mill. kW": two figures of different kinds; this match keeps the first.
    return [figure(text, m.index, spans(m).u1End, first, unit1)];
  }
  return build(m, text, norm, { first, second, unit1, unit, sep: (g.sep as string).toLowerCase(), plus: g.plus1 !== undefined || g.plus2 !== undefined });
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
  const n = /^[\d.]/u.test(raw) ? Number(raw.replace(/[,\s\u202f]/gu, '')) : parseNumberWords(raw);
  if (n === null) return null;
  const exp = mult === undefined ? 0 : WORD_MULTIPLIERS[mult.toLowerCase()] ?? 0;
  const v = scale(n, exp);
  return Number.isFinite(v) ? v : null;
}

function chineseFigure(m: RegExpExecArray, text: string, norm: string): FigureHit[] | null {
  const g = m.groups as Record<string, string | undefined>;
  const unitText = g.unit as string;
  const unit = CJK_UNITS[unitText] as string;
  const start = m.index;
  const end = m.index + m[0].length;
  const arabic = (s: string | undefined): boolean => s === undefined || /^[\d.,]+$/u.test(s);
  const hasMultiplier = g.m1 !== undefined || g.m2 !== undefined;
  // Arabic digits before a Latin symbol are the English scanner's ("300MW").
  if (/^[A-Za-z]/u.test(unitText) && !hasMultiplier && arabic(g.n1) && arabic(g.n2)) return null;
  if (unitText === '度' && !degreeIsEnergy(g, norm, start, end, hasMultiplier)) return null;
  const unit1 = g.u1 === undefined ? unit : (CJK_UNITS[g.u1] as string);
  if (g.u1 !== undefined && g.n2 === undefined) return null;
  const first = chineseNumber(g.n1 as string, g.m1 ?? (g.n2 !== undefined && g.u1 === undefined ? g.m2 : undefined));
  if (first === null || UNITS[unit1]?.kind !== UNITS[unit]?.kind) return null;
  if (g.n2 === undefined) return build(m, text, norm, { first, unit1: unit, unit, plus: false });
  const second = chineseNumber(g.n2, g.m2 ?? (g.u1 === undefined ? g.m1 : undefined));
  if (second === null) return null;
  return build(m, text, norm, { first, second, unit1, unit, sep: g.sep as string, plus: false });
}

/** 度 is kWh with a 万/亿 multiplier, near 电 ("3000度电", "用电量达3000度"), or as 一度电; else a degree or "once". */
function degreeIsEnergy(g: Record<string, string | undefined>, norm: string, start: number, end: number, hasMultiplier: boolean): boolean {
  if (temperatureDegree(norm.slice(Math.max(0, start - 4), start), norm.slice(end, end + 4))) return false;
  if (hasMultiplier) return true;
  if (/^[\d.,]+$/u.test(g.n1 as string)) return /电/u.test(norm.slice(Math.max(0, start - 12), Math.min(norm.length, end + 2)));
  return norm[end] === '电';
}

function chineseNumber(raw: string, mult: string | undefined): number | null {
  const exp = mult === undefined ? 0 : CJK_MULTIPLIERS[mult] ?? 0;
  const n = /^[\d.,]+$/u.test(raw) ? Number(raw.replace(/,/g, '')) : parseChineseNumeral(raw);
  if (n === null || !Number.isFinite(n)) return null;
  return scale(n, exp);
}

/**
 * The figure(s) a match stands for. Two numbers are one range unless the words say
 * otherwise: "from X to Y" (not "from X-Y") and "X GW to Y GW" are a change (two figures), "X and Y"
 * without "between" names two things, "~" between two figures with units means "about"
 * ("10.2 kW ~120 kW"), and a "range" whose
 * ends are reversed ("2023 to 50 GW") is a year or count before one figure.
 */
function build(m: RegExpExecArray, text: string, norm: string, p: Parts): FigureHit[] {
  const g = m.groups as Record<string, string | undefined>;
  const start = m.index;
  let end = m.index + m[0].length;
  const den = denominatorAfter(norm.slice(end, end + 24));
  end += den.length;
  const per = den.per ?? denominatorBefore(norm.slice(Math.max(0, start - 16), start));
  const extra = (f: FigureHit): FigureHit => {
    if (per !== undefined) f.per = per;
    return f;
  };
  if (p.second === undefined) {
    const f = extra(figure(text, start, end, p.first, p.unit));
    if (p.plus) f.orMore = true;
    return [f];
  }
  const before = norm.slice(Math.max(0, start - 12), start);
  const firstSi = scale(p.first, (UNITS[p.unit1] as { exp: number }).exp);
  const secondSi = scale(p.second, (UNITS[p.unit] as { exp: number }).exp);
  const separate =
    (p.sep === 'and' && !/between\s+$/iu.test(before)) ||
    (/from\s+$/iu.test(before) && (p.sep === 'to' || p.sep === '至' || p.sep === '到')) ||
    (g.u1 !== undefined && (p.sep === '~' || (p.sep === 'to' && !/between\s+$/iu.test(before)))) ||
    firstSi > secondSi;
  if (separate) {
    const at = spans(m);
    const second = extra(figure(text, at.n2Start, end, p.second, p.unit));
    // Without a unit of its own, the first number is a figure only in "from X to Y unit".
    if (g.u1 === undefined && (p.sep === 'and' || firstSi > secondSi || !/from\s+$/iu.test(before))) return [second];
    return [figure(text, start, g.u1 !== undefined ? at.u1End : at.numberEnd, p.first, p.unit1), second];
  }
  // One range, reported in the lower end's unit ("800 MW-1 GW" → 800 MW, max 1000).
  const f = extra(figure(text, start, end, p.first, p.unit1));
  f.max = scale(p.second, (UNITS[p.unit] as { exp: number }).exp - (UNITS[p.unit1] as { exp: number }).exp);
  f.siMax = secondSi;
  if (p.plus) f.orMore = true;
  return [f];
}

/**
 * Where the first number (with its multiplier), the first unit and the second number lie,
 * found from the groups' text in match order: cheaper than the RegExp "d" flag, which
 * costs on every match and is needed only for the rare split range.
 */
function spans(m: RegExpExecArray): { numberEnd: number; u1End: number; n2Start: number } {
  const g = m.groups as Record<string, string | undefined>;
  const s = m[0];
  let at = (g.n1 as string).length;
  if (g.m1 !== undefined) at = s.indexOf(g.m1, at) + g.m1.length;
  const numberEnd = m.index + at;
  if (g.u1 !== undefined) at = s.indexOf(g.u1, at) + g.u1.length;
  const u1End = m.index + at;
  if (g.sep !== undefined) at = s.indexOf(g.sep, at) + g.sep.length;
  const n2Start = m.index + (g.n2 === undefined ? at : s.indexOf(g.n2, at));
  return { numberEnd, u1End, n2Start };
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
