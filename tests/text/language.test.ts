import { describe, expect, it } from 'vitest';
import { chooseLanguage, detectLanguage, primaryTag } from '../../src/text/language.js';

describe('language', () => {
  it.each([
    ['en-US', 'en'], ['zh-CN', 'zh'], ['zh_Hans', 'zh'], ['EN', 'en'], ['', ''], ['x', ''], ['fil-PH', 'fil'],
  ])('primaryTag(%j) = %j', (tag, want) => {
    expect(primaryTag(tag)).toBe(want);
  });

  it.each([
    { name: 'English prose', text: 'The company said that it was going to build a plant in the north of the country.', want: 'en' },
    { name: 'Chinese prose', text: '华为在年度大会上发布了昇腾芯片的三年路线图，目标是超越英伟达。', want: 'zh' },
    { name: 'Chinese with Latin product names', text: '摩尔线程发布MTT S4000显卡，沐曦和壁仞也推出了新品。', want: 'zh' },
    { name: 'Japanese', text: 'エヌビディアは新しいチップを発表しました。', want: 'ja' },
    { name: 'Korean', text: '엔비디아가 새로운 칩을 발표했다.', want: 'ko' },
    { name: 'Russian', text: 'Компания объявила о запуске нового завода.', want: 'ru' },
    { name: 'Latin, not English', text: 'Viver uma verdadeira experiência amorosa é um dos maiores prazeres da vida.', want: 'und' },
    { name: 'no letters', text: '12345 — 678', want: '' },
  ])('detectLanguage: $name', ({ text, want }) => {
    expect(detectLanguage(text)).toBe(want);
  });

  it.each([
    { name: 'declared wins for Latin text', declared: 'de', text: 'Das ist ein Text.', want: 'de' },
    { name: 'Chinese text overrides a template lang="en"', declared: 'en', text: '华为发布了新的芯片产品，寒武纪营收大幅增长。', want: 'zh' },
    { name: 'nothing declared, detected', declared: '', text: '华为发布了新的芯片产品。', want: 'zh' },
    { name: 'nothing at all', declared: '', text: '', want: 'und' },
  ])('chooseLanguage: $name', ({ declared, text, want }) => {
    expect(chooseLanguage(declared, text)).toBe(want);
  });
});
