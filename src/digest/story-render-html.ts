import { escapeHtml } from '../text/html-escape.js';
import { safeHref } from './href.js';
import { dayViewUrl } from './size-budget.js';
import { failingFeedsHtml } from './failing-feeds.js';
import { spikeLabel, trendBarsHtml } from './trend-render.js';
import type { StoryDigestView } from './story-digest.js';
import type { PowerRow } from './power-table.js';
import type { CompanyDay, RankedStory, StoryArticle } from './story-types.js';

// The story digest as mail HTML: tables and inline styles only, no script, no SVG, no
// external resources; every value escaped; links only for http(s). The font stack names
// CJK faces so Chinese headlines do not fall back to a random font. Pure.

export const FONT_STACK =
  "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei',sans-serif";

const S = {
  body: 'margin:0;padding:0;background:#f4f5f7',
  card: 'width:100%;max-width:680px;margin:0 auto;background:#ffffff;border-collapse:collapse',
  cell: `padding:16px 20px;color:#222222;font-size:14px;line-height:1.45;font-family:${FONT_STACK}`,
  h1: 'margin:0 0 2px 0;font-size:20px;color:#111111',
  h2: 'margin:22px 0 8px 0;font-size:16px;color:#111111;border-bottom:1px solid #dddddd;padding-bottom:4px',
  muted: 'color:#666666;font-size:12px',
  link: 'color:#1a56db;text-decoration:none',
  title: 'color:#1a56db;text-decoration:none;font-weight:bold',
  chip: 'display:inline-block;background:#eef1f5;color:#444444;font-size:11px;padding:0 5px;margin:0 4px 2px 0;border-radius:3px',
  quote: 'margin:3px 0 0 0;padding-left:8px;border-left:3px solid #d0d7e2;color:#333333',
  spike: 'display:inline-block;background:#fde7dc;color:#9a3412;font-size:11px;font-weight:bold;padding:0 6px;border-radius:3px',
  th: 'text-align:left;font-size:12px;color:#666666;padding:4px 6px 4px 0;border-bottom:1px solid #dddddd',
  td: 'vertical-align:top;font-size:13px;padding:5px 6px 5px 0;border-bottom:1px solid #f0f0f0;word-break:break-word',
};

const a = (href: string, text: string, style = S.link): string => {
  const safe = safeHref(href);
  return safe ? `<a href="${escapeHtml(safe)}" style="${style}">${escapeHtml(text)}</a>` : escapeHtml(text);
};
const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();
const clip = (s: string, n: number): string => ([...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s);
const names = (v: StoryDigestView, ids: readonly string[]): string[] => ids.map((id) => v.names.get(id) ?? id);

function outletLinks(articles: readonly StoryArticle[]): string {
  const seen = new Set<string>();
  return articles
    .filter((x) => (seen.has(x.outlet) ? false : (seen.add(x.outlet), true)))
    .map((x) => a(x.url, x.outlet))
    .join(' · ');
}

function headItem(s: RankedStory, v: StoryDigestView, rank: number): string {
  const lead = s.sentences[0];
  const chips = s.reasons.map((r) => `<span style="${S.chip}">${escapeHtml(r)}</span>`).join('');
  const who = names(v, s.entities.filter((e) => v.names.has(e))).join(', ');
  return (
    `<tr><td style="vertical-align:top;padding:6px 8px 6px 0;font-size:16px;color:#999999;font-weight:bold">${rank}</td>` +
    `<td style="padding:6px 0" data-story="${escapeHtml(s.id)}">${a(s.articles[0]!.url, oneLine(s.title) || '(untitled)', S.title)}` +
    `<div style="${S.muted}">${escapeHtml(who)}${who ? ' — ' : ''}${s.outlets.length} ${s.outlets.length === 1 ? 'outlet' : 'outlets'}: ${outletLinks(s.articles)}</div>` +
    `<div>${chips}</div>${lead ? `<p style="${S.quote}">${escapeHtml(clip(oneLine(lead.text), 240))}</p>` : ''}</td></tr>`
  );
}

function companyBlock(c: CompanyDay, v: StoryDigestView, perCompany: number): string {
  const spike = c.spike ? ` <span style="${S.spike}" data-spike="${escapeHtml(c.id)}">▲ ${escapeHtml(spikeLabel(c))}</span>` : '';
  const head =
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="width:100%;margin:14px 0 4px 0"><tr>` +
    `<td style="vertical-align:bottom"><b style="font-size:15px">${escapeHtml(c.name)}</b> ` +
    `<span style="${S.muted}">${c.count} ${c.count === 1 ? 'article' : 'articles'} · 7-day avg ${c.average7.toFixed(1)}</span>${spike}</td>` +
    `<td style="vertical-align:bottom;width:112px" align="right">${trendBarsHtml(c)}</td></tr></table>`;
  const items = c.stories.slice(0, perCompany).map(
    (s) =>
      `<p style="margin:2px 0 2px 0">• ${a(s.articles[0]!.url, oneLine(s.title) || '(untitled)')} ` +
      `<span style="${S.muted}">${s.outlets.length > 1 ? `${s.outlets.length} outlets` : escapeHtml(s.outlets[0] ?? '')}${s.tags.length ? ` · ${escapeHtml(s.tags.join(', '))}` : ''}</span></p>`,
  );
  const more = c.stories.length - perCompany;
  const moreLine =
    more > 0 && v.webBase
      ? `<p style="${S.muted}">${a(`${dayViewUrl(v.webBase, v.range)}&entity=${encodeURIComponent(c.id)}`, `and ${more} more`)}</p>`
      : more > 0
        ? `<p style="${S.muted}">and ${more} more</p>`
        : '';
  return `<div data-company="${escapeHtml(c.id)}">${head}${items.join('')}${moreLine}</div>`;
}

// Two columns, so a phone keeps the context readable: the figure and its company, then
// what was said and who said it.
function powerRows(rows: readonly PowerRow[], v: StoryDigestView): string {
  const body = rows.map(
    (r) =>
      `<tr><td style="${S.td};width:30%"><b style="white-space:nowrap">${escapeHtml(r.figure)}</b>` +
      `<div style="${S.muted}">${escapeHtml(r.company ? (v.names.get(r.company) ?? r.company) : 'no company named')}</div></td>` +
      `<td style="${S.td}">${escapeHtml(clip(oneLine(r.context), 160))}<div style="${S.muted}">${outletLinks(r.sources)}</div></td></tr>`,
  );
  return (
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse" data-power-table="1">` +
    `<tr><th style="${S.th}">Figure</th><th style="${S.th}">Stated in</th></tr>${body.join('')}</table>`
  );
}

export function storyDigestHtml(v: StoryDigestView, subject: string, collapsed: number, perCompany = 5): string {
  const parts: string[] = [];
  parts.push(`<h1 style="${S.h1}">What happened — ${escapeHtml(v.date)}</h1>`);
  parts.push(`<p style="${S.muted};margin:0 0 8px 0">${escapeHtml(`${v.totals.articles} articles · ${v.totals.stories} stories · ${v.totals.figures} power figures · ${v.timezone}`)}</p>`);
  if (v.head.length) {
    parts.push(`<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="width:100%" data-section="head">`);
    v.head.forEach((s, i) => parts.push(headItem(s, v, i + 1)));
    parts.push('</table>');
  } else parts.push(`<p>No watch-list news on this day.</p>`);
  const active = v.companies.filter((c) => c.count > 0 || c.spike);
  const quiet = v.companies.filter((c) => !(c.count > 0 || c.spike));
  parts.push(`<h2 style="${S.h2}">Companies</h2><div data-section="companies">`);
  for (const c of active) parts.push(companyBlock(c, v, perCompany));
  if (quiet.length) parts.push(`<p style="${S.muted}">No mentions: ${escapeHtml(quiet.map((c) => c.name).join(', '))}</p>`);
  parts.push('</div>');
  if (v.power.length) parts.push(`<h2 style="${S.h2}">Power figures</h2>${powerRows(v.power, v)}`);
  if (collapsed > 0) {
    const text = `${collapsed} lower-ranked ${collapsed === 1 ? 'story' : 'stories'} not shown`;
    const link = v.webBase ? ` — ${a(dayViewUrl(v.webBase, v.range), 'see the whole day')}` : '';
    parts.push(`<p style="${S.muted};margin-top:16px" data-collapsed="${collapsed}">${escapeHtml(text)}${link}</p>`);
  }
  parts.push(failingFeedsHtml(v.failingFeeds, S.h2));
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    `<body style="${S.body}">`,
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="${S.card}"><tr><td style="${S.cell}">`,
    ...parts,
    '</td></tr></table>',
    '</body></html>',
    '',
  ].join('\n');
}
