import type { TokenizerCallbacks } from 'htmlparser2';
import { namespaceId, RSS, undeclaredPrefixId } from './namespaces.js';
import { resolveUri, type XElement } from './xml-node.js';

/** Elements nested deeper are flattened into their ancestor (text kept): the readers recurse. */
export const MAX_DEPTH = 200;
/** Elements built per document (each ~300 bytes); the rest is dropped, so memory stays bounded. */
export const MAX_ELEMENTS = 100_000;
/** Issues kept per document: enough to diagnose, bounded for a hostile one. */
const MAX_ISSUES = 50;

interface Frame {
  el: XElement;
  prefixes: Map<string, string>;
}

/**
 * The tree, built straight from htmlparser2's Tokenizer. Its Parser keeps the open-element
 * stack with Array.unshift and answers an end tag with indexOf over it: O(depth) per tag,
 * minutes for a 600,000-deep feed. Here every step is O(1) amortized: a push/pop stack of
 * open names, a count of open elements per name (a stray end tag costs no scan), and tree
 * frames only for the first MAX_DEPTH levels. The end-tag rules are the Parser's in XML
 * mode: an end tag closes the innermost open element of its name and everything inside it
 * (those "implied"); an end tag with no open element of its name is ignored.
 */
export class TreeBuilder implements TokenizerCallbacks {
  root: XElement | null = null;
  rootClosed = false;
  /** Set before the tokenizer's end(): what is still open then is closed without an issue. */
  ending = false;
  readonly issues: string[] = [];
  /** Every open element's name, outermost first (beyond MAX_DEPTH too). */
  readonly open: string[] = [];
  /** Built frames for open[0 … MAX_DEPTH-1]; null for an element that is ignored (after the root, over the cap). */
  private readonly frames: Array<Frame | null> = [];
  private readonly openCount = new Map<string, number>();
  /** Split and lower-cased element names, computed once per distinct name. */
  private readonly names = new Map<string, [prefix: string, local: string]>();
  /** Set when the element cap was reached: the rest of the document is not read at all. */
  capped = false;
  /** Called once at the cap, to stop the tokenizer. */
  onCap: () => void = () => {};
  private built = 0;
  private flattened = false;
  private issueCount = 0;
  private tagName = '';
  private attribs: Record<string, string> = {};
  private attribName = '';
  private attribValue = '';
  private inCdata = false;

  constructor(
    private readonly xml: string,
    private readonly decode: (s: string) => string,
    private readonly outerBase: string | null,
    private readonly maxElements: number,
  ) {}

  /** Names of the built elements still open, outermost first (for the truncation message). */
  openBuilt(): string[] {
    return this.frames.filter((f): f is Frame => f !== null).map((f) => f.el.name);
  }

  issue(text: string): void {
    if (this.issueCount++ < MAX_ISSUES) this.issues.push(text);
  }

  onopentagname(start: number, endIndex: number): void {
    this.tagName = this.xml.slice(start, endIndex);
    this.attribs = {};
  }

  onattribname(start: number, endIndex: number): void {
    this.attribName = this.xml.slice(start, endIndex);
  }

  onattribdata(start: number, endIndex: number): void {
    this.attribValue += this.xml.slice(start, endIndex);
  }

  onattribentity(): void {
    // decodeEntities is off: entities stay in the data, decoded by ours.
  }

  onattribend(): void {
    // The first of two same-named attributes wins, as in htmlparser2's Parser.
    if (!Object.prototype.hasOwnProperty.call(this.attribs, this.attribName)) this.attribs[this.attribName] = this.attribValue;
    this.attribValue = '';
  }

  onopentagend(): void {
    this.openElement(this.tagName, this.attribs);
  }

  onselfclosingtag(): void {
    this.openElement(this.tagName, this.attribs);
    this.popOne(false);
  }

  onclosetag(start: number, endIndex: number): void {
    const name = this.xml.slice(start, endIndex);
    if (!this.openCount.get(name)) return;
    for (;;) {
      const top = this.open[this.open.length - 1];
      if (top === name) break;
      this.popOne(true);
    }
    this.popOne(false);
  }

  ontext(start: number, endIndex: number): void {
    this.addText(this.xml.slice(start, endIndex));
  }

  ontextentity(): void {
    // decodeEntities is off.
  }

  oncdata(start: number, endIndex: number, endOffset: number): void {
    this.inCdata = true;
    this.addText(this.xml.slice(start, endIndex - endOffset));
    this.inCdata = false;
  }

  oncomment(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}

  onend(): void {
    while (this.open.length > 0) this.popOne(true);
  }

  private openElement(name: string, attribs: Record<string, string>): void {
    const depth = this.open.length;
    this.open.push(name);
    this.openCount.set(name, (this.openCount.get(name) ?? 0) + 1);
    if (depth >= MAX_DEPTH) {
      if (!this.flattened) this.issue(`elements nested deeper than ${MAX_DEPTH} levels were flattened`);
      this.flattened = true;
      return;
    }
    const parent = depth > 0 ? this.frames[depth - 1] : null;
    if (this.built >= this.maxElements && !this.capped) {
      this.capped = true;
      this.issue(`the document has more than ${this.maxElements} elements; the rest were ignored`);
      this.onCap();
    }
    // Content after the root element, inside an ignored element, or past the element cap: ignored.
    if ((depth === 0 && this.root) || (depth > 0 && !parent) || this.capped) {
      this.frames.push(null);
      return;
    }
    this.built++;
    this.frames.push(this.buildFrame(name, attribs, parent ?? null));
  }

  private buildFrame(name: string, attribs: Record<string, string>, parent: Frame | null): Frame {
    let prefixes = parent ? parent.prefixes : new Map<string, string>();
    for (const key in attribs) {
      const raw = attribs[key] ?? '';
      const value = raw.includes('&') ? this.decode(raw) : raw;
      attribs[key] = value;
      if (key.startsWith('xmlns') && (key.length === 5 || key[5] === ':')) {
        if (prefixes === parent?.prefixes) prefixes = new Map(prefixes);
        prefixes.set(key.slice(6), value);
      }
    }
    let parts = this.names.get(name);
    if (!parts) {
      const colon = name.indexOf(':');
      parts = colon > 0 ? [name.slice(0, colon), name.slice(colon + 1).toLowerCase()] : ['', name.toLowerCase()];
      this.names.set(name, parts);
    }
    const [prefix, local] = parts;
    const uri = prefixes.get(prefix);
    const ns = uri !== undefined ? namespaceId(uri) : prefix ? undeclaredPrefixId(prefix) : RSS;
    const parentBase = parent ? parent.el.base : this.outerBase;
    const xmlBase = attribs['xml:base'];
    const el: XElement = { name, local, ns, attrs: attribs, children: [], base: xmlBase !== undefined ? resolveUri(xmlBase, parentBase) : parentBase };
    if (parent) parent.el.children.push(el);
    else this.root = el;
    return { el, prefixes };
  }

  /** Close the innermost open element; `implied` when its own end tag is missing. */
  private popOne(implied: boolean): void {
    const name = this.open.pop();
    if (name === undefined) return;
    this.openCount.set(name, (this.openCount.get(name) ?? 1) - 1);
    if (this.open.length >= MAX_DEPTH) return;
    const frame = this.frames.pop();
    if (!frame) return;
    if (implied && !this.ending) this.issue(`<${name}> was not closed before its parent`);
    if (this.open.length === 0 && !this.ending) this.rootClosed = true;
  }

  private addText(raw: string): void {
    const depth = Math.min(this.open.length, MAX_DEPTH);
    const top = depth > 0 ? this.frames[depth - 1] : null;
    if (!top) return;
    const text = this.inCdata ? raw : this.decode(raw);
    const kids = top.el.children;
    const last = kids[kids.length - 1];
    if (typeof last === 'string') kids[kids.length - 1] = last + text;
    else kids.push(text);
  }
}
