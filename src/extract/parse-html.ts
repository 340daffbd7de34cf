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

/** The markup with every tag that would open deeper than `max` removed, and its end tag too. */
export function limitDepth(html: string, max = MAX_DEPTH): string {
  const parts: string[] = [];
  const suppressed = new Map<string, number>();
  let depth = 0;
  let last = 0;
  TAG.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TAG.exec(html)) !== null) {
    const closing = m[1] === '/';
    const name = (m[2] as string).toLowerCase();
    if (!closing && RAW_TEXT.has(name)) {
      // Skip the element's text: a '<' in a script is not a tag.
      const end = html.toLowerCase().indexOf(`</${name}`, TAG.lastIndex);
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

/** htmlparser2's DOM (~8x faster than cheerio's default parse5 on news pages), depth-capped. */
export function parseHtml(html: string): Document {
  const first = parseLimited(html);
  if (first.complete) return first.doc;
  return parseLimited(limitDepth(html)).doc;
}
