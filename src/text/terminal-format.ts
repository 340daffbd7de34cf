import { clipToWidth, displayWidth, padToWidth } from './display-width.js';

// Formatting for the terminal: tables that fit the window, cells in display columns (CJK
// text takes two per character), and "3m ago" / "in 2h" times. Used by every command
// that prints a table, so they line up the same way.

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** Never wider than this many columns (the cell is clipped with "…"). */
  max?: number;
  /**
   * May give up width when the table is wider than the terminal, down to `min` (default:
   * the header's width, at least 6). Columns without it keep their natural width.
   */
  shrink?: boolean;
  min?: number;
}

export interface TableOptions {
  /** The terminal's width in columns; undefined: no limit (a pipe, a file). */
  width?: number;
  /** Spaces between columns (default 2). */
  gap?: number;
  /** Put before every line, e.g. "  " for a table under a heading. */
  indent?: string;
}

/** Spaces, tabs and line breaks folded to one space: a cell is one line. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function naturalWidths(columns: readonly Column[], rows: readonly string[][]): number[] {
  return columns.map((c, i) => {
    const widest = Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(r[i] ?? '')));
    return c.max === undefined ? widest : Math.min(widest, Math.max(c.max, displayWidth(c.header)));
  });
}

/** Takes columns from the shrinkable columns, widest first, until the table fits or none can give more. */
function fitWidths(columns: readonly Column[], widths: number[], room: number): number[] {
  const out = [...widths];
  let excess = out.reduce((a, b) => a + b, 0) - room;
  const floor = (i: number) => columns[i]!.min ?? Math.max(6, displayWidth(columns[i]!.header));
  while (excess > 0) {
    let widest = -1;
    for (let i = 0; i < out.length; i++) {
      if (columns[i]!.shrink && out[i]! > floor(i) && (widest < 0 || out[i]! > out[widest]!)) widest = i;
    }
    if (widest < 0) break;
    const second = Math.max(floor(widest), ...out.map((w, i) => (i !== widest && columns[i]!.shrink ? w : 0)));
    const take = Math.min(excess, Math.max(1, out[widest]! - second));
    out[widest] = out[widest]! - take;
    excess -= take;
  }
  return out;
}

/**
 * A table with a header row, columns padded to their display width, cells clipped with "…"
 * to fit `max` and, given a terminal width, the shrinkable columns narrowed to fit it.
 * Trailing spaces are trimmed. Returns the lines joined with "\n", without a final newline.
 */
export function formatTable(columns: readonly Column[], rows: readonly string[][], o: TableOptions = {}): string {
  const gap = o.gap ?? 2;
  const indent = o.indent ?? '';
  const cells = rows.map((r) => columns.map((_, i) => oneLine(r[i] ?? '')));
  let widths = naturalWidths(columns, cells);
  if (o.width !== undefined) widths = fitWidths(columns, widths, o.width - displayWidth(indent) - gap * (columns.length - 1));
  const line = (r: readonly string[]) =>
    indent +
    r
      .map((c, i) => {
        const w = widths[i]!;
        const cell = clipToWidth(c, w);
        return i === r.length - 1 && columns[i]!.align !== 'right' ? cell : padToWidth(cell, w, columns[i]!.align);
      })
      .join(' '.repeat(gap))
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n');
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A span in its largest whole unit, rounded: "45s", "12m", "3h", "9d". */
export function formatSpan(ms: number): string {
  const abs = Math.abs(ms);
  if (Math.round(abs / SECOND) < 60) return `${Math.round(abs / SECOND)}s`;
  if (Math.round(abs / MINUTE) < 60) return `${Math.round(abs / MINUTE)}m`;
  if (Math.round(abs / HOUR) < 24) return `${Math.round(abs / HOUR)}h`;
  return `${Math.round(abs / DAY)}d`;
}

/** "3h ago", "in 12m"; "-" for no time; an unreadable time is shown as it is. */
export function relativeTime(iso: string | null, now: Date): string {
  if (iso === null) return '-';
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const d = t - now.getTime();
  return d <= 0 ? `${formatSpan(d)} ago` : `in ${formatSpan(d)}`;
}
