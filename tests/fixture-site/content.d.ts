// Types for content.js (see its header).

export interface Rng {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(arr: readonly T[]): T;
}

export interface ArticleSpec {
  seed: number;
  lang: 'en' | 'zh';
  title: string;
  author: string;
  /** ISO 8601 UTC. */
  published: string;
  /** The start of the first paragraph: what a feed's <description> carries. */
  summary: string;
  paragraphs: string[];
  /** Watch-list entity ids the paragraphs mention, sorted. */
  entities: string[];
  /** Power/energy figures as written in the paragraphs, in order (may repeat). */
  figures: string[];
  /** Page size articleHtml pads to. */
  targetBytes: number;
}

export interface FeedItemSpec {
  title: string;
  link: string;
  guid?: string;
  published: string;
  summary?: string;
  author?: string;
}

export function hashSeed(text: string): number;
export function rng(seed: number): Rng;
export function escapeXml(s: string): string;
export function articleSpec(seed: number, opts?: { lang?: 'en' | 'zh'; minBytes?: number; maxBytes?: number }): ArticleSpec;
export function articleHtml(spec: ArticleSpec, opts?: { url?: string; siteName?: string; charset?: string }): string;
export function rssXml(feed: { title: string; link: string; description?: string; ttlMinutes?: number; encoding?: string; items: FeedItemSpec[] }): string;
export function atomXml(feed: { title: string; link: string; id?: string; base?: string; items: FeedItemSpec[] }): string;
