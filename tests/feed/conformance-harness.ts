import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeHTML } from 'entities';
import type { NormalizedFeed } from '../../src/model.js';
import { parseFeed, parseFeedBytes } from '../../src/feed/parse-feed.js';

// Replays ../shared/conformance/feeds/cases.json (feedparser's expectations, converted)
// against parseFeed. Scope, as issue 3 sets it: every case outside wellformed/sanitize;
// "http" cases are given the URL, Content-Type and Content-Location they were served with.

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const feedsDir = path.resolve(repoRoot, '..', 'shared', 'conformance', 'feeds');
export const haveShared = existsSync(path.join(feedsDir, 'cases.json'));

export interface Check {
  path: string;
  equals: string;
}

export interface Case {
  file: string;
  topic: string;
  description: string;
  checks: Check[];
  input: 'text' | 'bytes' | 'http';
  http?: { url: string; headers: Record<string, string> };
}

export interface CheckResult {
  file: string;
  topic: string;
  path: string;
  expected: string;
  actual: string | null | undefined;
  error?: string;
  pass: boolean;
}

export function loadCases(): Case[] {
  const all = JSON.parse(readFileSync(path.join(feedsDir, 'cases.json'), 'utf8')) as Case[];
  return all.filter((c) => c.topic !== 'wellformed/sanitize');
}

export function parseCaseFile(c: Pick<Case, 'file' | 'input' | 'http'>): NormalizedFeed {
  const bytes = readFileSync(path.join(feedsDir, 'files', c.file));
  if (c.input === 'text') return parseFeed(bytes.toString('utf8'));
  const headers = c.http?.headers ?? {};
  return parseFeedBytes(bytes, {
    ...(c.http ? { url: c.http.url } : {}),
    contentType: headers['Content-Type'] ?? null,
    contentLocation: headers['Content-Location'] ?? null,
  });
}

/** The value at a check path: feed.title, entries[0].summary, entries[0].content[0].value, ... */
export function valueAt(feed: NormalizedFeed, p: string): string | null | undefined {
  const feedField = /^feed\.(title|link|description)$/.exec(p);
  if (feedField) return feed[feedField[1] as 'title' | 'link' | 'description'];
  const m = /^entries\[(\d+)\]\.(\w+)(\[0\]\.value)?$/.exec(p);
  if (!m) throw new Error(`unknown check path ${p}`);
  const item = feed.items[Number(m[1])];
  if (!item) return undefined;
  return item[m[2] as keyof typeof item];
}

/** "The same text once tags are stripped and entities decoded" (whitespace runs count as one space). */
export function asText(html: string): string {
  return decodeHTML(html.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
}

const HTML_FIELDS = /\.(summary|content)/;

/**
 * Exact match, or the same text. Titles, descriptions and authors are plain text in our
 * model, so they are compared as they are with the expected value's text; summaries and
 * content are HTML on both sides. feedparser's expected value may itself be plain text
 * (Atom type="text"), so it is also compared verbatim with our value's text.
 */
export function sameText(p: string, actual: string | null | undefined, expected: string): boolean {
  if (actual === expected) return true;
  if (actual === null || actual === undefined) return false;
  const ours = HTML_FIELDS.test(p) ? asText(actual) : actual.replace(/\s+/g, ' ').trim();
  return ours === asText(expected) || ours === expected.replace(/\s+/g, ' ').trim();
}

export function runCases(cases: Case[]): CheckResult[] {
  const out: CheckResult[] = [];
  for (const c of cases) {
    let feed: NormalizedFeed | null = null;
    let error: string | undefined;
    try {
      feed = parseCaseFile(c);
    } catch (err) {
      error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
    for (const check of c.checks) {
      const actual = feed ? valueAt(feed, check.path) : undefined;
      out.push({
        file: c.file,
        topic: c.topic,
        path: check.path,
        expected: check.equals,
        actual,
        ...(error ? { error } : {}),
        pass: feed !== null && sameText(check.path, actual, check.equals),
      });
    }
  }
  return out;
}

export interface TopicSummary {
  topic: string;
  checks: number;
  passed: number;
}

export function byTopic(results: CheckResult[]): TopicSummary[] {
  const map = new Map<string, TopicSummary>();
  for (const r of results) {
    const t = map.get(r.topic) ?? { topic: r.topic, checks: 0, passed: 0 };
    t.checks++;
    if (r.pass) t.passed++;
    map.set(r.topic, t);
  }
  return [...map.values()].sort((a, b) => a.topic.localeCompare(b.topic));
}
