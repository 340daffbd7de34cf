import { bodyElement, parseHtml } from './dom.js';
import { blocksOf } from './blocks.js';
import { NEVER_CONTENT } from './hints.js';

/** JSON-LD articleBody as text: some sites put HTML in it, most plain text with newlines. */
export function ldBodyText(body: string): string {
  if (!/<[a-z][^>]*>/i.test(body)) {
    return body.split(/\n+/).map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n');
  }
  return blocksOf([bodyElement(parseHtml(body))], (el) => NEVER_CONTENT.has(el.name)).map((b) => b.text).join('\n');
}
