import type { AnyNode, Element } from './dom.js';
import { collapse } from '../text/whitespace.js';
import { isInline, isTag, isText } from './dom.js';

// The chosen containers as text blocks: each block element and each <br> starts a new
// line; inline whitespace is collapsed. Blocks keep their kind and how much of their text
// is links, so the caller can drop headline lists and stray headings after the fact.

export type BlockKind = 'p' | 'heading' | 'li' | 'pre' | 'cell' | 'quote' | 'caption' | 'other';

export interface Block {
  text: string;
  kind: BlockKind;
  /** Characters of the block that are inside links. */
  link: number;
  /** The innermost block element the text sat in. */
  el: Element | null;
}

function kindOf(el: Element | null): BlockKind {
  if (!el) return 'other';
  switch (el.name) {
    case 'p': return 'p';
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': return 'heading';
    case 'li': case 'dd': case 'dt': return 'li';
    case 'pre': return 'pre';
    case 'td': case 'th': return 'cell';
    case 'blockquote': return 'quote';
    case 'figcaption': case 'caption': return 'caption';
    default: return 'other';
  }
}

// C0 controls other than whitespace: junk from binary input or broken encodings.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/g;

interface Exit {
  exit: Element;
}

export function blocksOf(roots: readonly Element[], skip: (el: Element) => boolean): Block[] {
  const out: Block[] = [];
  let buf: string[] = [];
  let link = 0;
  let linkDepth = 0;
  let preDepth = 0;
  const open: Element[] = [];
  const flush = (): void => {
    if (buf.length > 0) {
      const text = collapse(buf.join('')).replace(CONTROL, '');
      if (text) out.push({ text, kind: kindOf(open[open.length - 1] ?? null), link: Math.min(link, text.length), el: open[open.length - 1] ?? null });
    }
    buf = [];
    link = 0;
  };
  const stack: (AnyNode | Exit)[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push(roots[i] as Element);
  while (stack.length > 0) {
    const item = stack.pop() as AnyNode | Exit;
    if ('exit' in item) {
      const el = item.exit;
      if (el.name === 'a') linkDepth--;
      else if (el.name === 'pre') preDepth--;
      if (!isInline(el)) {
        flush();
        open.pop();
      }
      continue;
    }
    if (isText(item)) {
      const data = item.data;
      if (preDepth > 0 && data.includes('\n')) {
        const lines = data.split('\n');
        lines.forEach((line, i) => {
          if (i > 0) flush();
          buf.push(line);
          if (linkDepth > 0) link += line.length;
        });
      } else {
        buf.push(data);
        if (linkDepth > 0) link += collapse(data).length;
      }
      continue;
    }
    if (!isTag(item) || skip(item)) continue;
    if (item.name === 'br') {
      flush();
      continue;
    }
    if (item.name === 'img' || item.name === 'wbr') continue;
    if (!isInline(item)) {
      flush();
      open.push(item);
    }
    if (item.name === 'a') linkDepth++;
    else if (item.name === 'pre') preDepth++;
    stack.push({ exit: item });
    for (let i = item.children.length - 1; i >= 0; i--) stack.push(item.children[i] as AnyNode);
  }
  flush();
  return out;
}
