const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** Characters a Chinese numeral is written with (simplified; see normalizeCjk for the rest). */
export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万亿';

/**
 * Traditional characters and full-width forms that figures are written with, mapped one
 * UTF-16 unit to one, so simplified and traditional text share one rule set and every
 * offset into the normalized text is an offset into the original.
 */
const FOLD: Record<string, string> = {
  億: '亿', 萬: '万', 兩: '两', 時: '时', 電: '电', 攝: '摄', 華: '华', 機: '机', 櫃: '柜', 單: '单', 個: '个', 臺: '台',
  '．': '.', '，': ',', '～': '~', '－': '-', '／': '/',
};
for (let d = 0; d <= 9; d++) FOLD[String.fromCharCode(0xff10 + d)] = String(d);
const FOLD_RE = new RegExp(`[${Object.keys(FOLD).join('')}]`, 'gu');

/** `text` with traditional and full-width forms folded (same length, same offsets). */
export function normalizeCjk(text: string): string {
  return text.replace(FOLD_RE, (c) => FOLD[c] as string);
}

/**
 * The value of a Chinese numeral such as 三千, 一千二百, 三万五千, 两亿, 十五; digit by digit
 * (三七六, 二〇二五) with a decimal point (八.一, 三.〇四); or Arabic sections joined by 万/亿
 * (4万4,509.05). Null when the string is not a well-formed numeral or holds no digit at all
 * (a bare 千 is a unit prefix in 千瓦, not the number 1000).
 */
export function parseChineseNumeral(s: string): number | null {
  if (s === '') return null;
  // Digit by digit, as years and the print edition of Taiwanese papers write numbers: 二〇二五, 六八三.七.
  const spelled = /^([零〇一二两三四五六七八九]+)(?:\.([零〇一二三四五六七八九]+))?$/u.exec(s);
  if (spelled && ((spelled[1] as string).length >= 2 || spelled[2] !== undefined)) {
    const int = Array.from(spelled[1] as string, (c) => DIGITS[c]).join('');
    const frac = spelled[2] === undefined ? '' : `.${Array.from(spelled[2], (c) => DIGITS[c]).join('')}`;
    return Number(int + frac);
  }
  if (/\d/u.test(s)) return arabicSections(s);
  if (!/[零〇一二两三四五六七八九十]/u.test(s)) return null;
  let total = 0; // completed 亿 / 万 sections
  let section = 0; // current section below 万
  let digit: number | null = null;
  for (const c of s) {
    if (c in DIGITS) {
      digit = DIGITS[c] as number;
    } else if (c in SMALL_UNITS) {
      // 十五 = 15: a unit with no digit before it counts once.
      section += (digit ?? 1) * (SMALL_UNITS[c] as number);
      digit = null;
    } else if (c in BIG_UNITS) {
      const big = BIG_UNITS[c] as number;
      let value = section + (digit ?? 0);
      if (value === 0 && total === 0) value = 1;
      // 万亿 = 1e12: a 亿 after a completed 万 section scales everything so far.
      total = big === 1e8 ? (total + value) * big : total + value * big;
      section = 0;
      digit = null;
    } else {
      return null;
    }
  }
  return total + section + (digit ?? 0);
}

/** "4万4,509.05" = 44509.05, "1亿2000万" = 120000000: Arabic numbers joined by 万/亿. */
function arabicSections(s: string): number | null {
  const m = /^(\d+)([万亿])([\d,]+(?:\.\d+)?)$/u.exec(s);
  if (!m) return null;
  const big = m[2] === '万' ? 1e4 : 1e8;
  const rest = Number((m[3] as string).replace(/,/g, ''));
  if (!Number.isFinite(rest) || rest >= big) return null;
  return Number(m[1]) * big + rest;
}
