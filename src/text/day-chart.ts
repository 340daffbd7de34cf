import { clipToWidth, displayWidth, padToWidth } from './display-width.js';

// A small bar chart of counts per day for the terminal: one row per series, with its
// total, a bar of the total against the largest, and a sparkline of its days (each row
// against its own busiest day; several days to a column when the days do not fit). Widths in display columns, so a
// CJK label lines up. Pure.

export interface ChartRow {
  label: string;
  total: number;
  counts: readonly number[];
}

export interface DayChartOptions {
  /** Columns the chart may use (every line fits in it). */
  width: number;
  /** Header of the label column: "entity", "tag". */
  labelHeader: string;
  /** The first and last day, printed under the sparklines. */
  firstDay: string;
  lastDay: string;
}

const SPARKS = '▁▂▃▄▅▆▇█';
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const GAP = '  ';
const MAX_LABEL = 20;
const MAX_BAR = 24;
const MAX_WIDEN = 3;

/** Means per day of `per` consecutive days: a last, shorter group is not drawn as a dip. */
export function groupDays(counts: readonly number[], per: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < counts.length; i += per) {
    const group = counts.slice(i, i + per);
    out.push(group.reduce((a, b) => a + b, 0) / group.length);
  }
  return out;
}

/** One character a column: blank for none, else ▁…█ against the row's own peak. */
export function sparkline(counts: readonly number[]): string {
  const peak = Math.max(0, ...counts);
  return counts.map((n) => (n <= 0 ? ' ' : SPARKS[Math.min(7, Math.floor((n / peak) * 7.999))])).join('');
}

/** A bar `cells` columns long at most, in eighths of a column; at least a sliver for any count. */
export function bar(value: number, max: number, cells: number): string {
  if (value <= 0 || max <= 0) return '';
  const eighths = Math.max(1, Math.round((value / max) * cells * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

interface Layout {
  label: number;
  total: number;
  bar: number;
  spark: number;
  perColumn: number;
  /** Columns a day takes when few days leave room (a week drawn 7 columns wide is hard to read). */
  widen: number;
}

function layout(rows: readonly ChartRow[], o: DayChartOptions, days: number): Layout {
  const label = Math.min(MAX_LABEL, Math.max(displayWidth(o.labelHeader), ...rows.map((r) => displayWidth(r.label))));
  const total = Math.max(5, ...rows.map((r) => String(r.total).length));
  const room = o.width - label - total - GAP.length * 3;
  // The sparkline first (it is the per-day view), at least 10 columns; the bar takes what is left.
  const sparkRoom = Math.max(10, Math.min(days, room - 8));
  const perColumn = Math.max(1, Math.ceil(days / sparkRoom));
  const widen = perColumn === 1 && days > 0 ? Math.max(1, Math.min(MAX_WIDEN, Math.floor((room - MAX_BAR) / days))) : 1;
  const spark = Math.ceil(days / perColumn) * widen;
  const barWidth = Math.min(MAX_BAR, room - spark);
  return { label, total, bar: barWidth >= 4 ? barWidth : 0, spark, perColumn, widen };
}

/** The chart's lines, each at most `width` columns, joined with "\n" and ending in one. */
export function dayChart(rows: readonly ChartRow[], o: DayChartOptions): string {
  const days = rows[0]?.counts.length ?? 0;
  const l = layout(rows, o, days);
  const max = Math.max(0, ...rows.map((r) => r.total));
  const line = (label: string, total: string, barText: string, spark: string): string =>
    [padToWidth(clipToWidth(label, l.label), l.label), GAP, padToWidth(total, l.total, 'right'), ...(l.bar ? [GAP, padToWidth(barText, l.bar)] : []), GAP, spark].join('').trimEnd();
  const sparkAt = l.label + l.total + GAP.length * 2 + (l.bar ? l.bar + GAP.length : 0);
  const per = l.perColumn === 1 ? 'per day' : `per day, ${l.perColumn} days a column`;
  const out = [line(o.labelHeader, 'total', l.bar ? 'share' : '', per)];
  for (const r of rows) out.push(line(r.label, String(r.total), bar(r.total, max, l.bar), [...sparkline(groupDays(r.counts, l.perColumn))].map((c) => c.repeat(l.widen)).join('')));
  const ends = o.firstDay.length + o.lastDay.length + 1;
  out.push(' '.repeat(sparkAt) + (l.spark >= ends ? o.firstDay + padToWidth(o.lastDay, l.spark - o.firstDay.length, 'right') : o.firstDay));
  return `${out.map((s) => clipToWidth(s, o.width)).join('\n')}\n`;
}
