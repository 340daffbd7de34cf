import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
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

/**
 * natural's BayesClassifier with a sparse feature encoding: the stock textToFeatures scans
 * the whole vocabulary for every sentence (O(vocabulary × tokens)); an index map makes
 * training and classification linear in the sentence.
 */
class SparseBayesClassifier extends BayesClassifier {
  private frozen = false;

  constructor(private readonly index: FeatureIndex, smoothing: number) {
    super(undefined, smoothing);
  }

  override textToFeatures(observation: string[]): Record<string, number> {
    return this.index.encode(observation, !this.frozen);
  }

  override train(): void {
    super.train();
    this.frozen = true;
    // apparatus counts examples (the class priors) only for dense observations; set them
    // as its dense path would: one smoothing count plus the documents of each label.
    const engine = (this as unknown as { classifier: { classTotals: Record<string, number>; totalExamples: number } }).classifier;
    engine.totalExamples = 1 + this.docs.length;
    for (const label of Object.keys(engine.classTotals)) engine.classTotals[label] = 1 + this.docs.filter((d) => d.label === label).length;
  }
}

/** The likeliest tag is given when P(tag | sentence) from its yes/no classifier exceeds this… */
const THRESHOLD = 0.9;
/** …and each further tag only above this: most sentences carry one tag, and related tags (ipo/funding, capacity/demand) share words. */
const EXTRA_THRESHOLD = 0.9999;

/**
 * Multi-label tagging, one-vs-rest: one yes/no naive Bayes classifier (natural's
 * BayesClassifier) per tag. Classes are balanced by repeating the rarer side's documents:
 * this Bayes variant scores only the features present, with each feature's rate taken over
 * its class's documents, so an unbalanced pair would favour whichever class has fewer.
 * Call once per process: a few hundred sentences train in milliseconds.
 */
export function trainTagger(examples: readonly LabelledSentence[], figuresOf: (text: string) => FigureFeature[], threshold = THRESHOLD, extraThreshold = EXTRA_THRESHOLD): Tagger {
  const featureSets = examples.map((e) => tagFeatures(e.text, figuresOf(e.text)));
  const usable = examples.filter((_, i) => (featureSets[i] as string[]).length > 0);
  const features = featureSets.filter((f) => f.length > 0);
  const index = new FeatureIndex();
  for (const f of features) index.encode(f, true);
  const classifiers = TAGS.map((tag) => {
    const yes = usable.map((e, i) => (e.tags.includes(tag) ? i : -1)).filter((i) => i >= 0);
    const no = usable.map((e, i) => (e.tags.includes(tag) ? -1 : i)).filter((i) => i >= 0);
    if (yes.length === 0 || no.length === 0) return null;
    const c = new SparseBayesClassifier(index, 1);
    const yesTimes = Math.max(1, Math.round(no.length / yes.length));
    const noTimes = Math.max(1, Math.round(yes.length / no.length));
    for (const i of yes) for (let k = 0; k < yesTimes; k++) c.addDocument(features[i] as string[], 'yes');
    for (const i of no) for (let k = 0; k < noTimes; k++) c.addDocument(features[i] as string[], 'no');
    c.train();
    return { tag, c };
  });
  return {
    tag(sentence, figures) {
      const tokens = tagFeatures(sentence, figures);
      if (tokens.length === 0) return [];
      const scored: { tag: Tag; p: number }[] = [];
      for (const entry of classifiers) {
        if (!entry) continue;
        let yes = 0;
        let no = 0;
        for (const r of entry.c.getClassifications(tokens)) {
          if (r.label === 'yes') yes = r.value;
          else no = r.value;
        }
        if (yes > 0) scored.push({ tag: entry.tag, p: yes / (yes + no) });
      }
      scored.sort((a, b) => b.p - a.p);
      const tags = scored.filter((s, i) => s.p > (i === 0 ? threshold : extraThreshold)).map((s) => s.tag);
      // Vocabulary order, so the output does not depend on score ties.
      return TAGS.filter((t) => tags.includes(t));
    },
  };
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
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, null, null, `cannot read: ${(err as Error).message}`);
  }
  return parseTrainingData(file, content);
}
