import { describe, expect, it } from 'vitest';
import { isLabelLine, isRelatedTitle } from '../../src/extract/boilerplate-text.js';

describe('section titles of related-content blocks', () => {
  it.each([
    ['Related', true], ['Related News', true], ['Related stories:', true], ['Read more', true], ['More from Reuters', true],
    ['You may also like', true], ['Most popular', true], ['相关新闻', true], ['相关阅读：', true], ['推荐阅读', true], ['猜你喜欢', true],
    ['Related party transactions rose 4% in the quarter.', false], ['Queue reform', false], ['华为发布新芯片', false],
    ['More than 300 GW of solar was added last year, according to the ministry.', false],
  ])('%j → %s', (text, want) => {
    expect(isRelatedTitle(text)).toBe(want);
  });
});

describe('label lines', () => {
  it.each([
    ['Advertisement', true], ['ADVERTISEMENT', true], ['Share this article', true], ['12 comments', true], ['广告', true], ['分享到：', true],
    ['Share prices fell 5% on Monday.', false], ['Comments from the chief executive were upbeat.', false], ['Print runs were cut.', false],
  ])('%j → %s', (text, want) => {
    expect(isLabelLine(text)).toBe(want);
  });
});
