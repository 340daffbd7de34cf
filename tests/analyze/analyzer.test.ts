import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analyze/analyzer.js';
import { loadAnalyzer } from '../../src/ingest/load-analyzer.js';
import { compileWatchlist } from '../../src/analyze/watchlist.js';
import type { Tagger } from '../../src/analyze/tagger.js';
import { TAGS } from '../../src/analyze/tags.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const seedFile = join(repoRoot, '..', 'shared', 'seed', 'aicnbc-16727-china-ai-chips.txt');
const analyzer = loadAnalyzer(join(repoRoot, 'config'));

describe('analyze: events and offsets', () => {
  const text = [
    'Huawei unveiled the Ascend 950PR. Nvidia said the H20 draws 400 W, and Huawei disagreed.',
    'Unrelated sentence about the weather.',
    '华为称，该集群功耗559千瓦。China added 277 GW of capacity.',
  ].join('\n');
  const r = analyzer.analyze(text, { lang: 'en' });

  it('numbers sentences over the whole text and maps offsets back exactly', () => {
    for (const m of r.mentions) expect(text.slice(m.start, m.end).length).toBeGreaterThan(0);
    expect(r.mentions.map((m) => [m.entity, m.alias, m.sentence, text.slice(m.start, m.end)])).toEqual([
      ['huawei', 'Huawei', 0, 'Huawei'],
      ['huawei', 'Ascend 950PR', 0, 'Ascend 950PR'],
      ['nvidia', 'Nvidia', 1, 'Nvidia'],
      ['nvidia', 'H20', 1, 'H20'],
      ['huawei', 'Huawei', 1, 'Huawei'],
      ['huawei', '华为', 3, '华为'],
    ]);
    expect(r.powerFigures.map((f) => [f.text, f.sentence, f.si, f.kind])).toEqual([
      ['400 W', 1, 400, 'power'],
      ['559千瓦', 3, 559000, 'power'],
      ['277 GW', 4, 277e9, 'power'],
    ]);
  });

  it('gives one event per sentence with an entity or a figure, entities unique in order', () => {
    expect(r.events.map((e) => [e.sentence, e.entities, e.powerFigures.map((f) => f.text)])).toEqual([
      [0, ['huawei'], []],
      [1, ['nvidia', 'huawei'], ['400 W']],
      [3, ['huawei'], ['559千瓦']],
      [4, [], ['277 GW']],
    ]);
    expect(r.events[1]?.text).toBe('Nvidia said the H20 draws 400 W, and Huawei disagreed.');
    expect(r.events[2]?.text).toBe('华为称，该集群功耗559千瓦。');
    for (const e of r.events) for (const t of e.tags) expect(TAGS).toContain(t);
  });

  it('handles empty, whitespace-only and junk input without throwing', () => {
    for (const input of ['', '\n\n  \n', '\u0000\u0001\uFFFD'.repeat(1000), 'x'.repeat(200_000)]) {
      const out = analyzer.analyze(input);
      expect(out.events).toEqual([]);
    }
  });

  it('createAnalyzer takes any watch-list and tagger', () => {
    const watchlist = compileWatchlist([{ id: 'acme', name: 'Acme', aliases: [{ text: 'Acme', case: 'insensitive', requiresContext: null, product: false }], exclude: [] }]);
    const tagger: Tagger = { tag: (_s, figures) => (figures.length ? ['chip-power'] : []) };
    const out = createAnalyzer(watchlist, tagger).analyze('ACME chips draw 5 W. Acme again.');
    expect(out.events.map((e) => [e.sentence, e.entities, e.tags])).toEqual([
      [0, ['acme'], ['chip-power']],
      [1, ['acme'], []],
    ]);
  });
});

describe.skipIf(!existsSync(seedFile))('seed article end to end', () => {
  const text = existsSync(seedFile) ? readFileSync(seedFile, 'utf8') : '';
  const r = analyzer.analyze(text);

  it('finds the seven watched entities', () => {
    expect(new Set(r.mentions.map((m) => m.entity))).toEqual(new Set(['huawei', 'nvidia', 'moore-threads', 'metax', 'biren', 'enflame', 'cambricon']));
    for (const m of r.mentions) expect(text.slice(m.start, m.end)).toBe(m.alias);
  });

  it('puts the four dragons in one event, tagged ipo', () => {
    const dragons = r.events.find((e) => e.entities.includes('metax'));
    expect(dragons?.entities).toEqual(['moore-threads', 'metax', 'biren', 'enflame']);
    expect(dragons?.text).toMatch(/^In recent months, four prominent startups.*initial public offerings\.$/u);
    expect(dragons?.tags).toContain('ipo');
  });

  it('states no power figure (the article speaks of power only in words)', () => {
    // The seed mentions "electricity generation capacity" but gives no number with a unit.
    expect(r.powerFigures).toEqual([]);
  });

  it('keeps U.S. inside its sentence', () => {
    expect(r.events.some((e) => e.text.startsWith('Following the significant impact of DeepSeek on U.S. markets'))).toBe(true);
  });
});
