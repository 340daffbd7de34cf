import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, parseSize } from '../../src/time/duration.js';

describe('durations and sizes', () => {
  it.each([
    ['15m', 900_000], ['1h30m', 5_400_000], ['500ms', 500], ['2d', 172_800_000], ['30', 30_000], ['1.5h', 5_400_000],
  ] as const)('parseDuration(%s)', (text, ms) => expect(parseDuration(text)).toBe(ms));
  it.each(['', 'soon', '5 parsecs', '-1m', '1h soon'])('parseDuration rejects %j', (text) => expect(parseDuration(text)).toBeNull());
  it.each([
    ['10MB', 10_000_000], ['512KiB', 524_288], ['1024', 1024], ['1.5 GB', 1_500_000_000],
  ] as const)('parseSize(%s)', (text, bytes) => expect(parseSize(text)).toBe(bytes));
  it.each(['', 'lots', '5 parsecs'])('parseSize rejects %j', (text) => expect(parseSize(text)).toBeNull());
});

describe('formatDuration', () => {
  it.each([
    [900_000, '15m'], [3_600_000, '1h'], [86_400_000, '1d'], [5_400_000, '90m'], [1500, '1500ms'],
  ] as const)('formatDuration(%s) = %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});
