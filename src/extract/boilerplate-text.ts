import type { Element } from './dom.js';
import { collapse } from '../text/whitespace.js';
import { isTag, rawText } from './dom.js';

// What a block says about itself, for the chrome whose markup gives nothing away (class
// names in pinyin, or none): section titles like "Related news" / "相关新闻", and lines that
// are only a label ("Advertisement", "Share this article"). Whole-line matches only.

const RELATED =
  /^(related( news| stories| articles| posts| content| coverage| reading| links| topics)?|read (more|next|also)|more (from|on|stories|news|articles|in|like this)\b.{0,40}|you (may|might) (also )?(like|enjoy)|recommended( for you| reading| stories)?|most (read|popular|viewed|shared|emailed)|trending( now| stories)?|popular( now| stories)?|top stories|see also|further reading|also read|don'?t miss|what to read next|相关(新闻|阅读|文章|报道|链接|推荐|内容)?|延伸阅读|推荐阅读|热门(新闻|文章|推荐|阅读)?|热点(新闻|推荐)?|猜你喜欢|更多(新闻|阅读|精彩|内容)?|编辑推荐|精彩推荐|热门排行|排行榜|相关推荐)\s*[:：»>]*$/i;

const LABEL =
  /^(advertisement|advertising|sponsored( content)?|ad|ads|skip ad|share|share (this|on|via)\b.{0,30}|tweet|email|print|comments?|\d+ comments?|leave a (comment|reply)|continue reading|read more|click here.{0,40}|loading…?|loading\.\.\.|广告|分享(到)?|打印|评论|返回顶部|点击查看.{0,20})\s*[:：]?$/i;

export function isRelatedTitle(text: string): boolean {
  return text.length <= 60 && RELATED.test(text);
}

export function isLabelLine(text: string): boolean {
  return text.length <= 60 && LABEL.test(text);
}

const HEADING = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const TITLE_HINT = /title|heading|header|hd\b|tit\b/i;

/** The element opens with a section title like "Related news": it is that section. */
export function opensWithRelatedTitle(el: Element): boolean {
  for (const child of el.children) {
    if (!isTag(child)) {
      if ('data' in child && String(child.data).trim() !== '') return false;
      continue;
    }
    const hint = `${child.attribs.class ?? ''} ${child.attribs.id ?? ''}`;
    if (!HEADING.has(child.name) && !TITLE_HINT.test(hint)) return false;
    const text = collapse(rawText(child));
    return isRelatedTitle(text);
  }
  return false;
}
