import { describe, expect, it } from 'vitest';
import { clusterStories, DEFAULT_STORY_THRESHOLD } from '../../src/digest/story-clusters.js';
import { isHeldOut, loadPairSet, score, storyDocs, type LabelledPair, type Score } from './story-pairs.js';

// Story clustering against the labelled pair set (tests/fixtures/digest/story-pairs/): the
// whole set is clustered as one "day" (IDF from all of it, labels unused), and a pair counts
// as "same story" when both articles land in one group. The threshold is the one that
// maximizes F1 on the tuning topics; the held-out topics are scored only at that threshold.

const { docs, pairs } = loadPairSet();
const tune = pairs.filter((p) => !isHeldOut(p));
const held = pairs.filter(isHeldOut);

function clusterScore(subset: LabelledPair[], threshold: number): Score {
  const group = new Map<string, number>();
  clusterStories(storyDocs(docs), { threshold }).forEach((ids, g) => ids.forEach((id) => group.set(id, g)));
  return score(subset, subset.map((p) => (group.get(p.a) === group.get(p.b) ? 1 : 0)), 0.5);
}

const fmt = (s: Score): string =>
  `P=${s.precision.toFixed(3)} R=${s.recall.toFixed(3)} F1=${s.f1.toFixed(3)} (tp ${s.tp}, fp ${s.fp}, fn ${s.fn}, tn ${s.tn})`;

describe('story clustering on real article pairs', () => {
  it('the default threshold is the best one on the tuning topics', () => {
    let best = { f1: -1, threshold: 0 };
    for (let t = 8; t <= 45; t++) {
      const s = clusterScore(tune, t / 100);
      if (s.f1 > best.f1 + 1e-9) best = { f1: s.f1, threshold: t / 100 };
    }
    console.log(`tuning: ${tune.length} pairs (${tune.filter((p) => p.same).length} same story); best threshold ${best.threshold}`);
    expect(best.threshold).toBeCloseTo(DEFAULT_STORY_THRESHOLD, 5);
  });

  it('held-out precision and recall at the default threshold', () => {
    const s = clusterScore(held, DEFAULT_STORY_THRESHOLD);
    const byLang = ['en', 'zh'].map((l) => `${l}: ${fmt(clusterScore(held.filter((p) => p.lang === l), DEFAULT_STORY_THRESHOLD))}`);
    console.log(`held-out: ${held.length} pairs (${held.filter((p) => p.same).length} same story) ${fmt(s)}\n  ${byLang.join('\n  ')}`);
    console.log(`tuning at the default: ${fmt(clusterScore(tune, DEFAULT_STORY_THRESHOLD))}`);
    // Floors a little under today's figures (P 0.625, R 1.000): a change that loses either fails here.
    expect(s.recall).toBeGreaterThanOrEqual(0.9);
    expect(s.precision).toBeGreaterThanOrEqual(0.6);
  });
});
