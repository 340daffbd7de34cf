import { describe, expect, it } from 'vitest';
import { clusterStories, DEFAULT_STORY_THRESHOLD } from '../../src/digest/story-clusters.js';
import { isHeldOut, isSameDay, loadPairSet, score, storyDocs, type LabelledPair, type Score } from './story-pairs.js';

// Story clustering against the labelled pair set (tests/fixtures/digest/story-pairs/): the
// whole set is clustered as one "day" (IDF from all of it, labels unused), and a pair counts
// as "same story" when both articles land in one group. The threshold is chosen on the tuning
// topics' P/R curve: the most precise one whose recall is at least MIN_RECALL (a wrong merge is
// what the analyst notices; F1's best point jumps along a bumpy curve). The held-out topics are
// scored only at that threshold.
//
// Most pairs are of articles published days or years apart (other quarters' results, an April
// and an August licence story), which no one-day digest ever compares; the same-day topics
// (isSameDay) are what a digest actually meets: two stories of one company on one day.

const { docs, pairs } = loadPairSet();
const tune = pairs.filter((p) => !isHeldOut(p));
const held = pairs.filter(isHeldOut);
const THRESHOLDS = Array.from({ length: 33 }, (_, i) => (8 + i) / 100);
const MIN_RECALL = 0.9;

const groupsAt = new Map<number, Map<string, number>>();
function clusterScore(subset: LabelledPair[], threshold: number): Score {
  let group = groupsAt.get(threshold);
  if (!group) {
    const g = new Map<string, number>();
    clusterStories(storyDocs(docs), { threshold, wholeSetIdf: true }).forEach((ids, n) => ids.forEach((id) => g.set(id, n)));
    groupsAt.set(threshold, (group = g));
  }
  return score(subset, subset.map((p) => (group.get(p.a) === group.get(p.b) ? 1 : 0)), 0.5);
}

const fmt = (s: Score): string =>
  `P=${s.precision.toFixed(3)} R=${s.recall.toFixed(3)} F1=${s.f1.toFixed(3)} (tp ${s.tp}, fp ${s.fp}, fn ${s.fn}, tn ${s.tn})`;

describe('story clustering on real article pairs', () => {
  it('the default threshold is the most precise one on the tuning topics with recall >= MIN_RECALL', () => {
    let best = { precision: -1, threshold: 0 };
    const curve: string[] = [];
    for (const t of THRESHOLDS) {
      const s = clusterScore(tune, t);
      curve.push(`${t.toFixed(2)}  P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  F1 ${s.f1.toFixed(3)}`);
      if (s.recall >= MIN_RECALL && s.precision > best.precision + 1e-9) best = { precision: s.precision, threshold: t };
    }
    console.log(`tuning: ${tune.length} pairs (${tune.filter((p) => p.same).length} same story); chosen threshold ${best.threshold}`);
    console.log(`tuning P/R by threshold:\n  ${curve.join('\n  ')}`);
    expect(best.threshold).toBeCloseTo(DEFAULT_STORY_THRESHOLD, 5);
  });

  it('held-out precision and recall at the default threshold', () => {
    const s = clusterScore(held, DEFAULT_STORY_THRESHOLD);
    const byLang = ['en', 'zh'].map((l) => `${l}: ${fmt(clusterScore(held.filter((p) => p.lang === l), DEFAULT_STORY_THRESHOLD))}`);
    console.log(`held-out: ${held.length} pairs (${held.filter((p) => p.same).length} same story) ${fmt(s)}\n  ${byLang.join('\n  ')}`);
    console.log(`tuning at the default: ${fmt(clusterScore(tune, DEFAULT_STORY_THRESHOLD))}`);
    // Floors a little under today's figures (P 0.774, R 0.889; at the former 0.18, P 0.600 R 1.000):
    // a change that loses either fails here.
    expect(s.recall).toBeGreaterThanOrEqual(0.85);
    expect(s.precision).toBeGreaterThanOrEqual(0.75);
  });

  it('one day: two stories of one company (what a digest meets), at the default threshold', () => {
    const day = pairs.filter(isSameDay);
    const s = clusterScore(day, DEFAULT_STORY_THRESHOLD);
    console.log(`same-day pairs: ${day.length} (${day.filter((p) => p.same).length} same story) ${fmt(s)}`);
    // Floors under today's figures (P 0.842, R 0.842; at the former 0.18, P 0.679 R 1.000).
    expect(s.precision).toBeGreaterThanOrEqual(0.8);
    expect(s.recall).toBeGreaterThanOrEqual(0.8);
  });
});
