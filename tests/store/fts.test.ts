import { describe, expect, it } from 'vitest';
import { ftsIndexText, toFtsQuery } from '../../src/store/fts.js';

describe('toFtsQuery', () => {
  const cases: Array<[name: string, input: string, expected: string | null]> = [
    ['one word', 'Huawei', '"Huawei"'],
    ['words must all match', 'Huawei Ascend', '("Huawei" AND "Ascend")'],
    ['a phrase', '"Ascend 910C"', '"Ascend 910C"'],
    ['an unbalanced quote takes the rest', 'Huawei "Ascend', '("Huawei" AND "Ascend")'],
    ['OR between terms', 'Biren OR Enflame', '("Biren" OR "Enflame")'],
    ['OR binds looser than AND', 'Huawei chip OR Nvidia', '(("Huawei" AND "chip") OR "Nvidia")'],
    ['a dangling OR is dropped', 'OR Huawei OR', '"Huawei"'],
    ['lower-case or is a word', 'this or that', '("this" AND "or" AND "that")'],
    ['exclusion', 'Huawei -Nvidia', '"Huawei" NOT ("Nvidia")'],
    ['prefix', 'Cambri*', '"Cambri" *'],
    ['FTS syntax is taken literally', 'NEAR(a b) AND title:x', '("NEAR(a" AND "b)" AND "AND" AND "title:x")'],
    ['quotes inside a word are doubled', 'a"b', '("a" AND "b")'],
    ['CJK is split into characters', '华为 昇腾', '("华 为" AND "昇 腾")'],
    ['mixed scripts', '摩尔线程MTT', '"摩 尔 线 程 MTT"'],
    ['only punctuation', '!!! ??? "" *', null],
    ['only exclusions', '-Nvidia', null],
    ['empty', '', null],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(toFtsQuery(input)).toBe(expected);
  });
});

describe('ftsIndexText', () => {
  it.each([
    ['latin text is unchanged', 'Huawei Ascend 910C', 'Huawei Ascend 910C'],
    ['each Han character is a token', '华为发布', ' 华  为  发  布 '],
    ['kana too', 'エヌビディア', ' エ  ヌ  ビ  デ  ィ  ア '],
  ])('%s', (_name, input, expected) => {
    expect(ftsIndexText(input)).toBe(expected);
  });
});
