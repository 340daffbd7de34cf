import { dayViewUrl } from './size-budget.js';
import { failingFeedsText } from './failing-feeds.js';
import { trendLineText } from './trend-render.js';
import type { StoryDigestView } from './story-digest.js';
import type { RankedStory } from './story-types.js';

// The plain-text part: it must read well on its own (some readers see only it), so every
// story keeps its sources' URLs and the trend is a sparkline with the numbers. Pure.

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();
const clip = (s: string, n: number): string => ([...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s);

function headText(s: RankedStory, v: StoryDigestView, rank: number): string[] {
  const who = s.entities.filter((e) => v.names.has(e)).map((e) => v.names.get(e)!);
  const lines = [`${rank}. ${oneLine(s.title) || '(untitled)'}`];
  const why = s.outlets.length > 1 ? s.reasons : ['1 outlet', ...s.reasons];
  lines.push(`   ${who.length ? `${who.join(', ')} — ` : ''}${why.join(', ')}`);
  const lead = s.sentences[0];
  if (lead) lines.push(`   “${clip(oneLine(lead.text), 240)}”`);
  const seen = new Set<string>();
  for (const a of s.articles) {
    if (seen.has(a.outlet)) continue;
    seen.add(a.outlet);
    lines.push(`   - ${a.outlet}: ${a.url}`);
  }
  return lines;
}

export function storyDigestText(v: StoryDigestView, collapsed: number, perCompany = 5): string {
  const out: string[] = [];
  out.push(`WHAT HAPPENED — ${v.date} (${v.timezone})`);
  out.push(`${v.totals.articles} articles · ${v.totals.stories} stories · ${v.totals.figures} power figures`, '');
  if (v.head.length) v.head.forEach((s, i) => out.push(...headText(s, v, i + 1), ''));
  else out.push('No watch-list news on this day.', '');
  out.push('COMPANIES (articles today, last 14 days)', '');
  const width = Math.max(...v.companies.map((c) => c.name.length), 0);
  for (const c of v.companies) out.push(trendLineText(c, width));
  out.push('');
  for (const c of v.companies.filter((x) => x.stories.length)) {
    out.push(`${c.name}:`);
    for (const s of c.stories.slice(0, perCompany)) {
      out.push(`  * ${oneLine(s.title) || '(untitled)'} (${s.outlets.length > 1 ? `${s.outlets.length} outlets` : s.outlets[0] ?? ''})`, `    ${s.articles[0]!.url}`);
    }
    if (c.stories.length > perCompany) out.push(`  … and ${c.stories.length - perCompany} more`);
    out.push('');
  }
  if (v.power.length) {
    out.push('POWER FIGURES', '');
    for (const r of v.power) {
      const company = r.company ? (v.names.get(r.company) ?? r.company) : 'no company named';
      out.push(`* ${r.figure} — ${company} — ${clip(oneLine(r.context), 160)}`);
      out.push(`  ${r.sources.map((a) => `${a.outlet} ${a.url}`).join(' · ')}`);
    }
    out.push('');
  }
  if (collapsed > 0) {
    out.push(`${collapsed} lower-ranked ${collapsed === 1 ? 'story' : 'stories'} not shown${v.webBase ? `: ${dayViewUrl(v.webBase, v.range)}` : ''}`, '');
  }
  out.push(...failingFeedsText(v.failingFeeds));
  return `${out.join('\n').trimEnd()}\n`;
}
