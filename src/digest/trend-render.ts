import type { CompanyDay } from './story-types.js';
import { escapeHtml } from '../text/html-escape.js';

// A 14-day mentions chart per company that survives mail clients: a one-row table of cells
// whose inner blocks have a height (no SVG, no script, no images), and its plain-text twin
// as a sparkline with the numbers beside it. Pure.

const BAR_MAX_PX = 28;
const BAR_W_PX = 7;
const COLORS = { bar: '#9db4d6', today: '#1a56db', spikeToday: '#c2410c', empty: '#e5e7eb' };

export function trendBarsHtml(c: CompanyDay): string {
  const max = Math.max(1, ...c.trend.map((d) => d.count));
  const cells = c.trend.map((d, i) => {
    const today = i === c.trend.length - 1;
    const h = d.count === 0 ? 1 : Math.max(2, Math.round((d.count / max) * BAR_MAX_PX));
    const color = d.count === 0 ? COLORS.empty : today ? (c.spike ? COLORS.spikeToday : COLORS.today) : COLORS.bar;
    return (
      `<td style="vertical-align:bottom;padding:0 1px 0 0" title="${escapeHtml(`${d.date}: ${d.count}`)}">` +
      `<div style="width:${BAR_W_PX}px;height:${h}px;background:${color};font-size:0;line-height:0">&nbsp;</div></td>`
    );
  });
  return (
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" data-trend="${escapeHtml(c.id)}" style="border-collapse:collapse;height:${BAR_MAX_PX}px">` +
    `<tr>${cells.join('')}</tr></table>`
  );
}

/** "▁▁▂▁▃▂▁▁▂▃▂▂▅█" scaled to the company's own 14-day maximum. */
export function sparkline(counts: readonly number[]): string {
  const ticks = '▁▂▃▄▅▆▇█';
  const max = Math.max(1, ...counts);
  return counts.map((n) => ticks[Math.min(7, Math.round((n / max) * 7))]).join('');
}

export function spikeLabel(c: CompanyDay): string {
  if (!c.spike) return '';
  return c.average7 > 0 ? `spike: ${(c.count / c.average7).toFixed(1)}× its 7-day average` : 'spike: none in the 7 days before';
}

/** "Huawei   ▁▂▁▃▅█  12 today · 7-day avg 4.1 · spike: 2.9× its 7-day average" */
export function trendLineText(c: CompanyDay, nameWidth: number): string {
  const spike = spikeLabel(c);
  const name = c.name + ' '.repeat(Math.max(1, nameWidth - c.name.length + 1));
  return `${name}${sparkline(c.trend.map((d) => d.count))}  ${c.count} today · 7-day avg ${c.average7.toFixed(1)}${spike ? ` · ${spike.toUpperCase()}` : ''}`;
}
