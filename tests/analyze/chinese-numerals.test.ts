import { describe, expect, it } from 'vitest';
import { parseChineseNumeral } from '../../src/analyze/chinese-numerals.js';

const cases: [string, string, number | null][] = [
  ['single digit', '三', 3],
  ['ten alone', '十', 10],
  ['fifteen', '十五', 15],
  ['thirty-five', '三十五', 35],
  ['thousands', '三千', 3000],
  ['thousands and hundreds', '一千二百', 1200],
  ['with zero', '一千零五', 1005],
  ['ten-thousands', '三万五千', 35000],
  ['hundred-millions with 两', '两亿', 200000000],
  ['亿 and 万 sections', '三亿五千万', 350000000],
  ['万亿', '一万亿', 1000000000000],
  ['〇 as zero', '二〇二五', 2025],
  ['bare unit prefix is not a number', '千', null],
  ['bare 万 is not a number', '万', null],
  ['not a numeral', '三个', null],
  ['empty', '', null],
];

describe('parseChineseNumeral', () => {
  it.each(cases)('%s: %s', (_name, input, expected) => {
    expect(parseChineseNumeral(input)).toBe(expected);
  });
});
