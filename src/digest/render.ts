import { escapeHtml } from '../text/html-escape.js';
import type { Digest, DigestArticleGroup, DigestSection, DigestSentence, FailingFeed } from './types.js';

// Digest → e-mail. Pure. The HTML is for mail clients: tables, inline styles only,
// no scripts, no external resources, every value escaped, links only for http(s) URLs.

export interface RenderedDigest {
  subject: string;
  html: string;
  text: string;
}

/** The URL when it is a plain web link, else null (no javascript:, data:, mailto: in a digest). */
export function safeHref(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export function renderDigest(d: Digest): RenderedDigest {
  return { subject: subject(d), html: html(d), text: text(d) };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function subject(d: Digest): string {
  const top = d.entityCounts
    .filter((c) => c.events > 0)
    .sort((a, b) => b.events - a.events)
    .slice(0, 4)
    .map((c) => `${c.name} ${c.events}`);
  const body = d.totals.events === 0 ? 'no events' : `${plural(d.totals.events, 'event')}${top.length ? `: ${top.join(', ')}` : ''}`;
  const failing = d.failingFeeds.length ? ` (${plural(d.failingFeeds.length, 'feed')} failing)` : '';
  return `newsmon digest ${d.date} — ${body}${failing}`;
}

function summaryLine(d: Digest): string {
  if (d.totals.events === 0) return 'No watch-list mentions or power figures were recorded on this day.';
  return `${plural(d.totals.events, 'event')} in ${plural(d.totals.articles, 'article')}; ${plural(d.totals.powerFigures, 'power figure')}.`;
}

const timeFormatters = new Map<string, Intl.DateTimeFormat>();

/** "09:30" in the digest's zone, or "" when the article has no date. */
function localTime(iso: string | null, timeZone: string): string {
  if (!iso || !Number.isFinite(Date.parse(iso))) return '';
  let f = timeFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    timeFormatters.set(timeZone, f);
  }
  return f.format(new Date(iso));
}

// ---------- plain text ----------

function text(d: Digest): string {
  const out: string[] = [];
  out.push(`newsmon digest — ${d.date} (${d.timezone})`, summaryLine(d), '');
  out.push(`Mentions: ${d.entityCounts.map((c) => `${c.name} ${c.events}`).join(' · ')}`, '');
  for (const s of d.sections) {
    out.push(`== ${s.title} (${plural(s.events, 'event')}, ${plural(s.articleCount, 'article')}) ==`, '');
    for (const g of s.articles) out.push(...textArticle(g, d.timezone), '');
    const more = moreArticlesNote(s, d);
    if (more) out.push(more, '');
  }
  if (d.failingFeeds.length) {
    out.push(`== Feeds failing (${d.failingFeeds.length}) ==`, '');
    for (const f of d.failingFeeds) out.push(textFeed(f));
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function textArticle(g: DigestArticleGroup, timeZone: string): string[] {
  const meta = [g.article.feedName === null ? null : oneLine(g.article.feedName), localTime(g.article.published, timeZone)].filter(Boolean).join(', ');
  const lines = [`* ${oneLine(g.article.title) || '(untitled)'}${meta ? ` — ${meta}` : ''}`, `  ${g.article.url}`];
  for (const s of g.sentences) {
    const tags = s.tags.length ? `[${s.tags.join(', ')}] ` : '';
    const figures = s.powerFigures.length ? ` {${s.powerFigures.map((p) => p.text).join(', ')}}` : '';
    lines.push(`  - ${tags}${oneLine(s.text)}${figures}`);
  }
  if (g.moreSentences) lines.push(`  … ${plural(g.moreSentences, 'more sentence')}`);
  return lines;
}

function textFeed(f: FailingFeed): string {
  const err = f.lastError ? `: ${f.lastErrorKind ? `${f.lastErrorKind}: ` : ''}${oneLine(f.lastError)}` : '';
  const last = f.lastSuccessAt ? `; last success ${f.lastSuccessAt}` : '; never succeeded';
  return `* ${f.name ? `${oneLine(f.name)} <${f.url}>` : f.url} — ${plural(f.failureCount, 'failure')} in a row${err}${last}`;
}

/** "… and 9 more articles: newsmon events …", or "" when the section is shown whole. */
function moreArticlesNote(s: DigestSection, d: Digest): string {
  const more = s.articleCount - s.articles.length;
  if (more <= 0) return '';
  const filter = s.kind === 'power' ? '--tag power' : `--entity ${s.id}`;
  return `… and ${plural(more, 'more article')}: newsmon events ${filter} --since ${d.range.start} --until ${d.range.end}`;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

// ---------- HTML ----------

// The font is set once on the outer cell, which clients pass down; each element states only
// what differs, since styles repeated on every sentence are most of a digest's bytes.
const FONT = "font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif";
const S = {
  body: `margin:0;padding:0;background:#f4f5f7`,
  card: 'width:100%;max-width:680px;margin:0 auto;background:#ffffff;border-collapse:collapse',
  cell: `padding:16px 24px;color:#222222;font-size:14px;line-height:1.45;${FONT}`,
  h1: 'margin:0 0 4px 0;font-size:20px;color:#111111',
  h2: 'margin:24px 0 8px 0;font-size:16px;color:#111111;border-bottom:1px solid #dddddd;padding-bottom:4px',
  muted: 'color:#666666;font-size:13px',
  p: 'margin:8px 0 4px 0',
  link: 'color:#1a56db;text-decoration:none;font-weight:bold',
  sentence: 'margin:2px 0 2px 12px;padding-left:8px;border-left:3px solid #d0d7e2',
  tag: 'background:#eef1f5;color:#444444;font-size:11px;padding:0 4px;margin-right:4px',
  figure: 'background:#fff3c4;font-weight:bold',
  count: 'font-size:13px;padding:2px 12px 2px 0',
  warn: 'margin:0 0 6px 0;font-size:13px;color:#8a1c1c',
};

function html(d: Digest): string {
  const parts: string[] = [];
  parts.push(`<h1 style="${S.h1}">newsmon digest — ${escapeHtml(d.date)}</h1>`);
  parts.push(`<p style="${S.muted}">${escapeHtml(d.timezone)} · ${escapeHtml(summaryLine(d))}</p>`);
  parts.push(countsTable(d));
  for (const s of d.sections) parts.push(htmlSection(s, d));
  if (d.failingFeeds.length) {
    parts.push(`<h2 style="${S.h2}">Feeds failing (${d.failingFeeds.length})</h2>`);
    for (const f of d.failingFeeds) parts.push(htmlFeed(f));
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject(d))}</title></head>`,
    `<body style="${S.body}">`,
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="${S.card}"><tr><td style="${S.cell}">`,
    ...parts,
    '</td></tr></table>',
    '</body></html>',
    '',
  ].join('\n');
}

function countsTable(d: Digest): string {
  const rows = d.entityCounts.map(
    (c) =>
      `<tr><td style="${S.count}">${escapeHtml(c.name)}</td><td style="${S.count}" align="right">${c.events}</td>` +
      `<td style="${S.count};color:#666666">${c.articles ? escapeHtml(plural(c.articles, 'article')) : ''}</td></tr>`,
  );
  return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0">${rows.join('')}</table>`;
}

function htmlSection(s: DigestSection, d: Digest): string {
  const head = `<h2 style="${S.h2}">${escapeHtml(s.title)} <span style="${S.muted}">${escapeHtml(
    `${plural(s.events, 'event')}, ${plural(s.articleCount, 'article')}`,
  )}</span></h2>`;
  const more = moreArticlesNote(s, d);
  return head + s.articles.map((g) => htmlArticle(g, d.timezone)).join('') + (more ? `<p style="${S.muted}">${escapeHtml(more)}</p>` : '');
}

function htmlArticle(g: DigestArticleGroup, timeZone: string): string {
  const title = escapeHtml(oneLine(g.article.title) || '(untitled)');
  const href = safeHref(g.article.url);
  const link = href ? `<a href="${escapeHtml(href)}" style="${S.link}">${title}</a>` : `<b>${title}</b>`;
  const meta = [g.article.feedName, localTime(g.article.published, timeZone)].filter(Boolean).join(' · ');
  const metaHtml = meta ? ` <span style="${S.muted}">${escapeHtml(meta)}</span>` : '';
  const more = g.moreSentences ? `<p style="${S.sentence};color:#666666">… ${escapeHtml(plural(g.moreSentences, 'more sentence'))}</p>` : '';
  return `<p style="${S.p}">${link}${metaHtml}</p>${g.sentences.map(htmlSentence).join('')}${more}`;
}

function htmlSentence(s: DigestSentence): string {
  const tags = s.tags.map((t) => `<span style="${S.tag}">${escapeHtml(t)}</span>`).join('');
  return `<p style="${S.sentence}">${tags}${highlight(oneLine(s.text), s.powerFigures.map((p) => p.text))}</p>`;
}

/** Escapes the sentence and marks each stated power figure in it. */
function highlight(sentence: string, figures: string[]): string {
  const spans: Array<[number, number]> = [];
  for (const f of new Set(figures.filter(Boolean))) {
    for (let i = sentence.indexOf(f); i >= 0; i = sentence.indexOf(f, i + f.length)) spans.push([i, i + f.length]);
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    if (start < at) continue; // overlaps one already marked
    out += `${escapeHtml(sentence.slice(at, start))}<span style="${S.figure}">${escapeHtml(sentence.slice(start, end))}</span>`;
    at = end;
  }
  return out + escapeHtml(sentence.slice(at));
}

function htmlFeed(f: FailingFeed): string {
  const label = escapeHtml(f.name ? `${oneLine(f.name)} <${f.url}>` : f.url);
  const err = f.lastError ? ` — ${escapeHtml(`${f.lastErrorKind ? `${f.lastErrorKind}: ` : ''}${oneLine(f.lastError)}`)}` : '';
  const last = escapeHtml(f.lastSuccessAt ? `last success ${f.lastSuccessAt}` : 'never succeeded');
  return `<p style="${S.warn}"><b>${label}</b>: ${escapeHtml(plural(f.failureCount, 'failure'))} in a row${err}; ${last}</p>`;
}
