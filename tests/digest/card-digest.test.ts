import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DigestRecipient } from '../../src/config/settings-types.js';
import { loadRecipientView } from '../../src/digest/day-source.js';
import { buildStoryDigest, PER_COMPANY, type StoryDigestView } from '../../src/digest/story-digest.js';
import { renderStoryDigest } from '../../src/digest/story-render.js';
import { openStore, type Store } from '../../src/store/store.js';
import { addDays } from '../../src/time/zoned-day.js';
import { sampleCompanies, sampleEvents, SAMPLE_DATE, SAMPLE_ZONE } from '../fixtures/digest/sample-day/index.js';
import { sampleDayDb } from './store-day.js';

// The digest a recipient gets is built from the store's article cards, with the sentences
// read only for the stories a mail shows. It must say what the digest built from the day's
// events in memory says: the same stories, ranked the same, the same sentences, figures and
// mail.

const WATCH = sampleCompanies(addDays).map((c) => ({ id: c.id, name: c.name }));
const everyone: DigestRecipient = { address: 'a@example.com', companies: null, tags: null, timezone: SAMPLE_ZONE, time: '07:00', onEmptyDay: 'note' };
let store: Store;
let fromStore: StoryDigestView;
let inMemory: StoryDigestView;

beforeAll(() => {
  store = openStore(sampleDayDb(), { readonly: true });
  fromStore = loadRecipientView(store, { recipient: everyone, date: SAMPLE_DATE, watch: WATCH, webBase: null });
  inMemory = buildStoryDigest(sampleEvents(), {
    date: SAMPLE_DATE, timezone: SAMPLE_ZONE, companies: fromStore.companies.map((c) => ({ id: c.id, name: c.name, history: c.trend.slice(0, -1) })), feedNames: store.feedNames(), failingFeeds: fromStore.failingFeeds,
  });
});
afterAll(() => store?.close());

const shape = (v: StoryDigestView) => ({
  ranked: v.ranked.map((s) => ({ id: s.id, score: s.score, articles: s.articles.map((a) => [a.id, a.outlet]), subject: s.subject, tags: s.tags })),
  head: v.head.map((s) => s.id),
  companies: v.companies.map((c) => ({ id: c.id, count: c.count, spike: c.spike, stories: c.stories.map((s) => s.id) })),
  power: v.power.map((r) => ({ ...r, sources: r.sources.map((a) => a.id) })),
  totals: v.totals,
});

describe('the digest from article cards', () => {
  it('has the stories, ranking, sections and power table of the digest built from the events', () => {
    expect(fromStore.totals.stories).toBeGreaterThan(10);
    expect(fromStore.power.length).toBeGreaterThan(0);
    // The store numbers articles its own way: its ids are mapped back by URL.
    const ids = new Map(sampleEvents().map((e) => [e.article.url, e.article.id]));
    const renumber = (v: StoryDigestView): StoryDigestView => {
      for (const s of v.ranked) {
        for (const a of s.articles) a.id = ids.get(a.url)!;
        s.id = `s${Math.min(...s.articles.map((a) => a.id))}`;
      }
      return v;
    };
    expect(shape(renumber(fromStore))).toEqual(shape(inMemory));
  });

  it('reads the sentences of the stories the mail shows, and only those', () => {
    const shown = new Set([...fromStore.head, ...fromStore.companies.flatMap((c) => c.stories.slice(0, PER_COMPANY))]);
    for (const s of fromStore.ranked) {
      if (shown.has(s)) expect(s.sentences.length, s.title).toBeGreaterThan(0);
      else expect(s.sentences).toEqual([]);
    }
    const same = (v: StoryDigestView) => [...shown].map((s) => v.ranked.find((x) => x.title === s.title)!.sentences.map((x) => x.text));
    expect(same(fromStore)).toEqual(same(inMemory));
    expect(renderStoryDigest(fromStore).text.replace(/s\d+/g, '')).toEqual(renderStoryDigest(inMemory).text.replace(/s\d+/g, ''));
  });

  it('reads the URL and title of every article the mail links to, and of no other story', () => {
    const shown = new Set([...fromStore.head, ...fromStore.companies.flatMap((c) => c.stories.slice(0, PER_COMPANY))]);
    for (const s of fromStore.ranked) {
      const filled = s.articles.every((a) => /^https?:\/\//.test(a.url) && a.title !== '');
      if (shown.has(s)) expect(filled && s.title === s.articles[0]!.title, s.id).toBe(true);
      else expect(s.title, s.id).toBe('');
    }
    for (const r of fromStore.power) for (const a of r.sources) expect(a.url).toMatch(/^https?:\/\//);
    const { html, text } = renderStoryDigest(fromStore);
    expect(html).not.toMatch(/href=""|\(untitled\)/);
    expect(text).not.toMatch(/\(untitled\)/);
  });

  it('counts, ranks and quotes only the events a recipient follows', () => {
    const r: DigestRecipient = { ...everyone, companies: ['huawei'], tags: ['export-control', 'product'] };
    const v = loadRecipientView(store, { recipient: r, date: SAMPLE_DATE, watch: WATCH, webBase: null });
    expect(v.ranked.length).toBeGreaterThan(0);
    expect(v.ranked.length).toBeLessThan(fromStore.ranked.length);
    for (const s of v.ranked) {
      expect(s.tags.every((t) => r.tags!.includes(t)), s.title).toBe(true);
      for (const x of s.sentences) expect(x.entities.includes('huawei') && x.tags.some((t) => r.tags!.includes(t)), x.text).toBe(true);
      for (const f of s.figures) expect(f.sentence.entities).toContain('huawei');
    }
  });
});
