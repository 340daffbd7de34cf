import { describe, expect, it } from 'vitest';
import { parseSince, parseUntil, TimeRangeError } from '../../src/time/time-range.js';

const NOW = new Date('2025-03-10T12:00:00.000Z');

describe('parseSince', () => {
  const cases: Array<{ name: string; value: string; want: string }> = [
    { name: 'days', value: '7d', want: '2025-03-03T12:00:00.000Z' },
    { name: 'hours', value: '24h', want: '2025-03-09T12:00:00.000Z' },
    { name: 'minutes', value: '30m', want: '2025-03-10T11:30:00.000Z' },
    { name: 'weeks', value: '2w', want: '2025-02-24T12:00:00.000Z' },
    { name: 'compound duration', value: '1h30m', want: '2025-03-10T10:30:00.000Z' },
    { name: 'upper-case unit', value: '7D', want: '2025-03-03T12:00:00.000Z' },
    { name: 'surrounding space', value: ' 24h ', want: '2025-03-09T12:00:00.000Z' },
    { name: 'date is the start of the UTC day', value: '2025-03-01', want: '2025-03-01T00:00:00.000Z' },
    { name: 'leap day', value: '2024-02-29', want: '2024-02-29T00:00:00.000Z' },
    { name: 'ISO with Z', value: '2025-03-01T08:30:00Z', want: '2025-03-01T08:30:00.000Z' },
    { name: 'ISO with offset', value: '2025-03-01T08:30:00+08:00', want: '2025-03-01T00:30:00.000Z' },
    { name: 'ISO with compact offset', value: '2025-03-01T08:30:00+0800', want: '2025-03-01T00:30:00.000Z' },
    { name: 'ISO with fraction', value: '2025-03-01T08:30:00.250Z', want: '2025-03-01T08:30:00.250Z' },
    { name: 'ISO without zone is UTC', value: '2025-03-01T08:30', want: '2025-03-01T08:30:00.000Z' },
    { name: 'space instead of T', value: '2025-03-01 08:30:00Z', want: '2025-03-01T08:30:00.000Z' },
  ];
  it.each(cases)('$name', ({ value, want }) => {
    expect(parseSince(value, NOW)).toBe(want);
  });

  const bad = ['', 'yesterday', '7', '2025', '-7d', '0d', '2025-02-30', '2025-13-01', '2025-03-01T25:00Z', '7 days ago', '7x'];
  it.each(bad)('rejects %j', (value) => {
    expect(() => parseSince(value, NOW)).toThrow(TimeRangeError);
  });

  it('names the parameter in the message', () => {
    expect(() => parseSince('soon', NOW, 'from')).toThrow(/"from" must be .*"soon"/);
  });
});

describe('parseUntil', () => {
  const cases = [
    { name: 'date means the end of that day', value: '2025-03-01', want: '2025-03-02T00:00:00.000Z' },
    { name: 'end of year', value: '2024-12-31', want: '2025-01-01T00:00:00.000Z' },
    { name: 'duration counts back from now', value: '1d', want: '2025-03-09T12:00:00.000Z' },
    { name: 'ISO time is taken as is', value: '2025-03-01T08:30:00Z', want: '2025-03-01T08:30:00.000Z' },
  ];
  it.each(cases)('$name', ({ value, want }) => {
    expect(parseUntil(value, NOW)).toBe(want);
  });
});
