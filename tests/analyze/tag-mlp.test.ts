import { describe, expect, it } from 'vitest';
import { addMlpScores, MLP_DEFAULTS, mlpFromJson, mlpToJson, trainMlp } from '../../src/analyze/tag-mlp.js';
import { logOdds, scorerOf } from '../../src/analyze/tag-scorer.js';

const score = (m: ReturnType<typeof trainMlp>, x: number[]) => {
  const out = new Float64Array(m.outputs);
  addMlpScores(m, x, out);
  return Array.from(out);
};

// Features 0 and 1; output 0 is "exactly one of them" (no linear scorer can get all four
// cases right), output 1 is "feature 1". Feature 2 is on everywhere (a bias-like word).
const xor = {
  x: [[2], [0, 2], [1, 2], [0, 1, 2]],
  y: [
    [false, false],
    [true, false],
    [false, true],
    [false, true],
  ],
};
const repeat = <T>(a: T[], n: number): T[] => Array.from({ length: n }, () => a).flat();

describe('tag network', () => {
  const m = trainMlp(repeat(xor.x, 25), repeat(xor.y, 25), 3, 2, { ...MLP_DEFAULTS, hidden: 8, epochs: 40 });

  it.each([
    ['neither feature', [2], [false, false]],
    ['only the first', [0, 2], [true, false]],
    ['only the second', [1, 2], [false, true]],
    ['both: the interaction a linear scorer cannot learn', [0, 1, 2], [false, true]],
  ])('learns %s', (_name, x, expected) => {
    expect(score(m, x).map((s) => s > 0)).toEqual(expected);
  });

  it('is deterministic: the same data gives the same weights', () => {
    const again = trainMlp(repeat(xor.x, 25), repeat(xor.y, 25), 3, 2, { ...MLP_DEFAULTS, hidden: 8, epochs: 40 });
    expect(Array.from(again.w1)).toEqual(Array.from(m.w1));
    expect(Array.from(again.w2)).toEqual(Array.from(m.w2));
  });

  it('adds its scaled log-odds to what is already there', () => {
    const base = score(m, [0, 2]);
    const out = Float64Array.from([1, -1]);
    addMlpScores(m, [0, 2], out, 0.5);
    expect(out[0]).toBeCloseTo(1 + 0.5 * (base[0] as number), 10);
    expect(out[1]).toBeCloseTo(-1 + 0.5 * (base[1] as number), 10);
  });

  it("a scorer's log-odds are the linear sum plus the network's", () => {
    const index = new Map([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);
    const linear = [
      { bias: 0.5, w: [1, 0, 0] },
      { bias: -0.5, w: [0, 2, 0] },
    ];
    const plain = logOdds(scorerOf(['ipo', 'funding'], index, linear), ['a', 'c']);
    const withNet = logOdds(scorerOf(['ipo', 'funding'], index, linear, m), ['a', 'c', 'a']);
    const net = score(m, [0, 2]);
    expect(withNet[0]).toBeCloseTo((plain[0] as number) + (net[0] as number), 10);
    expect(withNet[1]).toBeCloseTo((plain[1] as number) + (net[1] as number), 10);
  });

  it('saves compactly and restores to within the 16-bit step, scoring the same', () => {
    const json = JSON.parse(JSON.stringify(mlpToJson(m))) as ReturnType<typeof mlpToJson>;
    const back = mlpFromJson(json, m.outputs);
    const step = Math.max(...Array.from(m.w1, Math.abs)) / 32767;
    m.w1.forEach((v, i) => expect(Math.abs((back.w1[i] as number) - v)).toBeLessThanOrEqual(step / 2 + 1e-12));
    for (const x of xor.x) expect(score(back, x).map((s) => s > 0)).toEqual(score(m, x).map((s) => s > 0));
  });
});
