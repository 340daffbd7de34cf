// Types for the parts of `natural` imported by deep path (the package's own index.d.ts
// only types the whole-package import, which is slow and prints to stdout).

declare module 'natural/lib/natural/tokenizers/sentence_tokenizer.js' {
  export default class SentenceTokenizer {
    constructor(abbreviations?: string[], trimSentences?: boolean);
    tokenize(text: string): string[];
  }
}

declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}

declare module 'natural/lib/natural/classifiers/bayes_classifier.js' {
  export interface Classification {
    label: string;
    value: number;
  }
  export default class BayesClassifier {
    constructor(stemmer?: unknown, smoothing?: number);
    docs: { label: string; text: string[] }[];
    features: Record<string, number>;
    addDocument(text: string[], label: string): void;
    train(): void;
    textToFeatures(observation: string[]): number[] | Record<string, number>;
    getClassifications(observation: string[]): Classification[];
    classify(observation: string[]): string;
    static restore(classifier: unknown, stemmer?: unknown): BayesClassifier;
  }
}

declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: string[];
}
