import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTrainingData } from '../../src/analyze/tagger.js';
import { readText } from '../../src/ingest/load-analyzer.js';
import { TAGS } from '../../src/analyze/tags.js';

// The real labelled sentences (tests/fixtures/analyze/real-tags/): the training four-fifths
// are also the "real sentences" section of config/tagger/training.tsv, which the shipped
// model is trained on; the held-out fifth must appear nowhere in the training data.
interface Row {
  text: string;
  tags: string[];
  lang: 'en' | 'zh';
  event: boolean;
  url: string;
}

const dir = join(import.meta.dirname, '..', 'fixtures', 'analyze', 'real-tags');
const read = (f: string): Row[] => readFileSync(join(dir, f), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Row);
const train = read('train.jsonl');
const heldout = read('heldout.jsonl');
const all = [...train, ...heldout];
const trainingFile = join(import.meta.dirname, '..', '..', 'config', 'tagger', 'training.tsv');
const training = parseTrainingData(trainingFile, readText(trainingFile));
const host = (u: string) => new URL(u).hostname;

describe('real labelled sentences', () => {
  it('are at least 800, a quarter or more in Chinese, from 20 or more sites, every tag represented', () => {
    expect(all.length).toBeGreaterThanOrEqual(800);
    expect(all.filter((r) => r.lang === 'zh').length).toBeGreaterThanOrEqual(250);
    expect(new Set(all.map((r) => host(r.url))).size).toBeGreaterThanOrEqual(20);
    for (const tag of TAGS) expect(heldout.filter((r) => r.tags.includes(tag)).length, tag).toBeGreaterThanOrEqual(5);
    expect(all.filter((r) => r.event && r.tags.length === 0).length, 'hard negatives').toBeGreaterThanOrEqual(100);
  });

  it('use only known tags, and say their language right', () => {
    for (const r of all) {
      for (const t of r.tags) expect(TAGS as readonly string[], r.text).toContain(t);
      expect(r.lang, r.text).toBe(/[\u3400-\u9fff]/u.test(r.text) ? 'zh' : 'en');
    }
  });

  it('hold out about a fifth, split by source page', () => {
    const share = heldout.length / all.length;
    expect(share).toBeGreaterThan(0.17);
    expect(share).toBeLessThan(0.25);
    const trainPages = new Set(train.map((r) => r.url));
    expect(heldout.filter((r) => trainPages.has(r.url))).toEqual([]);
  });

  it('train.jsonl is exactly the real-sentence section of config/tagger/training.tsv', () => {
    const real = training.filter((e) => e.source !== undefined);
    expect(real.map((e) => [e.source, e.tags.join(','), e.text])).toEqual(train.map((r) => [r.url, r.tags.join(','), r.text]));
  });

  it('no held-out sentence is in the training data', () => {
    const texts = new Set(training.map((e) => e.text));
    expect(heldout.filter((r) => texts.has(r.text)).map((r) => r.text)).toEqual([]);
  });
});
