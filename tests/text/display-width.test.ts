import { describe, expect, it } from 'vitest';
import { clipToWidth, displayWidth, padToWidth } from '../../src/text/display-width.js';

describe('displayWidth', () => {
  it.each([
    { name: 'empty', s: '', width: 0 },
    { name: 'ASCII', s: 'Moore Threads', width: 13 },
    { name: 'CJK ideographs count 2', s: '摩尔线程', width: 8 },
    { name: 'CJK punctuation and fullwidth forms count 2', s: '《沐曦》，ＧＰＵ', width: 16 },
    { name: 'halfwidth katakana count 1', s: 'ｶﾀｶﾅ', width: 4 },
    { name: 'Hangul syllables count 2', s: '화웨이', width: 6 },
    { name: 'Japanese kana count 2', s: 'ファーウェイ', width: 12 },
    { name: 'CJK extension B count 2', s: '𠀀𠀁', width: 4 },
    { name: 'mixed Latin and CJK', s: 'Huawei 昇腾 910C', width: 16 },
    { name: 'combining accent counts 0', s: 'e\u0301te\u0301', width: 3 },
    { name: 'precomposed accent counts 1', s: 'été', width: 3 },
    { name: 'zero-width space and soft hyphen count 0', s: 'a\u200bb\u00adc', width: 3 },
    { name: 'emoji count 2', s: '🚀', width: 2 },
    { name: 'emoji with variation selector counts 2', s: '❤️', width: 2 },
    { name: 'text-style symbol without selector counts 1', s: '❤', width: 1 },
    { name: 'joined emoji family is one glyph of 2', s: '👨‍👩‍👧', width: 2 },
    { name: 'flag (two regional indicators) is one glyph of 2', s: '🇨🇳', width: 2 },
    { name: 'emoji with skin tone is one glyph of 2', s: '👍🏽', width: 2 },
    { name: 'Greek and Cyrillic count 1', s: 'αβγ жз', width: 6 },
    { name: 'control characters count 0', s: 'a\tb\u0007', width: 2 },
  ])('$name', ({ s, width }) => {
    expect(displayWidth(s)).toBe(width);
  });
});

describe('clipToWidth', () => {
  it.each([
    { name: 'fits: unchanged', s: 'Biren', width: 5, want: 'Biren' },
    { name: 'ASCII cut with an ellipsis', s: 'Cambricon', width: 6, want: 'Cambr…' },
    { name: 'CJK cut on a character boundary', s: '寒武纪思元芯片', width: 7, want: '寒武纪…' },
    { name: 'a wide character straddling the edge is left out', s: '寒武纪思元芯片', width: 8, want: '寒武纪…' },
    { name: 'mixed text', s: 'Huawei 昇腾 910C', width: 10, want: 'Huawei 昇…' },
    { name: 'emoji kept whole', s: 'ok 👨‍👩‍👧 family', width: 6, want: 'ok 👨‍👩‍👧…' },
    { name: 'combining mark stays with its letter', s: 'e\u0301e\u0301e\u0301e\u0301', width: 3, want: 'e\u0301e\u0301…' },
    { name: 'width 1 leaves only the ellipsis', s: '摩尔线程', width: 1, want: '…' },
    { name: 'width 0 leaves nothing', s: 'abc', width: 0, want: '' },
    { name: 'custom ellipsis', s: 'abcdef', width: 5, ellipsis: '...', want: 'ab...' },
  ])('$name', ({ s, width, ellipsis, want }) => {
    const got = clipToWidth(s, width, ellipsis);
    expect(got).toBe(want);
    expect(displayWidth(got)).toBeLessThanOrEqual(width);
  });
});

describe('padToWidth', () => {
  it.each([
    { name: 'ASCII left', s: 'ab', width: 4, align: 'left' as const, want: 'ab  ' },
    { name: 'CJK left counts columns, not characters', s: '沐曦', width: 6, align: 'left' as const, want: '沐曦  ' },
    { name: 'right', s: '7', width: 3, align: 'right' as const, want: '  7' },
    { name: 'already wider: unchanged', s: '燧原科技', width: 4, align: 'left' as const, want: '燧原科技' },
  ])('$name', ({ s, width, align, want }) => {
    expect(padToWidth(s, width, align)).toBe(want);
  });
});
