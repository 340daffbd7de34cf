import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnalyzer } from '../../src/ingest/load-analyzer.js';
import { compileWatchlist } from '../../src/analyze/watchlist.js';

// Traditional-script company names (Taiwan and Hong Kong outlets) match the simplified
// aliases of config/entities.yaml, with offsets into the text as written; the reverse
// folding (simplified text read as traditional) is not done, so ordinary simplified words
// that OpenCC would write the same do not become mentions.
const analyzer = loadAnalyzer(join(import.meta.dirname, '..', '..', 'config'));
const found = (text: string) => analyzer.analyze(text).mentions.map((m) => [m.entity, text.slice(m.start, m.end)]);

describe('watch-list in traditional script', () => {
  it.each([
    ['Cambricon 寒武紀', '寒武紀公布第三季財報，營收大增。', [['cambricon', '寒武紀']]],
    ['Moore Threads 摩爾線程', '摩爾線程在科創板上市首日大漲。', [['moore-threads', '摩爾線程']]],
    ['Huawei 華爲 (爲 variant)', '華爲發布新款手機晶片。', [['huawei', '華爲']]],
    ['Huawei 華為 and Ascend 昇騰910C', '華為昇騰910C的產量將翻倍。', [['huawei', '華為'], ['huawei', '昇騰910C']]],
    ['Ascend 昇騰 alone', '昇騰晶片供不應求。', [['huawei', '昇騰']]],
    ['Nvidia 英偉達 (Hong Kong) with H20', '英偉達H20晶片在中國的出口許可。', [['nvidia', '英偉達'], ['nvidia', 'H20']]],
    ['Nvidia 輝達 (Taiwan)', '輝達市值再創新高。', [['nvidia', '輝達']]],
    ['MetaX 沐曦 and its product 曦雲', '沐曦推出曦雲C500。', [['metax', '沐曦'], ['metax', '曦雲C500']]],
    ['Biren 壁仞 and Enflame 燧原', '壁仞科技與燧原科技相繼遞交招股書。', [['biren', '壁仞科技'], ['enflame', '燧原科技']]],
    ['Moore Threads product with a traditional context word', 'MTT S4000顯卡', [['moore-threads', 'MTT S4000']]],
    ['mixed scripts in one sentence', '华为與輝達', [['huawei', '华为'], ['nvidia', '輝達']]],
    ['offsets after astral-plane text', '😀😀寒武紀', [['cambricon', '寒武紀']]],
  ])('%s', (_name, text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it.each([
    ['the Cambrian period in traditional script', '前寒武紀地層中的化石'],
    ['the Cambrian explosion', '寒武紀大爆發'],
    ['升華為 "sublimate into" in traditional script', '思想昇華為行動'],
    ['升腾 "soar" is not Ascend (昇 and 升 are not folded)', '火焰升腾，烟雾升騰'],
    ["Moore's law in traditional script", '摩爾定律正在放緩'],
  ])('no mention: %s', (_name, text) => {
    expect(found(text)).toEqual([]);
  });

  it('an alias written in traditional script matches only that script', () => {
    const w = compileWatchlist([{ id: 'x', name: 'X', aliases: [{ text: '華為', case: 'insensitive', requiresContext: null, product: false }], exclude: [] }]);
    const whole = (): [number, number] => [0, 100];
    expect(w.find('華為', whole).map((h) => h.alias)).toEqual(['華為']);
    expect(w.find('华为', whole)).toEqual([]);
  });
});
