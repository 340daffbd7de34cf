// Types for bench/aeb-score.js (plain JS so `node bench/...` runs it without a build).

export interface PageScore {
  id: string;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  exact: boolean;
}

export interface Score {
  f1: number;
  precision: number;
  recall: number;
  accuracy: number;
  pages: PageScore[];
}

export function tokenize(text: string): string[];
export function shingles(text: string, n?: number): Map<string, number>;
export function pageCounts(truth: string, prediction: string, n?: number): { tp: number; fp: number; fn: number };
export function evaluate(truth: Record<string, string>, predictions: Record<string, string>, ids?: string[]): Score;
export function bodies(json: unknown): Record<string, string>;
