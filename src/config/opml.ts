import { Parser } from 'htmlparser2';
import type { FeedConfig } from '../model.js';
import { ConfigError } from './yaml-source.js';

// OPML 1.0/2.0 subscription lists, the format feed readers import and export. Pure:
// strings in, values out.

export interface OpmlFeed {
  url: string;
  htmlUrl: string | null;
  title: string | null;
  /** The titles of the folders (outer outlines) the feed sits in, outermost first. */
  category: string[];
}

/**
 * Deepest element nesting read. Real lists nest folders a handful of levels; a file
 * nesting thousands is broken or hostile, and the XML parser pays per level on every
 * tag, so reading stops here with an error instead of running long or out of stack.
 */
export const MAX_OPML_DEPTH = 100;

/** An attribute by name, any letter case: real files write xmlUrl, xmlurl and XMLURL. */
function attr(attribs: Record<string, string>, name: string): string | null {
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(attribs)) if (k.toLowerCase() === want && v.trim() !== '') return v.trim();
  return null;
}

class TooDeep extends Error {}

/**
 * The feeds of an OPML document, nested outlines included, in document order. Read as a
 * stream of tags (no tree, no recursion), with a stack of folder titles.
 */
export function parseOpml(text: string, file = 'OPML'): OpmlFeed[] {
  const feeds: OpmlFeed[] = [];
  // The folder path each open element gives its children.
  const stack: string[][] = [[]];
  let sawOpml = false;
  const parser = new Parser(
    {
      onopentag(tag, attribs) {
        if (stack.length > MAX_OPML_DEPTH) throw new TooDeep();
        const category = stack[stack.length - 1] as string[];
        const name = tag.toLowerCase();
        if (name === 'opml') sawOpml = true;
        if (name !== 'outline') {
          stack.push(category);
          return;
        }
        const title = attr(attribs, 'title') ?? attr(attribs, 'text');
        const url = attr(attribs, 'xmlUrl');
        if (url) feeds.push({ url, htmlUrl: attr(attribs, 'htmlUrl'), title, category: [...category] });
        stack.push(title && !url ? [...category, title] : category);
      },
      onclosetag() {
        if (stack.length > 1) stack.pop();
      },
    },
    { xmlMode: true },
  );
  try {
    parser.end(text);
  } catch (err) {
    if (!(err instanceof TooDeep)) throw err;
    const line = text.slice(0, parser.startIndex).split('\n').length;
    throw new ConfigError(file, line, null, `outlines nested more than ${MAX_OPML_DEPTH} levels deep; not read (a real subscription list nests a few)`);
  }
  if (!sawOpml) throw new ConfigError(file, null, null, 'not an OPML document (no <opml> element)');
  return feeds;
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

export interface OpmlOptions {
  title?: string;
  /** Written as the head's dateCreated when given (passed in: this module reads no clock). */
  dateCreated?: Date;
}

/** An OPML 2.0 document listing the feeds, one outline each. */
export function exportOpml(feeds: readonly FeedConfig[], opts: OpmlOptions = {}): string {
  const head = [`    <title>${escapeXml(opts.title ?? 'newsmon feeds')}</title>`];
  if (opts.dateCreated) head.push(`    <dateCreated>${opts.dateCreated.toUTCString()}</dateCreated>`);
  const outlines = feeds.map((f) => {
    const label = escapeXml(f.name ?? f.url);
    return `    <outline type="rss" text="${label}" title="${label}" xmlUrl="${escapeXml(f.url)}"/>`;
  });
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">', '  <head>', ...head, '  </head>', '  <body>', ...outlines, '  </body>', '</opml>', ''].join('\n');
}
