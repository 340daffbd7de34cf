import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadAnalyzer } from '../../src/ingest/load-analyzer.js';
import type { PowerFigure } from '../../src/model.js';

interface Case {
  name: string;
  text: string;
  mentions: [string, string][];
  figures: ([string, number, string, number] | [string, number, string, number, Record<string, unknown>])[];
}

const repoRoot = join(import.meta.dirname, '..', '..');
const cases = parse(readFileSync(join(repoRoot, 'tests', 'fixtures', 'analyze', 'labelled.yaml'), 'utf8')) as Case[];
const analyzer = loadAnalyzer(join(repoRoot, 'config'));

describe('labelled sentences: exact mentions and power figures', () => {
  it('has at least 80 cases, English and Chinese', () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
    expect(cases.filter((c) => /[\u4e00-\u9fff]/u.test(c.text)).length).toBeGreaterThanOrEqual(25);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = analyzer.analyze(c.text);
    expect(r.mentions.map((m) => [m.entity, c.text.slice(m.start, m.end)])).toEqual(c.mentions);
    const extras = (f: PowerFigure): Record<string, unknown>[] => {
      const e = Object.fromEntries(Object.entries({ max: f.max, siMax: f.siMax, orMore: f.orMore, per: f.per }).filter(([, v]) => v !== undefined));
      return Object.keys(e).length > 0 ? [e] : [];
    };
    expect(r.powerFigures.map((f) => [f.text, f.value, f.unit, f.si, ...extras(f)])).toEqual(c.figures);
    for (const f of r.powerFigures) {
      expect(c.text.slice(f.start, f.end)).toBe(f.text);
      expect(f.kind).toBe(f.unit.endsWith('h') ? 'energy' : 'power');
    }
  });
});
