const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** Characters a Chinese numeral is written with. */
export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万亿';

/**
 * The value of a Chinese numeral such as 三千, 一千二百, 三万五千, 两亿, 十五; null when the
 * string is not a well-formed numeral or holds no digit at all (a bare 千 is a unit prefix
 * in 千瓦, not the number 1000).
 */
export function parseChineseNumeral(s: string): number | null {
  if (s === '' || !/[零〇一二两三四五六七八九十]/u.test(s)) return null;
  // Digit by digit, as years are written: 二〇二五 = 2025.
  if (/^[零〇一二两三四五六七八九]{2,}$/u.test(s)) return Number(Array.from(s, (c) => DIGITS[c]).join(''));
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
