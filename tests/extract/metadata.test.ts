import { describe, expect, it } from 'vitest';
import { toIsoUtc } from '../../src/extract/dates.js';
import { extractMainContent } from '../../src/extract/main-content.js';

describe('toIsoUtc', () => {
  it.each([
    { name: 'ISO with offset', input: '2019-11-18T23:04:24-05:00', want: '2019-11-19T04:04:24.000Z' },
    { name: 'ISO Z with millis', input: '2025-01-02T03:04:05.678Z', want: '2025-01-02T03:04:05.678Z' },
    { name: 'ISO without zone is UTC', input: '2019-11-18T23:04:24', want: '2019-11-18T23:04:24.000Z' },
    { name: 'space instead of T', input: '2019-11-18 23:04', want: '2019-11-18T23:04:00.000Z' },
    { name: 'compact offset', input: '2019-11-18T23:04:24+0100', want: '2019-11-18T22:04:24.000Z' },
    { name: 'date only', input: '2019-11-18', want: '2019-11-18T00:00:00.000Z' },
    { name: 'RFC 2822', input: 'Tue, 19 Nov 2019 10:41:00 GMT', want: '2019-11-19T10:41:00.000Z' },
    { name: 'free form without zone is UTC', input: 'November 19, 2019 10:41 AM', want: '2019-11-19T10:41:00.000Z' },
    { name: 'Chinese date, no zone given: UTC like any zoneless date', input: '2025年12月08日 10:30', want: '2025-12-08T10:30:00.000Z' },
    { name: 'unix seconds', input: '1574168486', want: '2019-11-19T13:01:26.000Z' },
    { name: 'garbage', input: 'yesterday-ish', want: null },
    { name: 'implausible year', input: '0001-01-01', want: null },
    { name: 'empty', input: '', want: null },
  ])('$name', ({ input, want }) => {
    expect(toIsoUtc(input)).toBe(want);
  });

  // The feed's zone (src/time/zoneless.ts) applies to what states no zone, and only to that.
  it.each([
    { name: 'Chinese date in Shanghai', input: '2025年12月08日 10:30', zone: 'Asia/Shanghai', want: '2025-12-08T02:30:00.000Z' },
    { name: 'Chinese date without time', input: '2025年1月8日', zone: 'Asia/Shanghai', want: '2025-01-07T16:00:00.000Z' },
    { name: 'Chinese date in a feed set to Berlin (summer)', input: '2025年7月8日 10:30', zone: 'Europe/Berlin', want: '2025-07-08T08:30:00.000Z' },
    { name: 'ISO without zone', input: '2019-11-18T23:04:24', zone: 'Asia/Shanghai', want: '2019-11-18T15:04:24.000Z' },
    { name: 'ISO without zone, with milliseconds', input: '2019-11-18T23:04:24.5', zone: 'Asia/Shanghai', want: '2019-11-18T15:04:24.500Z' },
    { name: 'date only: local midnight', input: '2019-11-18', zone: 'Asia/Shanghai', want: '2019-11-17T16:00:00.000Z' },
    { name: 'free form without zone', input: 'November 19, 2019 10:41 AM', zone: 'America/New_York', want: '2019-11-19T15:41:00.000Z' },
    { name: 'DST: New York summer', input: '2019-07-18 12:00', zone: 'America/New_York', want: '2019-07-18T16:00:00.000Z' },
    { name: 'explicit offset unchanged', input: '2019-11-18T23:04:24-05:00', zone: 'Asia/Shanghai', want: '2019-11-19T04:04:24.000Z' },
    { name: 'compact offset unchanged', input: '2019-11-18T23:04:24+0100', zone: 'Asia/Shanghai', want: '2019-11-18T22:04:24.000Z' },
    { name: 'GMT unchanged', input: 'Tue, 19 Nov 2019 10:41:00 GMT', zone: 'Asia/Shanghai', want: '2019-11-19T10:41:00.000Z' },
    { name: 'unix seconds unchanged', input: '1574168486', zone: 'Asia/Shanghai', want: '2019-11-19T13:01:26.000Z' },
    { name: 'impossible day', input: '2019-02-30T10:00', zone: 'Asia/Shanghai', want: null },
  ])('in a zone: $name', ({ input, zone, want }) => {
    expect(toIsoUtc(input, zone)).toBe(want);
  });
});

describe('page metadata', () => {
  const body = '<body><article><p>Body text of the article, with a comma, long enough to be the article body here.</p></article></body>';
  it.each([
    {
      name: 'Open Graph and article meta',
      head: '<meta property="og:title" content="OG title"><meta property="article:published_time" content="2024-05-06T07:08:09+02:00"><meta name="author" content="A. Writer"><meta property="og:url" content="https://e.com/og">',
      want: { title: 'OG title', published: '2024-05-06T05:08:09.000Z', author: 'A. Writer', canonicalUrl: 'https://e.com/og' },
    },
    {
      name: 'JSON-LD graph',
      head: '<script type="application/ld+json">{"@graph":[{"@type":"Organization","name":"Org"},{"@type":["NewsArticle"],"headline":"LD title","datePublished":"2024-05-06","author":{"name":"Ann Lee"},"url":"https://e.com/ld"}]}</script>',
      want: { title: 'LD title', published: '2024-05-06T00:00:00.000Z', author: 'Ann Lee', canonicalUrl: 'https://e.com/ld' },
    },
    {
      name: 'broken JSON-LD is ignored; <title> with site name trimmed',
      head: '<script type="application/ld+json">{"@type": "NewsArticle", oops</script><title>A long enough headline here | Site</title>',
      want: { title: 'A long enough headline here', published: null, author: null, canonicalUrl: null },
    },
    {
      name: 'canonical link beats og:url; byline "By" dropped',
      head: '<link rel="canonical" href="https://e.com/c"><meta property="og:url" content="https://e.com/og"><meta name="author" content="By Sam Roe">',
      want: { title: '', published: null, author: 'Sam Roe', canonicalUrl: 'https://e.com/c' },
    },
  ])('$name', ({ head, want }) => {
    expect(extractMainContent(`<html><head>${head}</head>${body}</html>`)).toMatchObject(want);
  });
});

describe('page dates without a zone', () => {
  const page = (lang: string, date: string, text: string) =>
    `<html lang="${lang}"><head><meta property="article:published_time" content="${date}"></head><body><article><p>${text}</p></article></body></html>`;
  const zh = '华为在年度大会上发布了昇腾芯片的三年路线图，目标是超越英伟达，寒武纪营收大幅增长。';
  const en = 'The company said that it was going to build a plant in the north of the country, with a comma.';

  it.each([
    { name: 'a Chinese page alone: its language gives Asia/Shanghai', html: page('zh-CN', '2025年12月08日 10:30', zh), timezone: undefined, want: '2025-12-08T02:30:00.000Z' },
    { name: 'an English page alone: UTC', html: page('en', '2025-12-08 10:30', en), timezone: undefined, want: '2025-12-08T10:30:00.000Z' },
    { name: "a 年月日 date on a page of a feed set to Europe/Berlin: the feed's zone", html: page('zh-CN', '2025年12月08日 10:30', zh), timezone: 'Europe/Berlin', want: '2025-12-08T09:30:00.000Z' },
    { name: "an English page of a zh feed: the feed's zone", html: page('en', '2025-12-08 10:30', en), timezone: 'Asia/Shanghai', want: '2025-12-08T02:30:00.000Z' },
    { name: 'a stated offset is kept whatever the zone', html: page('zh-CN', '2025-12-08T10:30:00+09:00', zh), timezone: 'Europe/Berlin', want: '2025-12-08T01:30:00.000Z' },
  ])('$name', ({ html, timezone, want }) => {
    expect(extractMainContent(html, timezone ? { timezone } : {}).published).toBe(want);
  });
});
