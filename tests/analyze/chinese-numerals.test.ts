import { describe, expect, it } from 'vitest';
import { normalizeCjk, parseChineseNumeral } from '../../src/analyze/chinese-numerals.js';
import { parseNumberWords } from '../../src/analyze/number-words.js';

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
  ['digit by digit', '三七六', 376],
  ['digit by digit with a point', '八.一', 8.1],
  ['point and zero', '三.〇四', 3.04],
  ['Arabic sections joined by 万', '4万4,509.05', 44509.05],
  ['Arabic section too big for its place', '4万12345', null],
];

describe('parseChineseNumeral', () => {
  it.each(cases)('%s: %s', (_name, input, expected) => {
    expect(parseChineseNumeral(input)).toBe(expected);
  });
});

describe('normalizeCjk', () => {
  it('folds traditional and full-width forms one unit for one, so offsets stay put', () => {
    const text = '用電量７，４３４億千瓦時，增長８．６％';
    const norm = normalizeCjk(text);
    expect(norm).toBe('用电量7,434亿千瓦时,增長8.6％');
    expect(norm.length).toBe(text.length);
  });
  it('leaves other text alone', () => {
    expect(normalizeCjk('Huawei 昇腾 draws 700 W')).toBe('Huawei 昇腾 draws 700 W');
  });
});

const words: [string, string, number | null][] = [
  ['unit', 'two', 2],
  ['hyphenated tens', 'twenty-five', 25],
  ['hundreds and tens', 'one hundred twenty', 120],
  ['with and', 'three hundred and fifty', 350],
  ['a hundred', 'a hundred', 100],
  ['thousands', 'one thousand five hundred', 1500],
  ['two units in a row are no number', 'one two', null],
  ['two tens in a row are no number', 'twenty thirty', null],
];

describe('parseNumberWords', () => {
  it.each(words)('%s: %s', (_name, input, expected) => {
    expect(parseNumberWords(input)).toBe(expected);
  });
});
