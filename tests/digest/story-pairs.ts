import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { storySubject, type StoryDoc } from '../../src/digest/story-clusters.js';

// The labelled pair set (tests/fixtures/digest/story-pairs/README.md): real article leads
// from several outlets, kept as hashed storyTokens() so no third-party text is stored.

export interface PairDoc {
  id: string;
  lang: string;
  topic: string;
  story: string;
  url: string;
  entities: Array<{ id: string; count: number }>;
  tokens: string;
  /** How many leading tokens are the page's title (documents added with append-docs.mjs; 0 when none was shown). */
  titleLength?: number;
}
export interface LabelledPair {
  a: string;
  b: string;
  same: boolean;
  lang: string;
  topics: string;
}

const DIR = fileURLToPath(new URL('../fixtures/digest/story-pairs/', import.meta.url));

/** Topics never looked at while choosing the threshold: the held-out part. */
export const HELD_OUT_TOPICS = new Set(['metax-ipo', 'nvidia-earnings', 'nvidia-zh', 'nvidia-zh-s', 'huawei-zh', 'nvidia-nov19-b', 'nvidia-dec9-b']);

export function loadPairSet(): { docs: PairDoc[]; pairs: LabelledPair[] } {
  const docs = JSON.parse(readFileSync(`${DIR}docs.json`, 'utf8')) as PairDoc[];
  const pairs = JSON.parse(readFileSync(`${DIR}pairs.json`, 'utf8')) as LabelledPair[];
  return { docs, pairs };
}

export function isHeldOut(p: LabelledPair): boolean {
  return p.topics.split('+').some((t) => HELD_OUT_TOPICS.has(t));
}

/** Topics whose articles were all published on one day (what one digest clusters together). */
export const SAME_DAY_TOPICS = new Set(['nvidia-nov19-a', 'nvidia-nov19-b', 'nvidia-dec9-a', 'nvidia-dec9-b']);

/** A pair within one same-day topic: both articles from one day. */
export function isSameDay(p: LabelledPair): boolean {
  return SAME_DAY_TOPICS.has(p.topics);
}

/** The set's documents as clusterStories takes them (labels are not used). */
export function storyDocs(docs: PairDoc[]): StoryDoc[] {
  return docs.map((d) => ({ id: d.id, tokens: d.tokens.split(' '), subject: storySubject(d.entities) }));
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
}

export function score(pairs: LabelledPair[], scores: number[], threshold: number): Score {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  pairs.forEach((p, i) => {
    const said = scores[i]! >= threshold;
    if (said && p.same) tp++;
    else if (said) fp++;
    else if (p.same) fn++;
    else tn++;
  });
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, tn, precision, recall, f1 };
}
