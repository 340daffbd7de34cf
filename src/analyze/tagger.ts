import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import { createHash } from 'node:crypto';
import { TAGS, type Tag } from './tags.js';
import { ruleTags } from './tag-cues.js';
import { toSimplified } from './simplified-chinese.js';
import { tagFeatures, type FeatureOptions, type FigureFeature } from './tag-features.js';
import { LOGISTIC_DEFAULTS, trainLogistic, type LogisticOptions } from './tag-logistic.js';
import { MLP_DEFAULTS, mlpFromJson, mlpToJson, trainMlp, type MlpJson, type MlpOptions } from './tag-mlp.js';
import { bayesWeights, logOdds, scorerOf, type BayesState, type Scorer } from './tag-scorer.js';
import type { LabelledSentence } from './tagger-data.js';
import { tuneThresholds } from './tagger-thresholds.js';

export { parseTrainingData, TrainingDataError, type LabelledSentence } from './tagger-data.js';

/** Tags one sentence from the fixed vocabulary. */
export interface Tagger {
  tag(sentence: string, figures: readonly FigureFeature[]): Tag[];
}

/** How a tagger is trained; the defaults are what the shipped model uses. */
export interface TrainOptions {
  features?: FeatureOptions;
  /** Weight of the naive Bayes log-odds added to the logistic regression's (0: regression only; Infinity is not allowed, use `bayesOnly`). */
  bayesWeight?: number;
  bayesOnly?: boolean;
  logistic?: LogisticOptions;
  /** The network whose log-odds are added to the linear scorer's; null for the linear scorer alone. */
  mlp?: MlpOptions | null;
  /** Per-tag decision thresholds on the log-odds; tuned by cross-validation when absent. */
  thresholds?: Partial<Record<Tag, number>>;
  /** How much cross-validated F1 a tuned threshold may give up to sit nearer even odds (bestThreshold). */
  thresholdTolerance?: number;
  /** Keep a feature only when this many training sentences have it (default: 2 from 100 sentences up, else 1). */
  minCount?: number;
}

/**
 * Chosen by cross-validation on the training data (see tests/analyze/tagger.eval.ts):
 * a little naive Bayes evidence steadies the regression on rare words.
 */
const BAYES_WEIGHT = 0.1;

/**
 * Round three's set-up (exact cut-offs, class-balanced regression, a three-sentence feature
 * floor, the exact-phrase rules) against round two's (tolerance 0.01, no balance, floor 2,
 * no rules), 5-fold CV by page on round three's training side, two fold draws: tag-set F1
 * 0.818 and 0.818 against 0.815 and 0.820. No better, no worse; kept for a model half the
 * size (332 KB against 619 KB) and for the rules, which settle the exact phrases by definition.
 */
const THRESHOLD_TOLERANCE = 0;

/**
 * natural's BayesClassifier over index lists (the stock textToFeatures scans the whole
 * vocabulary for every sentence). Used to count: the tagger scores with bayesWeights.
 */
class IndexedBayesClassifier extends BayesClassifier {
  override textToFeatures(observation: string[]): Record<string, number> {
    const sparse: Record<string, number> = {};
    observation.forEach((f, i) => {
      sparse[i] = Number(f);
    });
    return sparse;
  }

  override train(): void {
    super.train();
    // apparatus counts examples (the class priors) only for dense observations; set them
    // as its dense path would: one smoothing count plus the documents of each label.
    const engine = this.state();
    engine.totalExamples = 1 + this.docs.length;
    for (const label of Object.keys(engine.classTotals)) engine.classTotals[label] = 1 + this.docs.filter((d) => d.label === label).length;
  }

  state(): BayesState {
    return (this as unknown as { classifier: BayesState }).classifier;
  }
}

/**
 * Naive Bayes for one tag, classes balanced by repeating the rarer side's documents: this
 * Bayes variant scores only the features present, with each feature's rate taken over its
 * class's documents, so an unbalanced pair would favour whichever class has fewer.
 */
function bayesFor(x: readonly number[][], y: readonly boolean[], size: number): { bias: number; w: Float64Array } {
  const c = new IndexedBayesClassifier(undefined, 1);
  const yes = y.filter(Boolean).length;
  const no = y.length - yes;
  const yesTimes = Math.max(1, Math.round(no / Math.max(1, yes)));
  const noTimes = Math.max(1, Math.round(yes / Math.max(1, no)));
  x.forEach((xi, i) => {
    const doc = xi.map(String);
    for (let k = 0; k < (y[i] ? yesTimes : noTimes); k++) c.addDocument(doc, y[i] ? 'yes' : 'no');
  });
  c.train();
  return bayesWeights(c.state(), size);
}

/**
 * Feature tokens in first-seen order; from a sizeable training set only those seen in at
 * least two sentences (a word met once in thousands of sentences is noise and model
 * weight; in a handful of sentences it is all there is). Two rather than round three's
 * three since the network came in: with it, CV tag-set F1 0.834 against 0.829 (MLP_DEFAULTS).
 */
function vocabularyOf(features: readonly string[][], min?: number): Map<string, number> {
  const minCount = min ?? (features.length >= 100 ? 2 : 1);
  const df = new Map<string, number>();
  for (const f of features) for (const token of new Set(f)) df.set(token, (df.get(token) ?? 0) + 1);
  const index = new Map<string, number>();
  for (const [token, n] of df) if (n >= minCount) index.set(token, index.size);
  return index;
}

function encode(index: ReadonlyMap<string, number>, tokens: readonly string[]): number[] {
  const out = new Set<number>();
  for (const t of tokens) {
    const i = index.get(t);
    if (i !== undefined) out.add(i);
  }
  return [...out];
}

/**
 * Multi-label tagging, one-vs-rest: per tag, an L2 logistic regression plus BAYES_WEIGHT
 * times natural's naive Bayes log-odds, both over the same features; the sum is one linear
 * scorer, so tagging costs one weight lookup per feature whatever the mix. To it is added
 * the log-odds of a small network over the same features (tag-mlp.ts), which sees features
 * in combination and shares one hidden layer across tags: 5-fold CV by page on round four's
 * training side, three fold draws, tag-set F1 0.834 (0.834/0.836/0.834) against 0.821
 * (0.814/0.829/0.819) for the linear scorer alone (see MLP_DEFAULTS).
 */
function trainScorer(examples: readonly LabelledSentence[], features: readonly string[][], opts: TrainOptions): Scorer {
  const index = vocabularyOf(features, opts.minCount);
  const x = features.map((f) => encode(index, f));
  const alpha = opts.bayesWeight ?? BAYES_WEIGHT;
  const tags = TAGS.filter((tag) => examples.some((e) => e.tags.includes(tag)));
  const perTag = tags.map((tag) => {
    const y = examples.map((e) => e.tags.includes(tag));
    const nb = bayesFor(x, y, index.size);
    if (opts.bayesOnly) return nb;
    const lr = trainLogistic(x, y, index.size, opts.logistic ?? LOGISTIC_DEFAULTS);
    if (alpha === 0) return lr;
    return { bias: lr.bias + alpha * nb.bias, w: lr.w.map((v, i) => v + alpha * (nb.w[i] as number)) };
  });
  const mlpOpts = opts.mlp === undefined ? MLP_DEFAULTS : opts.mlp;
  const mlp = mlpOpts && !opts.bayesOnly ? trainMlp(x, examples.map((e) => tags.map((t) => e.tags.includes(t))), index.size, tags.length, mlpOpts) : undefined;
  return scorerOf(tags, index, perTag, mlp);
}

/**
 * Bump when tagFeatures, the figure finder's output or the training set-up changes, so a
 * saved model trained the old way is not used.
 */
export const TAGGER_MODEL_FORMAT = 6;

/** A trained tagger as saved in config/tagger/model.json. */
export interface TaggerModel {
  format: number;
  /** sha256 of the training data it was trained on. */
  source: string;
  vocabulary: string[];
  /** Per tag: bias, one weight per vocabulary entry (rounded), and the log-odds above which the tag is given. */
  classifiers: { tag: Tag; bias: number; weights: number[]; threshold: number }[];
  /** The network added to the classifiers' log-odds (outputs in classifiers order), when trained with one. */
  mlp?: MlpJson;
}

/** Four decimals keep the file small; a threshold of "never" (no positive example) is saved as 1e9, since JSON has no Infinity. */
const round = (v: number) => (Number.isFinite(v) ? Math.round(v * 1e4) / 1e4 : v > 0 ? 1e9 : -1e9);

/** Trains the model to save; `source` is trainingSourceHash of the training file's text. */
export function trainTaggerModel(examples: readonly LabelledSentence[], figuresOf: (text: string) => FigureFeature[], source: string, opts: TrainOptions = {}): TaggerModel {
  const features = examples.map((e) => tagFeatures(e.text, figuresOf(e.text), opts.features));
  const scorer = trainScorer(examples, features, opts);
  const thresholds = opts.thresholds ?? tuneThresholds(examples, features, (ex, f) => trainScorer(ex, f, opts), opts.thresholdTolerance ?? THRESHOLD_TOLERANCE);
  const k = scorer.tags.length;
  const m = scorer.mlp;
  return {
    format: TAGGER_MODEL_FORMAT,
    source,
    vocabulary: [...scorer.index.keys()],
    classifiers: scorer.tags.map((tag, t) => ({
      tag,
      bias: round(scorer.bias[t] as number),
      weights: Array.from({ length: scorer.index.size }, (_, f) => round(scorer.weights[f * k + t] as number)),
      threshold: round(thresholds[tag] ?? Infinity),
    })),
    ...(m ? { mlp: mlpToJson(m) } : {}),
  };
}

/** A tagger from a saved (or freshly trained) model. */
export function taggerFromModel(model: TaggerModel, opts: FeatureOptions = {}): Tagger {
  const index = new Map<string, number>();
  for (const token of model.vocabulary) index.set(token, index.size);
  const mlp = model.mlp ? mlpFromJson(model.mlp, model.classifiers.length) : undefined;
  const scorer = scorerOf(model.classifiers.map((c) => c.tag), index, model.classifiers.map((c) => ({ bias: c.bias, w: c.weights })), mlp);
  const thresholds = model.classifiers.map((c) => c.threshold);
  return {
    tag(sentence, figures) {
      const odds = logOdds(scorer, tagFeatures(sentence, figures, opts));
      const tags = scorer.tags.filter((_, t) => (odds[t] as number) > (thresholds[t] as number));
      // An exact phrase (tag-cues.ts RULES) settles its tag whatever the score.
      for (const tag of ruleTags(toSimplified(sentence))) if (!tags.includes(tag)) tags.push(tag);
      // Vocabulary order, so the output does not depend on the classifiers' order.
      return TAGS.filter((t) => tags.includes(t));
    },
  };
}

/** Trains a tagger from labelled sentences (through the saved form, so it tags as a restored model does). */
export function trainTagger(examples: readonly LabelledSentence[], figuresOf: (text: string) => FigureFeature[], opts: TrainOptions = {}): Tagger {
  return taggerFromModel(trainTaggerModel(examples, figuresOf, '', opts), opts.features);
}

/** Whether a saved model was trained, the current way, on exactly this training text. */
export function modelIsCurrent(model: unknown, source: string): model is TaggerModel {
  const m = model as Partial<TaggerModel> | null;
  return !!m && m.format === TAGGER_MODEL_FORMAT && m.source === source && Array.isArray(m.vocabulary) && Array.isArray(m.classifiers);
}

export function trainingSourceHash(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}
