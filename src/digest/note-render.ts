import { escapeHtml } from '../text/html-escape.js';
import { FONT_STACK } from './story-render-html.js';
import type { RenderedStoryDigest } from './story-render.js';
import type { StoryDigestView } from './story-digest.js';

// The mail of a day with nothing for the recipient (on_empty_day: note): a few lines that
// say so, and where to look, instead of a digest of empty sections. Pure.

export function renderEmptyDayNote(v: StoryDigestView): RenderedStoryDigest {
  const who = v.companies.map((c) => c.name).join(', ');
  const line = `Nothing new on your watch-list on ${v.date} (${v.timezone}).`;
  const scope = who ? `Followed: ${who}.` : '';
  const link = v.webBase ? `${v.webBase.replace(/\/+$/, '')}/?since=${encodeURIComponent(v.range.start)}&until=${encodeURIComponent(v.range.end)}` : null;
  const text = [line, scope, link ? `The day in newsmon: ${link}` : ''].filter(Boolean).join('\n') + '\n';
  const html = [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(line)}</title></head>`,
    `<body style="margin:0;padding:16px 20px;background:#ffffff;color:#222222;font-size:14px;line-height:1.45;font-family:${FONT_STACK}">`,
    `<p style="margin:0 0 6px 0" data-empty-day="1">${escapeHtml(line)}</p>`,
    scope ? `<p style="margin:0 0 6px 0;color:#666666;font-size:12px">${escapeHtml(scope)}</p>` : '',
    link ? `<p style="margin:0;font-size:12px"><a href="${escapeHtml(link)}" style="color:#1a56db">The day in newsmon</a></p>` : '',
    '</body></html>',
    '',
  ].join('\n');
  return { subject: `newsmon ${v.date} — nothing new on your watch-list`, html, text, collapsed: 0 };
}
