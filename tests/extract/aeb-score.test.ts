import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bodies, evaluate, pageCounts, shingles, tokenize } from '../../bench/aeb-score.js';

// The scorer against the benchmark README's worked examples (upstream unit tests, n = 3)
// and against the published scores of the two reference outputs shipped with it.

const repoRoot = resolve(import.meta.dirname, '..', '..');
const aeb = resolve(repoRoot, '..', 'shared', 'conformance', 'articles', 'aeb');

describe('AEB scorer', () => {
  it('tokenizes like Python re \\w+ in Unicode mode', () => {
    expect(tokenize('a b,cd:e(foo,bar) ')).toEqual(['a', 'b', 'cd', 'e', 'foo', 'bar']);
    expect(tokenize('नमस्ते')).toEqual(['नमस', 'त']); // combining marks split words
    expect(tokenize('华为发布 Ascend 910C')).toEqual(['华为发布', 'Ascend', '910C']);
  });

  it.each([
    { name: 'three tokens, n=3', text: 'a,b c ', want: [['a', 'b', 'c']] },
    { name: 'four tokens, n=3', text: 'aa 11 c 22', want: [['aa', '11', 'c'], ['11', 'c', '22']] },
    { name: 'no tokens', text: '!', want: [] },
  ])('shingles: $name', ({ text, want }) => {
    expect([...shingles(text, 3).keys()].map((k) => k.split('\u0001'))).toEqual(want);
  });

  it.each([
    { name: 'identical', t: 'a b c', p: 'a b c', want: [1, 0, 0] },
    { name: 'prediction short', t: 'a b c d', p: 'a b c', want: [0.5, 0, 0.5] },
    { name: 'prediction long', t: 'a b c', p: 'a b c d', want: [0.5, 0.5, 0] },
    { name: 'both empty', t: '', p: '', want: [0, 0, 0] },
    { name: 'prediction empty', t: 'a', p: '', want: [0, 0, 1] },
    { name: 'truth empty', t: '', p: 'a', want: [0, 1, 0] },
    { name: 'repeats count', t: 'a b c a b c', p: 'a b c', want: [0.25, 0, 0.75] },
  ])('per-page counts: $name', ({ t, p, want }) => {
    const c = pageCounts(t, p, 3);
    expect([c.tp, c.fp, c.fn]).toEqual(want);
  });

  it.skipIf(!existsSync(aeb)).each([
    { file: 'readability_js.json', f1: 0.946748, precision: 0.913944, recall: 0.981993, accuracy: 0.165746 },
    { file: 'trafilatura.json', f1: 0.957503, precision: 0.938289, recall: 0.977519, accuracy: 0.292818 },
  ])('reproduces the published score of $file', ({ file, f1, precision, recall, accuracy }) => {
    const truth = bodies(JSON.parse(readFileSync(join(aeb, 'ground-truth.json'), 'utf8')));
    const r = evaluate(truth, bodies(JSON.parse(readFileSync(join(aeb, 'reference-output', file), 'utf8'))));
    expect(r.f1).toBeCloseTo(f1, 6);
    expect(r.precision).toBeCloseTo(precision, 6);
    expect(r.recall).toBeCloseTo(recall, 6);
    expect(r.accuracy).toBeCloseTo(accuracy, 6);
  });
});
