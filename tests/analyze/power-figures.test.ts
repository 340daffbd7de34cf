import { describe, expect, it } from 'vitest';
import { findPowerFigures, type FigureHit } from '../../src/analyze/power-figures.js';

/** [name, text, expected figures as [text, si, extras?]] — extras: max/siMax/orMore/per when present. */
type Case = [string, string, [string, number, Partial<Pick<FigureHit, 'max' | 'siMax' | 'orMore' | 'per'>>?][]];

const summary = (text: string) =>
  findPowerFigures(text).map((f) => {
    expect(text.slice(f.start, f.end)).toBe(f.text);
    expect(f.kind).toBe(f.unit.endsWith('h') ? 'energy' : 'power');
    const extras = Object.fromEntries(Object.entries({ max: f.max, siMax: f.siMax, orMore: f.orMore, per: f.per }).filter(([, v]) => v !== undefined));
    return Object.keys(extras).length > 0 ? [f.text, f.si, extras] : [f.text, f.si];
  });

const families: Record<string, Case[]> = {
  'traditional Chinese script (one rule set with simplified)': [
    ['億千瓦時', '全社會用電量7,434億千瓦時,按年增長8.6%。', [['7,434億千瓦時', 7.434e14]]],
    ['萬億千瓦時', '累計1.56萬億千瓦時。', [['1.56萬億千瓦時', 1.56e15]]],
    ['億度 (kWh)', '每部機預計每年可發電50億度。', [['50億度', 5e12]]],
    ['萬瓩 (Taiwan kW)', '最高用電3050.0萬瓩,備轉容量189.1萬瓩。', [['3050.0萬瓩', 3.05e10], ['189.1萬瓩', 1.891e9]]],
    ['千瓩 is MW', '總裝置容量為4萬4,509.05千瓩。', [['4萬4,509.05千瓩', 4.450905e10]]],
    ['太瓦時', '數據中心將需要945太瓦時。', [['945太瓦時', 9.45e14]]],
    ['full-width digits and point', '光電發電約６８３．７萬瓩。', [['６８３．７萬瓩', 6.837e9]]],
    ['simplified and traditional agree', '装机容量1.2万千瓦 / 裝機容量1.2萬千瓦', [['1.2万千瓦', 1.2e7], ['1.2萬千瓦', 1.2e7]]],
  ],
  'Chinese numerals': [
    ['三十亿千瓦时', '年发电量三十亿千瓦时。', [['三十亿千瓦时', 3e12]]],
    ['两千万千瓦', '新增装机两千万千瓦。', [['两千万千瓦', 2e10]]],
    ['一百二十兆瓦', '一期规模一百二十兆瓦。', [['一百二十兆瓦', 1.2e8]]],
    ['digit by digit with a Latin unit', '裝置容量達三七六MW。', [['三七六MW', 3.76e8]]],
    ['digit by digit with a point', '發電量為八.一億度,裝置容量達三．〇四GW。', [['八.一億度', 8.1e11], ['三．〇四GW', 3.04e9]]],
    ['一度电 is one kWh', '一度电係指1kWh。', [['一度', 1000], ['1kWh', 1000]]],
    ['一度 as "once" is not', '该公司一度成为市场焦点。', []],
  ],
  'English number words': [
    ['two gigawatts', 'The campus will draw two gigawatts.', [['two gigawatts', 2e9]]],
    ['a hundred megawatts', 'It needs a hundred megawatts.', [['a hundred megawatts', 1e8]]],
    ['1.5 million kilowatts', 'Capacity reached 1.5 million kilowatts.', [['1.5 million kilowatts', 1.5e9]]],
    ['one hundred twenty', 'A one hundred twenty megawatt plant.', [['one hundred twenty megawatt', 1.2e8]]],
    ['hyphenated word number', 'a one-gigawatt installation', [['one-gigawatt', 1e9]]],
    ['a gigawatt, a GW', 'Plans to draw nearly a gigawatt; about a GW of heat.', [['a gigawatt', 1e9], ['a GW', 1e9]]],
    ['bill. and mill. abbreviations', 'exceeded 100 bill. kWh and 81 mill. kW', [['100 bill. kWh', 1e14], ['81 mill. kW', 8.1e10]]],
    ['space-grouped thousands', 'capacity is 370 160 MW', [['370 160 MW', 3.7016e11]]],
    ['cents a kWh is a price', 'Power costs 12 cents a kWh.', []],
    ['a W is a letter', 'Plan a W for the project.', []],
  ],
  'ranges: one figure, lower end plus max': [
    ['open-ended 30-100+ kW', 'AI racks need 30-100+ kW.', [['30-100+ kW', 30000, { max: 100, siMax: 100000, orMore: true }]]],
    ['between 1 and 2 GW', 'between 1 and 2 GW', [['1 and 2 GW', 1e9, { max: 2, siMax: 2e9 }]]],
    ['1–2 GW', 'A 1–2 GW campus.', [['1–2 GW', 1e9, { max: 2, siMax: 2e9 }]]],
    ['5至10吉瓦', '规划5至10吉瓦。', [['5至10吉瓦', 5e9, { max: 10, siMax: 1e10 }]]],
    ['units on both ends, different prefixes', 'targets 800 MW-1 GW', [['800 MW-1 GW', 8e8, { max: 1000, siMax: 1e9 }]]],
    ['units on both ends in Chinese', '達成 5.3 GW 至 5.6 GW 的目標', [['5.3 GW 至 5.6 GW', 5.3e9, { max: 5.6, siMax: 5.6e9 }]]],
    ['five to 10 kilowatts', 'about five to 10 kilowatts', [['five to 10 kilowatts', 5000, { max: 10, siMax: 10000 }]]],
    ['from X to Y is a change: two figures', 'expand from 1.2 to 2 gigawatts', [['1.2', 1.2e9], ['2 gigawatts', 2e9]]],
    ['ranging from X-Y is still a range', 'ranging from 30-600 MW.', [['30-600 MW', 3e7, { max: 600, siMax: 6e8 }]]],
    ['by X GW to Y GW is a change', 'increased by over 11.74 GW to 330 GW', [['11.74 GW', 1.174e10], ['330 GW', 3.3e11]]],
    ['X and Y without between are two things', 'peaks of 162 watts and 300 watts', [['162 watts', 162], ['300 watts', 300]]],
    ['~ between two figures means about', 'Power: 10.2 kW ~120 kW', [['10.2 kW', 10200], ['120 kW', 120000]]],
    ['a year before a figure is no range', 'from 2023 to 50 GW', [['50 GW', 5e10]]],
    ['open end after the unit', 'Why 60 kW+ racks', [['60 kW+', 60000, { orMore: true }]]],
  ],
  'per-rack and per-unit densities (still counted)': [
    ['kW/rack', 'At 80–120 kW/rack, liquid is a must.', [['80–120 kW/rack', 80000, { max: 120, siMax: 120000, per: 'rack' }]]],
    ['kW per rack', 'racks exceed 60 kW per rack', [['60 kW per rack', 60000, { per: 'rack' }]]],
    ['每机柜 20 千瓦', '每机柜 20 千瓦的功率密度', [['20 千瓦', 20000, { per: 'rack' }]]],
    ['kW / 机柜 (traditional 機櫃 folds)', '密度從 5kW / 機櫃 提升', [['5kW / 機櫃', 5000, { per: 'rack' }]]],
    ['W per GPU', 'about 700 W per GPU', [['700 W per GPU', 700, { per: 'gpu' }]]],
    ['from X to Y per rack shares the denominator', 'from 8 kilowatts to 17 kilowatts per rack', [['8 kilowatts', 8000, { per: 'rack' }], ['17 kilowatts per rack', 17000, { per: 'rack' }]]],
    ['per year is no denominator', 'consumes 1,400 kWh/year', [['1,400 kWh', 1.4e6]]],
    ['a single rack is the rack itself', '单机柜功率20kW', [['20kW', 20000]]],
  ],
  '太瓦时 and 吉瓦时': [
    ['太瓦时', '约 945 太瓦时', [['945 太瓦时', 9.45e14]]],
    ['吉瓦时', '储能规模2吉瓦时', [['2吉瓦时', 2e9]]],
    ['power/energy pair', '規模為100MW/200MWh。', [['100MW', 1e8], ['200MWh', 2e8]]],
    ['TWH upper-case', '需求 415TWH', [['415TWH', 4.15e14]]],
  ],
  'hard negatives': [
    ['thermal conductivity W/(m·K)', '空气导热系数仅为 0.026W/(m・K)。', []],
    ['thermal conductivity W/mK range', 'a thermal conductivity of 1 to 4 W/mK', []],
    ['W/m·K', 'both list 6.0 W/m·K on their datasheets', []],
    ['watts per meter Kelvin', 'greater than 0.8 watts per meter Kelvin', []],
    ['heat flux W/cm2', '热密度达1000W/cm2', []],
    ['FLOPS and TOPS', '1,440 PFLOPS of FP4; FP16 320 TFLOPS, INT8 640 TOPS', []],
    ['horsepower', 'a 300 hp engine', []],
    ['money', '$12 billion in revenue; 12亿元', []],
    ['percent', 'grew 8.5% to a record', []],
    ['5G', '5G-wireless networks', []],
    ['model names', 'Nvidia H20 and B200 chips, the GB200 NVL72 and Ascend 910B', []],
    ['W as a letter', 'Offshore Wind and World Cup', []],
    ['temperature in 度', '冷气温度调高到摄氏28度,温差为1度(K,C)', []],
    ['ratio of 度 with no quantity', '每三度电就有一度来自风与光', []],
    ['price per 度', '绿电低至0.36元/度', []],
  ],
};

for (const [family, cases] of Object.entries(families)) {
  describe(`power figures: ${family}`, () => {
    it.each(cases)('%s', (_name, text, expected) => {
      expect(summary(text)).toEqual(expected);
    });
  });
}
