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

/** The walk's state: the text of the block being built and the elements it sits in. */
class BlockCollector {
  readonly out: Block[] = [];
  private buf: string[] = [];
  private link = 0;
  private linkDepth = 0;
  private preDepth = 0;
  private readonly open: Element[] = [];

  flush(): void {
    if (this.buf.length > 0) {
      const text = collapse(this.buf.join('')).replace(CONTROL, '');
      const el = this.open[this.open.length - 1] ?? null;
      if (text) this.out.push({ text, kind: kindOf(el), link: Math.min(this.link, text.length), el });
    }
    this.buf = [];
    this.link = 0;
  }

  text(data: string): void {
    if (this.preDepth > 0 && data.includes('\n')) {
      // Inside <pre> each source line is its own block line.
      data.split('\n').forEach((line, i) => {
        if (i > 0) this.flush();
        this.buf.push(line);
        if (this.linkDepth > 0) this.link += line.length;
      });
    } else {
      this.buf.push(data);
      if (this.linkDepth > 0) this.link += collapse(data).length;
    }
  }

  enter(el: Element): void {
    if (!isInline(el)) {
      this.flush();
      this.open.push(el);
    }
    if (el.name === 'a') this.linkDepth++;
    else if (el.name === 'pre') this.preDepth++;
  }

  exit(el: Element): void {
    if (el.name === 'a') this.linkDepth--;
    else if (el.name === 'pre') this.preDepth--;
    if (!isInline(el)) {
      this.flush();
      this.open.pop();
    }
  }
}

export function blocksOf(roots: readonly Element[], skip: (el: Element) => boolean): Block[] {
  const blocks = new BlockCollector();
  // An explicit stack rather than recursion: deeply nested junk HTML must not overflow.
  const stack: (AnyNode | Exit)[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push(roots[i] as Element);
  while (stack.length > 0) {
    const item = stack.pop() as AnyNode | Exit;
    if ('exit' in item) {
      blocks.exit(item.exit);
    } else if (isText(item)) {
      blocks.text(item.data);
    } else if (!isTag(item) || skip(item) || item.name === 'img' || item.name === 'wbr') {
      continue;
    } else if (item.name === 'br') {
      blocks.flush();
    } else {
      blocks.enter(item);
      stack.push({ exit: item });
      for (let i = item.children.length - 1; i >= 0; i--) stack.push(item.children[i] as AnyNode);
    }
  }
  blocks.flush();
  return blocks.out;
}
