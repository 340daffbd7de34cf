import { DomHandler, Parser } from 'htmlparser2';
import type { Document } from 'domhandler';

// htmlparser2 keeps its open-element stack with Array.unshift, so each open tag costs the
// depth of the stack: 100,000 nested <div>s take ~8 s. Browsers cap tree depth (Chrome at
// 512) and so do we: a parse that goes deeper than ABORT_DEPTH is abandoned, the markup is
// re-parsed with the tags beyond MAX_DEPTH removed, and should that still go too deep, the
// part parsed so far is used. Normal pages never come near either limit.

const MAX_DEPTH = 512;
const ABORT_DEPTH = 2048;

const OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true } as const;

class TooDeep extends Error {}

class DepthLimitedHandler extends DomHandler {
  override onopentag(name: string, attribs: { [key: string]: string }): void {
    if (this.tagStack.length > ABORT_DEPTH) throw new TooDeep();
    super.onopentag(name, attribs);
  }
}

function parseLimited(html: string): { doc: Document; complete: boolean } {
  const handler = new DepthLimitedHandler();
  try {
    new Parser(handler, OPTIONS).end(html);
    return { doc: handler.root, complete: true };
  } catch (err) {
    if (err instanceof TooDeep) return { doc: handler.root, complete: false };
    throw err;
  }
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'command']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript', 'template']);
const TAG = /<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g;

/** `</name` in any case, one regex per raw-text element name. */
const RAW_TEXT_END = new Map([...RAW_TEXT].map((name) => [name, new RegExp(`</${name}`, 'gi')]));

/**
 * The markup with every tag that would open deeper than `max` removed, and its end tag too.
 * Linear: the tag pattern runs only up to the last ">" (past it, a "<" that can never match
 * would make the pattern rescan the tail from every "<"), and a raw-text element's end is
 * found by one search from where it opens.
 */
export function limitDepth(html: string, max = MAX_DEPTH): string {
  const parts: string[] = [];
  const suppressed = new Map<string, number>();
  const scan = html.slice(0, html.lastIndexOf('>') + 1);
  let depth = 0;
  let last = 0;
  TAG.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TAG.exec(scan)) !== null) {
    const closing = m[1] === '/';
    const name = (m[2] as string).toLowerCase();
    const rawEnd = closing ? undefined : RAW_TEXT_END.get(name);
    if (rawEnd) {
      // Skip the element's text: a '<' in a script is not a tag.
      rawEnd.lastIndex = TAG.lastIndex;
      const end = rawEnd.exec(html)?.index ?? -1;
      TAG.lastIndex = end < 0 ? html.length : end;
      if (depth >= max) {
        parts.push(html.slice(last, m.index));
        last = TAG.lastIndex;
        suppressed.set(name, (suppressed.get(name) ?? 0) + 1);
      }
      continue;
    }
    if (VOID.has(name) || m[3] === '/') continue;
    if (closing) {
      const s = suppressed.get(name) ?? 0;
      if (s > 0) {
        suppressed.set(name, s - 1);
        parts.push(html.slice(last, m.index));
        last = TAG.lastIndex;
      } else if (depth > 0) depth--;
      continue;
    }
    if (depth >= max) {
      suppressed.set(name, (suppressed.get(name) ?? 0) + 1);
      parts.push(html.slice(last, m.index));
      last = TAG.lastIndex;
    } else depth++;
  }
  parts.push(html.slice(last));
  return parts.join('');
}

const OPENER = /<(?:(script)|(style)|(!--)|(svg)|(nav|footer|aside))/iy;
const TAG_END = /^[\s>/]/;

/**
 * The markup without comments, styles, inline SVG, scripts other than JSON-LD, and <nav>,
 * <footer> and <aside> elements (menus alone are a fifth of what remains): together well over
 * half the bytes of a typical news page, which the parser then need not tokenize. None of it
 * is article text on a page that uses these tags as meant; one spanning half the page is left
 * alone, and extractMainContent re-parses without this step when the text comes out short.
 * Linear: each opener is looked for once, and an unclosed one keeps the rest as it is.
 */
export function stripNonContent(html: string, opts: { sections?: boolean } = {}): string {
  const sections = opts.sections ?? true;
  const parts: string[] = [];
  let pos = 0;
  let last = 0;
  for (;;) {
    const lt = html.indexOf('<', pos);
    if (lt < 0) break;
    OPENER.lastIndex = lt;
    const m = OPENER.exec(html);
    if (!m) {
      pos = lt + 1;
      continue;
    }
    if (m[5]) {
      if (!sections) {
        pos = lt + 1;
        continue;
      }
      const end = TAG_END.test(html.charAt(OPENER.lastIndex)) ? sectionEnd(html, m[5].toLowerCase(), OPENER.lastIndex) : -1;
      if (end < 0 || end - lt > html.length / 2) {
        pos = lt + 1;
        continue;
      }
      parts.push(html.slice(last, lt));
      last = end;
      pos = end;
      continue;
    }
    let closer: string;
    if (m[3]) closer = '-->';
    else {
      // "<scripts>" or "<styled>" are other tags.
      if (!TAG_END.test(html.slice(OPENER.lastIndex, OPENER.lastIndex + 1))) {
        pos = lt + 1;
        continue;
      }
      closer = m[1] ? '</script' : m[2] ? '</style' : '</svg';
    }
    const close = indexOfCaseless(html, closer, OPENER.lastIndex);
    if (close < 0) break;
    const end = closer === '-->' ? close + 3 : html.indexOf('>', close) + 1;
    if (end <= 0) break;
    if (m[1]) {
      const openEnd = html.indexOf('>', OPENER.lastIndex);
      if (openEnd > 0 && openEnd < close && /ld\+json/i.test(html.slice(OPENER.lastIndex, openEnd))) {
        pos = end;
        continue;
      }
    }
    parts.push(html.slice(last, lt));
    last = end;
    pos = end;
  }
  if (last === 0) return html;
  parts.push(html.slice(last));
  return parts.join('');
}

const SECTION_TAGS: Record<string, RegExp> = { nav: /<(\/?)nav[\s>/]/gi, footer: /<(\/?)footer[\s>/]/gi, aside: /<(\/?)aside[\s>/]/gi };

/** Index just past the end tag that closes the element opened before `from`, nesting counted; -1 if none. */
function sectionEnd(html: string, name: string, from: number): number {
  const re = SECTION_TAGS[name] as RegExp;
  re.lastIndex = from;
  let depth = 1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html)) !== null) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) {
      const gt = html.indexOf('>', m.index);
      return gt < 0 ? -1 : gt + 1;
    }
  }
  return -1;
}

const CLOSERS: Record<string, RegExp> = { '</script': /<\/script/gi, '</style': /<\/style/gi, '</svg': /<\/svg/gi };

function indexOfCaseless(html: string, needle: string, from: number): number {
  const re = CLOSERS[needle];
  if (!re) return html.indexOf(needle, from);
  re.lastIndex = from;
  return re.exec(html)?.index ?? -1;
}

/** The page has <nav>, <footer> or <aside> elements that parseHtml would strip by default. */
export function hasChromeSections(html: string): boolean {
  return /<(nav|footer|aside)[\s>/]/i.test(html);
}

/**
 * htmlparser2's DOM (~8x faster than cheerio's default parse5 on news pages), depth-capped.
 * `stripSections: false` keeps <nav>, <footer> and <aside>, for pages misusing them.
 */
export function parseHtml(html: string, opts: { stripSections?: boolean } = {}): Document {
  const lean = stripNonContent(html, { sections: opts.stripSections ?? true });
  const first = parseLimited(lean);
  if (first.complete) return first.doc;
  return parseLimited(limitDepth(lean)).doc;
}
