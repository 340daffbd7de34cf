import { describe, expect, it } from 'vitest';
import { bar, dayChart, groupDays, sparkline } from '../../src/text/day-chart.js';
import { displayWidth, graphemes, graphemeWidth } from '../../src/text/display-width.js';

/** A line split at a display column. */
function cutAt(line: string, column: number): [string, string] {
  let used = 0;
  let i = 0;
  const gs = graphemes(line);
  while (i < gs.length && used < column) used += graphemeWidth(gs[i++]!);
  return [gs.slice(0, i).join(''), gs.slice(i).join('')];
}

describe('day chart', () => {
  it('sparkline: blank for none, ▁…█ against the row peak', () => {
    expect(sparkline([0, 1, 4, 8])).toBe(' ▁▄█');
    expect(sparkline([0, 0])).toBe('  ');
  });

  it('bar: eighths of a column, a sliver for any count', () => {
    expect(bar(10, 10, 3)).toBe('███');
    expect(bar(5, 10, 3)).toBe('█▌');
    expect(bar(1, 1000, 3)).toBe('▏');
    expect(bar(0, 10, 3)).toBe('');
  });

  it('groups days when they do not fit, as a mean per day (a short last group is no dip)', () => {
    expect(groupDays([1, 2, 3, 4, 5], 2)).toEqual([1.5, 3.5, 5]);
    expect(sparkline(groupDays([4, 4, 4, 4, 4], 2))).toBe('███');
  });

  it('draws a few days wider, still within the width', () => {
    const out = dayChart([{ label: 'huawei', total: 3, counts: [0, 1, 2] }], { width: 80, labelHeader: 'entity', firstDay: '2025-01-01', lastDay: '2025-01-03' });
    const row = out.split('\n')[1]!;
    expect(row.endsWith('   ▄▄▄███')).toBe(true);
    for (const l of out.trimEnd().split('\n')) expect(displayWidth(l)).toBeLessThanOrEqual(80);
  });

  const days = Array.from({ length: 365 }, (_, i) => (i % 7) * 3);
  const rows = [
    { label: 'huawei', total: 1200, counts: days },
    { label: '摩尔线程', total: 30, counts: days.map((n) => (n > 10 ? 1 : 0)) },
    { label: 'a-very-long-entity-identifier-indeed', total: 7, counts: days.map(() => 0) },
  ];
  it.each([40, 80, 132])('every line fits %i columns, CJK counted as two', (width) => {
    const lines = dayChart(rows, { width, labelHeader: 'entity', firstDay: '2025-01-01', lastDay: '2025-12-31' }).trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(width);
    // The columns line up: every row's sparkline starts where the header's "per" does, after the gap.
    const at = displayWidth(lines[0]!.slice(0, lines[0]!.indexOf('per ')));
    for (const l of lines.slice(1, 3)) {
      const [before, after] = cutAt(l, at);
      expect(before.endsWith('  '), l).toBe(true);
      expect(after, l).toMatch(/^[ ▁▂▃▄▅▆▇█]*$/);
    }
    expect(lines[2]!.startsWith('摩尔线程')).toBe(true);
  });
});
