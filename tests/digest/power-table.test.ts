import { describe, expect, it } from 'vitest';
import type { PowerFigure } from '../../src/model.js';
import { formatFigure, powerTable } from '../../src/digest/power-table.js';
import type { Story } from '../../src/digest/story-types.js';

const P = (si: number, extra: Partial<PowerFigure> = {}): PowerFigure => ({ text: 'x', value: si, unit: 'W', kind: 'power', si, sentence: 0, start: 0, end: 1, ...extra });
const E = (si: number): PowerFigure => P(si, { kind: 'energy', unit: 'Wh' });

describe('formatFigure', () => {
  const cases: Array<[string, PowerFigure, string]> = [
    ['watts', P(800), '800 W'],
    ['kilowatts', P(132e3), '132 kW'],
    ['megawatts with a decimal', P(2.5e6), '2.5 MW'],
    ['gigawatts from a value given in MW', P(1500e6, { value: 1500, unit: 'MW' }), '1.5 GW'],
    ['terawatt-hours', E(150e12), '150 TWh'],
    ['gigawatt-hours rounded to 3 digits', E(1.23456e9), '1.23 GWh'],
    ['kilowatt-hours', E(4.5e3), '4.5 kWh'],
    ['a range in one unit', P(300e6, { max: 500, siMax: 500e6 }), '300–500 MW'],
    ['a range across units takes the upper end’s', P(500e3, { max: 1.2, siMax: 1.2e6 }), '0.5–1.2 MW'],
    ['an open upper end', P(100e3, { orMore: true }), '100+ kW'],
    ['a per-rack density', P(20e3, { per: 'rack' }), '20 kW/rack'],
    ['a range per rack', P(40e3, { max: 60, siMax: 60e3, per: 'rack' }), '40–60 kW/rack'],
    ['milliwatts stay in watts', P(0.25), '0.25 W'],
  ];
  it.each(cases)('%s', (_n, f, want) => expect(formatFigure(f)).toBe(want));
});

describe('powerTable', () => {
  const art = (id: number, outlet: string) => ({ id, url: `https://${outlet}.example.com/${id}`, title: 't', published: null, outlet, entities: [] });
  const sent = (articleId: number, entities: string[], f: PowerFigure) => ({ articleId, text: `s${articleId}`, entities, tags: [], powerFigures: [f] });
  const mk = (id: string, subject: string | null, rows: Array<[number, string, string[], PowerFigure]>): Story => {
    const articles = rows.map(([aid, outlet]) => art(aid, outlet));
    return {
      id, title: id, articles, outlets: articles.map((a) => a.outlet), entities: [], subject, tags: [], sentences: [],
      figures: rows.map(([aid, , ents, f]) => ({ figure: f, sentence: sent(aid, ents, f) })),
    };
  };
  const rows = powerTable([
    mk('s1', 'huawei', [[1, 'reuters', ['huawei'], P(2.5e9)], [2, 'ft', ['huawei'], P(2500e6, { value: 2500, unit: 'MW' })], [3, 'reuters', ['huawei'], P(2.5e9)]]),
    mk('s2', null, [[4, 'dcd', [], E(150e12)], [5, 'dcd', ['nvidia'], P(132e3)]]),
    mk('s3', 'huawei', [[6, 'scmp', ['huawei'], P(2.5e9)]]),
  ]);
  it('shows the same figure about the same company once, with each outlet once', () => {
    const gw = rows.filter((r) => r.figure === '2.5 GW');
    expect(gw).toHaveLength(1);
    expect(gw[0]!.sources.map((a) => a.outlet)).toEqual(['reuters', 'ft', 'scmp']);
  });
  it('names the sentence’s company, else the story’s subject, else none', () => {
    expect(rows.find((r) => r.figure === '132 kW')!.company).toBe('nvidia');
    expect(rows.find((r) => r.figure === '150 TWh')!.company).toBeNull();
  });
  it('lists power biggest first, then energy', () => {
    expect(rows.map((r) => r.figure)).toEqual(['2.5 GW', '132 kW', '150 TWh']);
  });
});
