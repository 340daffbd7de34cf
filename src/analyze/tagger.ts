import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/yaml-source.js';
import { isTag, TAGS, type Tag } from './tags.js';
import { tagFeatures, type FigureFeature } from './tag-features.js';

/** Tags one sentence from the fixed vocabulary. */
export interface Tagger {
  tag(sentence: string, figures: readonly FigureFeature[]): Tag[];
}

/** One labelled training sentence; `figures` are what the analyzer found in it. */
export interface LabelledSentence {
  text: string;
  tags: Tag[];
  line: number;
}

/**
 * apparatus multiplies per-feature probabilities (~1/400 each) and leaves the log domain
 * before returning, so past ~110 features both scores underflow to 0. Long sentences
 * (a Chinese one gives a bigram per character) are judged on their first 100 known features.
 */
const MAX_FEATURES = 100;

/**
 * Token → feature index, shared by all the per-tag classifiers, with each token array
 * encoded once (training repeats documents; tagging asks every classifier about the same
 * sentence). Tokens never seen in training are dropped.
 */
class FeatureIndex {
  private readonly index = new Map<string, number>();
  private readonly encoded = new WeakMap<string[], Record<string, number>>();

  constructor(vocabulary: readonly string[] = []) {
    for (const token of vocabulary) this.index.set(token, this.index.size);
  }

  /** Tokens in index order, for saving. */
  vocabulary(): string[] {
    return [...this.index.keys()];
  }

  encode(tokens: string[], grow: boolean): Record<string, number> {
    const cached = this.encoded.get(tokens);
    if (cached) return cached;
    const sparse: Record<string, number> = {};
    const seen = new Set<number>();
    let n = 0;
    for (const token of tokens) {
      let i = this.index.get(token);
      if (i === undefined) {
        if (!grow) continue;
        i = this.index.size;
        this.index.set(token, i);
      }
      if (seen.has(i)) continue;
      seen.add(i);
      sparse[n++] = i;
      if (n === MAX_FEATURES) break;
    }
    this.encoded.set(tokens, sparse);
    return sparse;
  }
}

/** apparatus's state of a trained Bayes classifier: all that classification needs. */
interface BayesState {
  classFeatures: Record<string, Record<string, number>>;
  classTotals: Record<string, number>;
  totalExamples: number;
  smoothing: number;
}

/**
 * natural's BayesClassifier with a sparse feature encoding: the stock textToFeatures scans
 * the whole vocabulary for every sentence (O(vocabulary × tokens)); an index map makes
 * training and classification linear in the sentence.
 */
class SparseBayesClassifier extends BayesClassifier {
  private frozen = false;
  private index: FeatureIndex;

  constructor(index: FeatureIndex, smoothing: number) {
    super(undefined, smoothing);
    this.index = index;
  }

  override textToFeatures(observation: string[]): Record<string, number> {
    return this.index.encode(observation, !this.frozen);
  }

  override train(): void {
    super.train();
    this.frozen = true;
    // apparatus counts examples (the class priors) only for dense observations; set them
    // as its dense path would: one smoothing count plus the documents of each label.
    const engine = this.state();
    engine.totalExamples = 1 + this.docs.length;
    for (const label of Object.keys(engine.classTotals)) engine.classTotals[label] = 1 + this.docs.filter((d) => d.label === label).length;
  }

  state(): BayesState {
    return (this as unknown as { classifier: BayesState }).classifier;
  }

  /** natural's own restore (the shape its save() writes), without the training documents. */
  static fromState(state: BayesState, index: FeatureIndex): SparseBayesClassifier {
    const c = BayesClassifier.restore({ classifier: state, docs: [], features: {} });
    Object.setPrototypeOf(c, SparseBayesClassifier.prototype);
    const sparse = c as unknown as { index: FeatureIndex; frozen: boolean };
    sparse.index = index;
    sparse.frozen = true;
    return c as SparseBayesClassifier;
  }
}

/** The likeliest tag is given when P(tag | sentence) from its yes/no classifier exceeds this… */
const THRESHOLD = 0.9;
/** …and each further tag only above this: most sentences carry one tag, and related tags (ipo/funding, capacity/demand) share words. */
const EXTRA_THRESHOLD = 0.9999;

/**
 * Bump when tagFeatures, the figure finder's output or the classifier set-up changes, so a
 * saved model trained the old way is not used.
 */
export const TAGGER_MODEL_FORMAT = 1;

/** A trained tagger as saved in config/tagger/model.json. */
export interface TaggerModel {
  format: number;
  /** sha256 of the training data it was trained on. */
  source: string;
  vocabulary: string[];
  classifiers: { tag: Tag; state: BayesState }[];
}

interface Trained {
  index: FeatureIndex;
  classifiers: { tag: Tag; c: SparseBayesClassifier }[];
}

/**
 * Multi-label tagging, one-vs-rest: one yes/no naive Bayes classifier (natural's
 * BayesClassifier) per tag. Classes are balanced by repeating the rarer side's documents:
 * this Bayes variant scores only the features present, with each feature's rate taken over
 * its class's documents, so an unbalanced pair would favour whichever class has fewer.
 */
function train(examples: readonly LabelledSentence[], figuresOf: (text: string) => FigureFeature[]): Trained {
  const featureSets = examples.map((e) => tagFeatures(e.text, figuresOf(e.text)));
  const usable = examples.filter((_, i) => (featureSets[i] as string[]).length > 0);
  const features = featureSets.filter((f) => f.length > 0);
  const index = new FeatureIndex();
  for (const f of features) index.encode(f, true);
  const classifiers: Trained['classifiers'] = [];
  for (const tag of TAGS) {
    const yes = usable.map((e, i) => (e.tags.includes(tag) ? i : -1)).filter((i) => i >= 0);
    const no = usable.map((e, i) => (e.tags.includes(tag) ? -1 : i)).filter((i) => i >= 0);
    if (yes.length === 0 || no.length === 0) continue;
    const c = new SparseBayesClassifier(index, 1);
    const yesTimes = Math.max(1, Math.round(no.length / yes.length));
    const noTimes = Math.max(1, Math.round(yes.length / no.length));
    for (const i of yes) for (let k = 0; k < yesTimes; k++) c.addDocument(features[i] as string[], 'yes');
    for (const i of no) for (let k = 0; k < noTimes; k++) c.addDocument(features[i] as string[], 'no');
    c.train();
    classifiers.push({ tag, c });
  }
  return { index, classifiers };
}

function taggerOf({ classifiers }: Trained, threshold: number, extraThreshold: number): Tagger {
  return {
    tag(sentence, figures) {
      const tokens = tagFeatures(sentence, figures);
      if (tokens.length === 0) return [];
      const scored: { tag: Tag; p: number }[] = [];
      for (const { tag, c } of classifiers) {
        let yes = 0;
        let no = 0;
        for (const r of c.getClassifications(tokens)) {
          if (r.label === 'yes') yes = r.value;
          else no = r.value;
        }
        if (yes > 0) scored.push({ tag, p: yes / (yes + no) });
      }
      scored.sort((a, b) => b.p - a.p);
      const tags = scored.filter((s, i) => s.p > (i === 0 ? threshold : extraThreshold)).map((s) => s.tag);
      // Vocabulary order, so the output does not depend on score ties.
      return TAGS.filter((t) => tags.includes(t));
    },
  };
}

/** Trains a tagger from labelled sentences (tens of milliseconds for a few hundred). */
export function trainTagger(examples: readonly LabelledSentence[], figuresOf: (text: string) => FigureFeature[], threshold = THRESHOLD, extraThreshold = EXTRA_THRESHOLD): Tagger {
  return taggerOf(train(examples, figuresOf), threshold, extraThreshold);
}

/** Trains and returns the model to save; `source` is trainingSourceHash of the training file's text. */
export function trainTaggerModel(examples: readonly LabelledSentence[], figuresOf: (text: string) => FigureFeature[], source: string): TaggerModel {
  const trained = train(examples, figuresOf);
  return {
    format: TAGGER_MODEL_FORMAT,
    source,
    vocabulary: trained.index.vocabulary(),
    classifiers: trained.classifiers.map(({ tag, c }) => ({ tag, state: c.state() })),
  };
}

/** A tagger from a saved model: no stemming or counting at start-up. */
export function taggerFromModel(model: TaggerModel): Tagger {
  const index = new FeatureIndex(model.vocabulary);
  const classifiers = model.classifiers.map(({ tag, state }) => ({ tag, c: SparseBayesClassifier.fromState(state, index) }));
  return taggerOf({ index, classifiers }, THRESHOLD, EXTRA_THRESHOLD);
}

/** Whether a saved model was trained, the current way, on exactly this training text. */
export function modelIsCurrent(model: unknown, source: string): model is TaggerModel {
  const m = model as Partial<TaggerModel> | null;
  return !!m && m.format === TAGGER_MODEL_FORMAT && m.source === source && Array.isArray(m.vocabulary) && Array.isArray(m.classifiers);
}

export function trainingSourceHash(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Reads labelled sentences: one per line, `tags<TAB>sentence`, tags comma-separated from
 * the fixed vocabulary or "-" for none; blank lines and lines starting with "#" are skipped.
 */
export function parseTrainingData(file: string, content: string): LabelledSentence[] {
  const out: LabelledSentence[] = [];
  content.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const tab = raw.indexOf('\t');
    if (tab < 0) throw new ConfigError(file, line, null, 'expected "tags<TAB>sentence" (tags comma-separated, or "-" for none)');
    const labels = raw.slice(0, tab).trim();
    const text = raw.slice(tab + 1).trim();
    if (text === '') throw new ConfigError(file, line, null, 'expected a sentence after the tab');
    const tags: Tag[] = [];
    if (labels !== '-') {
      for (const t of labels.split(',').map((s) => s.trim())) {
        if (!isTag(t)) throw new ConfigError(file, line, t, `unknown tag; expected one of: ${TAGS.join(', ')} (or "-")`);
        if (!tags.includes(t)) tags.push(t);
      }
    }
    out.push({ text, tags, line });
  });
  return out;
}

export function readTrainingFile(file: string): LabelledSentence[] {
  return parseTrainingData(file, readText(file));
}

/** A file's text, or a located ConfigError. */
export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, null, null, `cannot read: ${(err as Error).message}`);
  }
}
