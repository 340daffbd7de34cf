import { describe, expect, it } from 'vitest';
import { eventFilter } from '../../src/api/event-filter.js';
import { FilterError } from '../../src/api/filter-error.js';
import { parsePowerBound } from '../../src/api/power-bound.js';

// The one module both drivers turn filters into a store query with (pure; the API and
// CLI tests run it end to end).

const NOW = new Date('2025-06-01T12:00:00Z');

describe('power bounds: units as written, any case', () => {
  it.each([
    ['1GW', 1e9, 'power'], ['1 gw', 1e9, 'power'], ['1.5 GW', 1.5e9, 'power'], ['500MW', 5e8, 'power'], ['500 mw', 5e8, 'power'],
    ['120 kW', 1.2e5, 'power'], ['350', 350, null], ['2e3 W', 2000, 'power'], ['1,200 kW', 1.2e6, 'power'], ['3 gigawatts', 3e9, 'power'],
    ['1 Megawatt', 1e6, 'power'], ['1.5 TWh', 1.5e12, 'energy'], ['1.5twh', 1.5e12, 'energy'], ['2 kWh', 2000, 'energy'],
    ['3 megawatt-hours', 3e6, 'energy'], ['50万千瓦', 5e8, 'power'], ['350瓦', 350, 'power'], ['100亿千瓦时', 1e13, 'energy'], ['10 度', 1e4, 'energy'],
  ] as const)('%s', (text, si, kind) => {
    const b = parsePowerBound(text, 'min');
    expect(b.si).toBeCloseTo(si, 6);
    expect(b.kind).toBe(kind);
  });

  it.each(['GW', '1 hp', '-1GW', '1..5GW', '1 GW GW', '1e400', '1,20 kW', '', ' ', 'one GW', '0x10GW'])('refuses %j, naming the parameter', (text) => {
    expect(() => parsePowerBound(text, 'max')).toThrow(/^"max" (must be a number|is too large)/);
  });
});

describe('eventFilter', () => {
  it('builds the store query from every filter', () => {
    expect(eventFilter({ entity: ['Huawei', 'nvidia', 'huawei'], tag: 'IPO', match: 'all', feed: ' scmp ', lang: 'zh-CN', since: '7d', until: '2025-05-31', q: '"a b" c*', min: '1GW', max: '10 GW' }, NOW)).toEqual({
      entities: ['huawei', 'nvidia'], tag: 'ipo', match: 'all', feed: 'scmp', lang: 'zh', since: '2025-05-25T12:00:00.000Z', until: '2025-06-01T00:00:00.000Z',
      q: '"a b" c*', figureKind: 'power', minSi: 1e9, maxSi: 1e10,
    });
    expect(eventFilter({}, NOW)).toEqual({});
    expect(eventFilter({ entity: 'huawei', kind: 'energy' }, NOW)).toEqual({ entity: 'huawei', figureKind: 'energy' });
  });

  it.each([
    [{ since: '9999999999d' }, 'since', /reaches back further than any date/],
    [{ until: 'soon' }, 'until', /must be a duration/],
    [{ match: 'most' }, 'match', /must be "any" or "all"/],
    [{ lang: '42' }, 'lang', /must be a language code/],
    [{ entity: Array.from({ length: 17 }, (_, i) => `e${i}`) }, 'entity', /at most 16 times/],
    [{ tag: 'a\u0000' }, 'tag', /control characters/],
    [{ q: 'x'.repeat(501) }, 'q', /at most 500 characters/],
    [{ feed: '' }, 'feed', /must not be empty/],
    [{ kind: 'heat' }, 'kind', /must be "power" or "energy"/],
    [{ min: '2GW', max: '1GW' }, 'min', /is above "max"/],
    [{ kind: 'energy', max: '1GW' }, 'max', /is a power \(W\) figure, but the query asks for energy/],
  ] as const)('%j → a FilterError naming %s, for both drivers', (raw, param, detail) => {
    let err: unknown;
    try {
      eventFilter(raw, NOW);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FilterError);
    const f = err as FilterError;
    expect(f).toMatchObject({ param, statusCode: 400 });
    expect(f.message.startsWith(`"${param}" `)).toBe(true);
    expect(f.forFlag().startsWith(`--${param} `)).toBe(true);
    expect(f.detail).toMatch(detail);
  });
});
