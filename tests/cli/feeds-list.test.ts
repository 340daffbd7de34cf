import { describe, expect, it } from 'vitest';
import { feedsTable, listFeeds } from '../../src/cli/feeds/list.js';
import type { FeedConfig } from '../../src/model.js';
import type { FeedState } from '../../src/store/types.js';
import { displayWidth } from '../../src/text/display-width.js';

// `feeds list` as a table: status, relative times, and CJK names in narrow terminals.

const now = new Date('2026-05-01T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
const HOUR = 3_600_000;

function feed(id: string, name: string | null, over: Partial<FeedConfig> = {}): FeedConfig {
  return { id, url: `https://${id}.example/feed`, name, intervalMs: 15 * 60_000, cron: null, enabled: true, maxBytes: null, fullText: 'auto', timezone: null, ...over };
}

function state(id: string, over: Partial<FeedState>): FeedState {
  return {
    id, url: `https://${id}.example/feed`, name: null, etag: null, lastModified: null, lastCheckedAt: ago(HOUR), lastSuccessAt: ago(HOUR),
    lastError: null, lastErrorKind: null, failureCount: 0, nextCheckAt: ago(-10 * 60_000), failingSince: null, itemsSeen: 0, articlesStored: 0, ...over,
  };
}

const feeds = [
  feed('itzj', 'IT之家 — 科技频道 · 芯片与人工智能新闻'),
  feed('fail', 'Broken feed'),
  feed('off', null, { enabled: false }),
  feed('fresh', '新浪科技'),
];
const states = new Map([
  ['itzj', state('itzj', {})],
  ['fail', state('fail', { failureCount: 4, failingSince: ago(50 * HOUR), lastSuccessAt: ago(60 * HOUR), lastError: 'connect ECONNREFUSED 10.0.0.1:443', lastErrorKind: 'connection', nextCheckAt: ago(-2 * HOUR) })],
]);

describe('listFeeds', () => {
  it.each([
    { name: 'healthy feed', id: 'itzj', status: 'ok', failingForMs: null },
    { name: 'failing for two days', id: 'fail', status: 'failing', failingForMs: 50 * HOUR },
    { name: 'disabled', id: 'off', status: 'disabled', failingForMs: null },
    { name: 'never polled', id: 'fresh', status: 'new', failingForMs: null },
  ])('$name → $status', ({ id, status, failingForMs }) => {
    const listed = listFeeds(feeds, states, now).find((f) => f.id === id);
    expect(listed).toMatchObject({ status, failingForMs });
  });
});

describe('listFeeds for --format json', () => {
  it('carries each feed\'s time zone and site rules as feeds.yaml states them, null when unset', () => {
    const siteRules = { content: 'article .body', remove: ['.ad'] };
    const [withRules, plain] = listFeeds([feed('r', 'Rules', { timezone: 'Asia/Shanghai', siteRules }), feed('p', null)], new Map(), now);
    expect(withRules).toMatchObject({ timezone: 'Asia/Shanghai', siteRules });
    expect(plain).toMatchObject({ timezone: null, siteRules: null });
    expect(JSON.parse(JSON.stringify(withRules)).siteRules).toEqual(siteRules);
  });
});

describe('feedsTable', () => {
  const listed = listFeeds(feeds, states, now);

  it('without a terminal width: names up to 28 columns, relative times, "!!" for a feed failing a day or more', () => {
    const lines = feedsTable(listed, now).split('\n');
    expect(lines[0]).toMatch(/^ID +NAME +EVERY +STATUS +LAST OK +FAILS +NEXT TRY +LAST ERROR$/);
    expect(lines[1]).toMatch(/^itzj +IT之家 — 科技频道 · 芯片与… +15m +ok +1h ago +0 +in 10m$/);
    expect(lines[2]).toMatch(/^fail +Broken feed +15m +!! failing 2d +3d ago +4 +in 2h +connection: connect ECONNREFUSED 10\.0\.0\.1:443$/);
    expect(lines[3]).toMatch(/^off +https:\/\/off\.example\/feed +15m +disabled +- +0 +-$/);
    expect(lines[4]).toMatch(/^fresh +新浪科技 +15m +new +- +0 +-$/);
    expect(displayWidth(lines[1]!.match(/IT之家.*…/)![0])).toBe(27); // 人 would make it 29
  });

  it.each([
    { name: 'wide terminal', width: 160 },
    { name: '100 columns', width: 100 },
    { name: '80 columns', width: 80 },
  ])('$name: every line fits and the columns line up', ({ width }) => {
    const lines = feedsTable(listed, now, width).split('\n');
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(width);
    // EVERY starts in the same display column on every line, CJK names or not.
    const statusAt = lines.map((l) => displayWidth(l.slice(0, l.search(/EVERY|15m/))));
    expect(new Set(statusAt).size).toBe(1);
  });
});
