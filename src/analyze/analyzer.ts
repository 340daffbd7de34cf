import { join } from 'node:path';
import type { ArticleAnalysis, ArticleEvent, Mention, PowerFigure } from '../model.js';
import { findPowerFigures } from './power-figures.js';
import { splitSentences, type Sentence } from './sentences.js';
import type { Tagger } from './tagger.js';
import type { Watchlist } from './watchlist.js';

export type { Tagger } from './tagger.js';
export type { Watchlist } from './watchlist.js';

export type AnalysisResult = ArticleAnalysis;
export type { AnalysisTruncation } from '../model.js';

/**
 * Caps per article. A long report has a few hundred events; a 2.5 MB page of one
 * sentence repeated gave 120,000 (38 MB stored). The first ones, in text order, are kept.
 */
export interface AnalysisLimits {
  maxMentions: number;
  maxPowerFigures: number;
  maxEvents: number;
}

export const DEFAULT_ANALYSIS_LIMITS: Readonly<AnalysisLimits> = Object.freeze({ maxMentions: 5_000, maxPowerFigures: 2_000, maxEvents: 2_000 });

export interface Analyzer {
  /** `text` is the main text, paragraphs separated by "\n"; all offsets index it. */
  analyze(text: string, opts?: { lang?: string }): AnalysisResult;
}

/** The tagger's training data, relative to the config folder (the watch-list file: config/config-files.ts). */
export const TRAINING_FILE = join('tagger', 'training.tsv');
/** The tagger trained on TRAINING_FILE, saved beside it (see write-tagger-model.ts). */
export const MODEL_FILE = 'model.json';

/** A pure analyzer over a compiled watch-list and a trained tagger. */
export function createAnalyzer(watchlist: Watchlist, tagger: Tagger, limits: AnalysisLimits = DEFAULT_ANALYSIS_LIMITS): Analyzer {
  return {
    analyze(text) {
      const sentences = splitSentences(text);
      const locate = sentenceLocator(sentences);
      const mentions: Mention[] = watchlist.find(text, (offset) => {
        const s = sentences[locate(offset)];
        return s ? [s.start, s.end] : [offset, offset];
      }).map((h) => ({ entity: h.entity, alias: h.alias, sentence: locate(h.start), start: h.start, end: h.end }));
      const powerFigures: PowerFigure[] = findPowerFigures(text).map((f) => ({ ...f, sentence: locate(f.start) }));
      const found = { mentions: mentions.length, powerFigures: powerFigures.length, events: 0 };
      mentions.length = Math.min(mentions.length, limits.maxMentions);
      powerFigures.length = Math.min(powerFigures.length, limits.maxPowerFigures);
      const events = buildEvents(sentences, mentions, powerFigures, tagger, limits.maxEvents, found);
      const cut = found.mentions > mentions.length || found.powerFigures > powerFigures.length || found.events > events.length;
      return { mentions, powerFigures, events, ...(cut ? { truncated: found } : {}) };
    },
  };
}

function buildEvents(sentences: Sentence[], mentions: Mention[], figures: PowerFigure[], tagger: Tagger, max: number, found: { events: number }): ArticleEvent[] {
  const bySentence = new Map<number, { entities: string[]; figures: PowerFigure[] }>();
  const slot = (i: number) => {
    let s = bySentence.get(i);
    if (!s) bySentence.set(i, (s = { entities: [], figures: [] }));
    return s;
  };
  for (const m of mentions) {
    const s = slot(m.sentence);
    if (!s.entities.includes(m.entity)) s.entities.push(m.entity);
  }
  for (const f of figures) slot(f.sentence).figures.push(f);
  found.events = bySentence.size;
  // Cut before tagging: the tagger is the costly part.
  return [...bySentence.entries()]
    .sort((a, b) => a[0] - b[0])
    .slice(0, max)
    .map(([i, s]) => {
      const text = sentences[i]?.text ?? '';
      return { sentence: i, text, entities: s.entities, tags: tagger.tag(text, s.figures), powerFigures: s.figures };
    });
}

/** Offset → index of the sentence containing it (or the last one starting before it). */
function sentenceLocator(sentences: Sentence[]): (offset: number) => number {
  return (offset) => {
    let lo = 0;
    let hi = sentences.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((sentences[mid] as Sentence).start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}
