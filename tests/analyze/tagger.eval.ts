import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_FILE } from '../../src/analyze/analyzer.js';
import { loadTagger } from '../../src/ingest/load-analyzer.js';
import { findPowerFigures } from '../../src/analyze/power-figures.js';
import { modelIsCurrent, trainingSourceHash } from '../../src/analyze/tagger.js';
import { readText } from '../../src/ingest/load-analyzer.js';
import { TAGS, type Tag } from '../../src/analyze/tags.js';

// Event tags on the held-out fifth of the real labelled sentences
// (tests/fixtures/analyze/real-tags/heldout.jsonl: pages never used for training, feature
// choice or threshold tuning), scored with the model the service loads. Per tag: precision,
// recall, F1; per sentence: the tag set, micro-averaged over (sentence, tag) pairs, and the
// share of sentences whose tag set is exactly right. Only sentences newsmon makes events of
// are scored. Floors sit a little under the measured level. Round three (2,347 sentences,
// held-out 505, of which 461 events; set-up chosen by cross-validation on the training side
// only) measured tag-set P 0.799 R 0.787 F1 0.793, exact 0.666. On the same 461: the
// round-two model 0.778; round two's set-up retrained on round three's data 0.801 (the two
// set-ups tie in cross-validation: 0.818 vs 0.817, the held-out gap is within its noise).
// On round two's 291 held-out events alone 0.784 (round two measured 0.770 there).
// Round four (issue 12: pairs of co-occurring cue groups as features, chosen by CV on the
// training side, 0.820 vs 0.814 mean of three fold draws), measured once: tag-set P 0.803
// R 0.808 F1 0.806, exact 0.675; per-tag F1 at least 0.67 (funding, 15 labelled).
// Round five (issue 12: a one-hidden-layer network over the same features added to the
// linear scorer, features seen twice instead of three times, both chosen by CV on the
// training side, 0.834 vs 0.821 mean of three fold draws; 212 more sentences from 46 pages,
// 28 of them held out by the split rule), measured: on the 488 held-out events tag-set P
// 0.826 R 0.818 F1 0.822, exact 0.723 (round four's model there: F1 0.802; round four's
// set-up on the new data: 0.808); on round four's 461 alone F1 0.824 (round four: 0.806). Per-tag F1 at least 0.75 (product, 103 labelled;
// partnership 0.77, funding 0.77 on 19).
// Round six (issue 12: 596 more sentences, 307 English and 289 Chinese, weighted to the weak
// tags and hard negatives; no model change): cross-validation on the training side flat
// (English half 0.831/0.835 → 0.830/0.832; Chinese half 0.828 → 0.832, three draws), so data
// alone is no longer the lever. Measured on the 586 held-out events: tag-set P 0.839 R 0.796
// F1 0.817, exact 0.725 (on the 488 of round five 0.82, where retraining alone moves it by
// ±0.007); per tag at least 0.73 (partnership, 99 labelled). By page (168 passages, the
// issue's measure): P 0.888 R 0.878 F1 0.883.

interface Row {
  text: string;
  tags: Tag[];
  lang: 'en' | 'zh';
  event: boolean;
  url: string;
}

const root = join(import.meta.dirname, '..', '..');
const trainingFile = join(root, 'config', 'tagger', 'training.tsv');
const rows = readFileSync(join(root, 'tests', 'fixtures', 'analyze', 'real-tags', 'heldout.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Row)
  .filter((r) => r.event);

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
const prf = ({ tp, fp, fn }: Counts) => {
  const p = tp / (tp + fp || 1);
  const r = tp / (tp + fn || 1);
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
};

function score(subset: Row[], predict: (r: Row) => Tag[]) {
  const perTag = new Map<Tag, Counts>(TAGS.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  const all: Counts = { tp: 0, fp: 0, fn: 0 };
  let exact = 0;
  for (const r of subset) {
    const got = predict(r);
    if (got.length === r.tags.length && got.every((t) => r.tags.includes(t))) exact++;
    for (const tag of TAGS) {
      const key = got.includes(tag) ? (r.tags.includes(tag) ? 'tp' : 'fp') : r.tags.includes(tag) ? 'fn' : null;
      if (!key) continue;
      (perTag.get(tag) as Counts)[key]++;
      all[key]++;
    }
  }
  return { perTag, micro: prf(all), exact: exact / subset.length };
}

describe('event tags on held-out real sentences', () => {
  const tagger = loadTagger(trainingFile);
  const predict = (r: Row) => tagger.tag(r.text, findPowerFigures(r.text));

  it('scores the model the service loads (config/tagger/model.json is current)', () => {
    const model: unknown = JSON.parse(readText(join(root, 'config', 'tagger', MODEL_FILE)));
    expect(modelIsCurrent(model, trainingSourceHash(readText(trainingFile)))).toBe(true);
    expect(rows.length).toBeGreaterThanOrEqual(480);
  });

  it('tag-set F1 and per-tag precision/recall above the floors', () => {
    const s = score(rows, predict);
    const lines = [`held-out: ${rows.length} sentences; tag-set P ${s.micro.p.toFixed(3)} R ${s.micro.r.toFixed(3)} F1 ${s.micro.f1.toFixed(3)}; exact tag set ${s.exact.toFixed(3)}`];
    for (const [tag, c] of s.perTag) {
      const m = prf(c);
      lines.push(`  ${tag.padEnd(22)} P ${m.p.toFixed(2)} R ${m.r.toFixed(2)} F1 ${m.f1.toFixed(2)} (${c.tp + c.fn} labelled)`);
    }
    for (const lang of ['en', 'zh'] as const) {
      const l = score(rows.filter((r) => r.lang === lang), predict);
      lines.push(`  ${lang}: ${rows.filter((r) => r.lang === lang).length} sentences, tag-set F1 ${l.micro.f1.toFixed(3)}, exact ${l.exact.toFixed(3)}`);
    }
    console.log(lines.join('\n'));
    expect(s.micro.f1).toBeGreaterThanOrEqual(0.8);
    expect(s.micro.p).toBeGreaterThanOrEqual(0.82);
    expect(s.micro.r).toBeGreaterThanOrEqual(0.78);
    expect(s.exact).toBeGreaterThanOrEqual(0.7);
    for (const [tag, c] of s.perTag) expect(prf(c).f1, tag).toBeGreaterThanOrEqual(0.7);
  });

  // What issue 12 scores: each passage's set of tags. A passage here is a source page's
  // held-out sentences together (median 3), its tag set the union of theirs.
  it('passage-level tag-set F1 (a page\'s sentences together) above the floor', () => {
    const pages = new Map<string, { want: Set<Tag>; got: Set<Tag> }>();
    for (const r of rows) {
      let p = pages.get(r.url);
      if (!p) pages.set(r.url, (p = { want: new Set(), got: new Set() }));
      for (const t of r.tags) p.want.add(t);
      for (const t of predict(r)) p.got.add(t);
    }
    const c: Counts = { tp: 0, fp: 0, fn: 0 };
    let exact = 0;
    for (const p of pages.values()) {
      for (const t of p.got) c[p.want.has(t) ? 'tp' : 'fp']++;
      for (const t of p.want) if (!p.got.has(t)) c.fn++;
      if (p.got.size === p.want.size && [...p.got].every((t) => p.want.has(t))) exact++;
    }
    const m = prf(c);
    console.log(`held-out passages: ${pages.size} pages; tag-set P ${m.p.toFixed(3)} R ${m.r.toFixed(3)} F1 ${m.f1.toFixed(3)}; exact ${(exact / pages.size).toFixed(3)}`);
    expect(m.f1).toBeGreaterThanOrEqual(0.86);
  });
});
