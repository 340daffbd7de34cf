import { describe, expect, it } from 'vitest';
import { HOLD_SECONDS, StoryIndex, subjectOfCounts } from '../../src/text/story-index.js';

// The story index on its own: what it holds, forgets and restores. (Clustering quality:
// tests/digest/story-*.test.ts and the pair set's eval.)

const words = (prefix: string, n: number): number[] => Array.from({ length: n }, (_, i) => prefix.charCodeAt(0) * 1000 + i);
// A day's other news: 50 articles of their own words, so IDF means something.
function dayOf(index: StoryIndex): void {
  for (let d = 0; d < 50; d++) index.assign({ id: 1000 + d, at: d, terms: Array.from({ length: 10 }, (_, i) => 100_000 + d * 10 + i), subject: 'x' });
}
const story = [...words('s', 8)];
const card = (id: number, at: number, own: string) => ({ id, at, terms: [...story, ...words(own, 3)], subject: 'x' });

describe('StoryIndex', () => {
  it('a copy joins the story of the first; a copy more than HOLD_SECONDS away does not', () => {
    const index = new StoryIndex();
    dayOf(index);
    expect(index.assign(card(1, 100, 'a'))).toBe(1);
    expect(index.assign(card(2, 200, 'b'))).toBe(1);
    expect(index.assign(card(3, 200 + HOLD_SECONDS + 1, 'c'))).toBe(3);
    // Within reach of the latest copy, the story goes on.
    expect(index.assign(card(4, 200 + HOLD_SECONDS - 1, 'd'))).toBe(1);
  });

  it('forgets what is dated before the window, and what is forgotten is joined no more', () => {
    const index = new StoryIndex();
    dayOf(index);
    index.assign(card(1, 100, 'a'));
    index.forgetBefore(101);
    expect(index.has(1)).toBe(false);
    expect(index.size).toBe(0);
    expect(index.assign(card(2, 200, 'b'))).toBe(2);
  });

  it('restored cards keep their stories, and new copies join them', () => {
    const index = new StoryIndex();
    index.restore([
      ...Array.from({ length: 50 }, (_, d) => ({ card: { id: 1000 + d, at: d, terms: words(String.fromCharCode(200 + d), 10), subject: 'x' }, story: 1000 + d })),
      { card: card(5, 100, 'a'), story: 7 },
    ]);
    expect(index.assign(card(8, 150, 'b'))).toBe(7);
  });

  it('an article analysed again is held once, in the story it fits', () => {
    const index = new StoryIndex();
    dayOf(index);
    index.assign(card(1, 100, 'a'));
    index.assign(card(2, 101, 'b'));
    expect(index.assign(card(2, 101, 'b'))).toBe(1);
    expect(index.size).toBe(52);
  });

  it('never puts articles with different subjects in one story', () => {
    const index = new StoryIndex();
    dayOf(index);
    index.assign(card(1, 100, 'a'));
    expect(index.assign({ ...card(2, 100, 'b'), subject: 'y' })).toBe(2);
    expect(index.assign({ ...card(3, 100, 'c'), subject: null })).toBe(3);
  });

  it('subjectOfCounts: most named, ties to the first named', () => {
    expect(subjectOfCounts([['metax', 2], ['moore-threads', 2], ['nvidia', 1]])).toBe('metax');
    expect(subjectOfCounts([['metax', 1], ['nvidia', 3]])).toBe('nvidia');
    expect(subjectOfCounts([])).toBeNull();
  });
});
