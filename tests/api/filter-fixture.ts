import type { ArticleInput } from '../../src/store/types.js';
import { FIXTURE_ARTICLES } from './store-fixture.js';

// The API fixture (tests/fixtures/api/articles.json) and two more articles: Huawei and
// Nvidia in one article but separate sentences (so "all" differs from "any" by more
// than the article), an energy figure, and a sentence full of characters that are
// syntax somewhere (SQL, FTS5, HTML).

const base = FIXTURE_ARTICLES[0]!;

export const TRICKY_SENTENCE = `Biren's O'Brien said "NEAR(chips)" text:chips * ^first -- DROP TABLE events; <script>alert(1)</script> 50% of_chips.`;

export const FILTER_ARTICLES: ArticleInput[] = [
  ...FIXTURE_ARTICLES,
  {
    ...base,
    url: 'https://news.example.com/separate',
    canonicalUrl: 'https://news.example.com/separate',
    feedItemId: 'separate',
    title: 'Separate sentences',
    published: '2025-02-25T12:00:00Z',
    fetchedAt: '2025-02-25T12:30:00Z',
    text: 'Huawei opened a lab in Shenzhen. Nvidia cut prices. Data centres used 1.5 TWh last year.',
    contentHash: 'separate'.padEnd(64, '0'),
    mentions: [],
    powerFigures: [],
    events: [
      { sentence: 0, text: 'Huawei opened a lab in Shenzhen.', entities: ['huawei'], tags: ['product'], powerFigures: [] },
      { sentence: 1, text: 'Nvidia cut prices.', entities: ['nvidia'], tags: ['earnings'], powerFigures: [] },
      {
        sentence: 2, text: 'Data centres used 1.5 TWh last year.', entities: [], tags: ['power-demand'],
        powerFigures: [{ text: '1.5 TWh', value: 1.5, unit: 'TWh', kind: 'energy', si: 1.5e12, sentence: 2, start: 18, end: 25 }],
      },
    ],
  },
  {
    ...base,
    url: 'https://news.example.com/tricky',
    canonicalUrl: 'https://news.example.com/tricky',
    feedItemId: 'tricky',
    title: 'Tricky <b>title</b>',
    published: '2025-02-24T12:00:00Z',
    fetchedAt: '2025-02-24T12:30:00Z',
    text: TRICKY_SENTENCE,
    contentHash: 'tricky'.padEnd(64, '0'),
    mentions: [],
    powerFigures: [],
    events: [{ sentence: 0, text: TRICKY_SENTENCE, entities: ['biren'], tags: ['product'], powerFigures: [] }],
  },
];
