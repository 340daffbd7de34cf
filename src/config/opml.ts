import type { Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
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

function isElement(node: unknown): node is Element {
  return (node as { type?: string }).type === 'tag';
}

/** An attribute by name, any letter case: real files write xmlUrl, xmlurl and XMLURL. */
function attr(el: Element, name: string): string | null {
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(el.attribs)) if (k.toLowerCase() === want && v.trim() !== '') return v.trim();
  return null;
}

/** The feeds of an OPML document, nested outlines included, in document order. */
export function parseOpml(text: string, file = 'OPML'): OpmlFeed[] {
  const doc = parseDocument(text, { xmlMode: true });
  const feeds: OpmlFeed[] = [];
  let sawOpml = false;
  const walk = (nodes: unknown[], category: string[]): void => {
    for (const node of nodes) {
      if (!isElement(node)) continue;
      const name = node.name.toLowerCase();
      if (name === 'opml') sawOpml = true;
      if (name !== 'outline') {
        walk(node.children, category);
        continue;
      }
      const title = attr(node, 'title') ?? attr(node, 'text');
      const url = attr(node, 'xmlUrl');
      if (url) feeds.push({ url, htmlUrl: attr(node, 'htmlUrl'), title, category });
      walk(node.children, title && !url ? [...category, title] : category);
    }
  };
  walk(doc.children, []);
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
