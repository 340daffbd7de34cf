// Power figures on real text: hand-labelled passages from many outlets (README in the
// fixture folder). The held-out fifth (split by source page) was never used for tuning;
// the target is measured there. NEWSMON_POWER_IMPL=<path to a built power-figures.js>
// scores another build (e.g. the baseline checkout) with the same data and scorer.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findPowerFigures } from '../../src/analyze/power-figures.js';
import { loadPassages, prf, score, table, type FoundFigure } from './real-power-score.js';

const here = dirname(fileURLToPath(import.meta.url));
const passages = loadPassages(join(here, '..', 'fixtures', 'analyze', 'real-power', 'passages.yaml'));
const impl = process.env.NEWSMON_POWER_IMPL;
const find: (text: string) => FoundFigure[] = impl
  ? ((await import(impl)) as { findPowerFigures: (t: string) => FoundFigure[] }).findPowerFigures
  : findPowerFigures;

describe('power figures on real text', () => {
  const heldOut = passages.filter((p) => p.heldOut);
  const tuning = passages.filter((p) => !p.heldOut);

  it('the data set is what the README says', () => {
    expect(passages.length).toBeGreaterThanOrEqual(150);
    expect(new Set(heldOut.map((p) => p.src)).size).toBeGreaterThanOrEqual(15);
    for (const p of passages) for (const f of p.figures) expect(p.text, f.text).toContain(f.text);
  });

  for (const [name, set] of [['held-out', heldOut], ['tuning', tuning]] as const) {
    it(`${name}: per-family precision / recall / F1`, () => {
      const strict = score(set, find, 'strict');
      const lenient = score(set, find, 'lenient');
      const all = prf(strict.byFamily.get('all') ?? { tp: 0, fp: 0, fn: 0 });
      console.log(`${name} (${set.length} passages), strict (kind, si, per, range end):\n${table(strict)}`);
      console.log(`${name}, lenient (kind and si only):\n${table(lenient)}`);
      console.log(`${name}: ${strict.negatives.falseAlarms} false alarms in ${strict.negatives.passages} passages with no figure; exact text on ${strict.textExact} matches`);
      if (process.env.NEWSMON_EVAL_VERBOSE) console.log(strict.errors.join('\n'));
      if (name === 'held-out' && !impl) expect(all.f1).toBeGreaterThanOrEqual(0.95);
    });
  }
});
