import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/text/display-width.js';
import { formatSpan, formatTable, oneLine, relativeTime, type Column } from '../../src/text/terminal-format.js';

const now = new Date('2026-05-01T12:00:00Z');
const at = (msFromNow: number) => new Date(now.getTime() + msFromNow).toISOString();

describe('relativeTime', () => {
  it.each([
    { name: 'no time', iso: null, want: '-' },
    { name: 'unreadable time shown as is', iso: 'yesterday-ish', want: 'yesterday-ish' },
    { name: 'now', iso: at(0), want: '0s ago' },
    { name: 'seconds ago', iso: at(-42_000), want: '42s ago' },
    { name: '59.6 s rounds up to a minute', iso: at(-59_600), want: '1m ago' },
    { name: 'minutes ago', iso: at(-3 * 60_000), want: '3m ago' },
    { name: 'in minutes', iso: at(12 * 60_000), want: 'in 12m' },
    { name: 'hours ago', iso: at(-3 * 3_600_000), want: '3h ago' },
    { name: 'in hours', iso: at(2 * 3_600_000 + 60_000), want: 'in 2h' },
    { name: '23.6 h rounds up to a day', iso: at(-23.6 * 3_600_000), want: '1d ago' },
    { name: 'days ago', iso: at(-9 * 86_400_000), want: '9d ago' },
  ])('$name', ({ iso, want }) => {
    expect(relativeTime(iso, now)).toBe(want);
  });

  it('formatSpan ignores the sign', () => {
    expect([formatSpan(-90_000), formatSpan(90_000)]).toEqual(['2m', '2m']);
  });
});

describe('oneLine', () => {
  it('folds line breaks and runs of white space', () => {
    expect(oneLine('  寒武纪\n发布\t新芯片  ')).toBe('寒武纪 发布 新芯片');
  });
});

const columns: Column[] = [
  { header: 'ID' },
  { header: 'NAME', shrink: true, min: 6 },
  { header: 'N', align: 'right' },
  { header: 'NOTE', shrink: true, min: 8 },
];
const rows = [
  ['a1', '摩尔线程 Moore Threads', '7', 'listing approved on the STAR market'],
  ['b22', 'MetaX 沐曦', '12', 'ok'],
];

describe('formatTable', () => {
  it('pads by display width, so CJK columns line up', () => {
    const out = formatTable(columns, rows);
    expect(out.split('\n')).toEqual([
      'ID   NAME                     N  NOTE',
      'a1   摩尔线程 Moore Threads   7  listing approved on the STAR market',
      'b22  MetaX 沐曦              12  ok',
    ]);
  });

  it.each([
    { name: 'wide terminal: natural widths', width: 200, maxLine: 68 },
    { name: 'exactly the natural width', width: 68, maxLine: 68 },
    { name: 'one column short', width: 67, maxLine: 67 },
    { name: 'narrow terminal: shrinkable columns give way', width: 50, maxLine: 50 },
    { name: 'very narrow: shrinkable columns stop at their minimum', width: 20, maxLine: 3 + 2 + 6 + 2 + 2 + 2 + 8 },
  ])('$name ($width columns)', ({ width, maxLine }) => {
    const lines = formatTable(columns, rows, { width }).split('\n');
    expect(Math.max(...lines.map(displayWidth))).toBeLessThanOrEqual(maxLine);
    expect(Math.max(...lines.map(displayWidth))).toBeGreaterThanOrEqual(Math.min(width, maxLine) - 8);
    // Columns still line up: the last column starts at the same display column on every line.
    const starts = lines.map((l) => displayWidth(l.slice(0, l.lastIndexOf('  ') + 2)));
    expect(new Set(starts).size).toBe(1);
  });

  it('clips a shrunk CJK cell with an ellipsis, never splitting a character', () => {
    const lines = formatTable(columns, rows, { width: 40 }).split('\n');
    expect(lines[1]).toMatch(/^a1 {3}摩尔线程 Moor… {3}7 {2}listing approv…$/u);
  });

  it('max caps a column even without a terminal width', () => {
    const out = formatTable([{ header: 'K' }, { header: 'V', max: 5 }], [['x', '華為技術有限公司']]);
    expect(out.split('\n')[1]).toBe('x  華為…');
  });

  it('gap and indent', () => {
    expect(formatTable([{ header: 'A' }, { header: 'B' }], [['1', '2']], { gap: 1, indent: '  ' })).toBe('  A B\n  1 2');
  });

  it('emoji and mixed text in cells keep the columns aligned', () => {
    const out = formatTable([{ header: 'WHO' }, { header: 'X' }], [['🚀 launch', '1'], ['华为', '2'], ['e\u0301te\u0301', '3']]);
    const xCol = out.split('\n').map((l) => displayWidth(l) - 1);
    expect(new Set(xCol).size).toBe(1);
  });
});
