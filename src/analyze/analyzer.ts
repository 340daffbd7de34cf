import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readEntitiesFile } from '../config/entities.js';
import type { ArticleAnalysis, ArticleEvent, Mention, PowerFigure } from '../model.js';
import { findPowerFigures } from './power-figures.js';
import { splitSentences, type Sentence } from './sentences.js';
import { modelIsCurrent, parseTrainingData, readText, taggerFromModel, trainingSourceHash, trainTagger, type Tagger } from './tagger.js';
import { compileWatchlist, type Watchlist } from './watchlist.js';

export type { Tagger } from './tagger.js';
export type { Watchlist } from './watchlist.js';

export type AnalysisResult = ArticleAnalysis;

export interface Analyzer {
  /** `text` is the main text, paragraphs separated by "\n"; all offsets index it. */
  analyze(text: string, opts?: { lang?: string }): AnalysisResult;
}

/** The watch-list file and the tagger's training data, relative to the config folder. */
export const ENTITIES_FILE = 'entities.yaml';
export const TRAINING_FILE = join('tagger', 'training.tsv');
/** The tagger trained on TRAINING_FILE, saved beside it (see write-tagger-model.ts). */
export const MODEL_FILE = 'model.json';

/** A pure analyzer over a compiled watch-list and a trained tagger. */
export function createAnalyzer(watchlist: Watchlist, tagger: Tagger): Analyzer {
  return {
    analyze(text) {
      const sentences = splitSentences(text);
      const locate = sentenceLocator(sentences);
      const mentions: Mention[] = watchlist.find(text, (offset) => {
        const s = sentences[locate(offset)];
        return s ? [s.start, s.end] : [offset, offset];
      }).map((h) => ({ entity: h.entity, alias: h.alias, sentence: locate(h.start), start: h.start, end: h.end }));
      const powerFigures: PowerFigure[] = findPowerFigures(text).map((f) => ({ ...f, sentence: locate(f.start) }));
      return { mentions, powerFigures, events: buildEvents(sentences, mentions, powerFigures, tagger) };
    },
  };
}

function buildEvents(sentences: Sentence[], mentions: Mention[], figures: PowerFigure[], tagger: Tagger): ArticleEvent[] {
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
  return [...bySentence.entries()]
    .sort((a, b) => a[0] - b[0])
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

/** The config folder shipped with newsmon (source and compiled layouts), used for files a config folder lacks. */
function bundledConfigDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const up of ['../..', '../../..']) {
    const dir = resolve(here, up, 'config');
    if (existsSync(join(dir, ENTITIES_FILE))) return dir;
  }
  return resolve(here, '../..', 'config');
}

/** `<dir>/<file>` when it exists, else the bundled default. */
function configFile(configDir: string, file: string): string {
  const own = join(configDir, file);
  return existsSync(own) ? own : join(bundledConfigDir(), file);
}

/** The watch-list file a config folder stands for: its own entities.yaml, else the bundled default. */
export function watchListFile(configDir: string): string {
  return configFile(configDir, ENTITIES_FILE);
}

const taggerCache = new Map<string, Tagger>();

/**
 * The tagger for a training file: restored from the model.json beside it when that was
 * trained on exactly this text, else trained now (slower start-up, same result). Cached
 * per process by the training text's hash.
 */
export function loadTagger(trainingFile: string): Tagger {
  const content = readText(trainingFile);
  const source = trainingSourceHash(content);
  let tagger = taggerCache.get(source);
  if (tagger) return tagger;
  const examples = parseTrainingData(trainingFile, content);
  const modelFile = join(dirname(trainingFile), MODEL_FILE);
  let model: unknown = null;
  if (existsSync(modelFile)) {
    try {
      model = JSON.parse(readFileSync(modelFile, 'utf8'));
    } catch {
      model = null; // unreadable or stale: train instead
    }
  }
  tagger = modelIsCurrent(model, source) ? taggerFromModel(model) : trainTagger(examples, (text) => findPowerFigures(text));
  taggerCache.set(source, tagger);
  return tagger;
}

/**
 * Reads `<configDir>/entities.yaml` and `<configDir>/tagger/training.tsv` (each falling
 * back to newsmon's bundled default when the folder has none), compiles the watch-list
 * once and loads the tagger. Throws a located ConfigError on a bad file.
 */
export function loadAnalyzer(configDir: string): Analyzer {
  const watchlist = compileWatchlist(readEntitiesFile(watchListFile(configDir)));
  return createAnalyzer(watchlist, loadTagger(resolve(configFile(configDir, TRAINING_FILE))));
}
