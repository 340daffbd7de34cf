import { describe, expect, it } from 'vitest';
import { dayBuckets, DayRangeError } from '../../src/time/day-buckets.js';
import { addDays, zonedDayStart } from '../../src/time/zoned-day.js';

describe('dayBuckets', () => {
  // Zones with DST, with transitions at midnight (São Paulo until 2019, Havana, Beirut), half hours, and none.
  it.each(['UTC', 'Asia/Shanghai', 'America/New_York', 'Europe/London', 'America/Sao_Paulo', 'America/Havana', 'Asia/Beirut', 'Australia/Lord_Howe', 'Asia/Kolkata'])(
    'every day of 2015–2025 in %s starts where zonedDayStart says',
    (tz) => {
      const { days, bounds } = dayBuckets('2015-01-01T12:00:00Z', '2025-12-31T12:00:00Z', tz, 5000);
      expect(bounds).toHaveLength(days.length + 1);
      days.forEach((d, i) => {
        expect(bounds[i], `${tz} ${d}`).toBe(new Date(zonedDayStart(d, tz)).toISOString());
        if (i > 0) expect(d).toBe(addDays(days[i - 1] as string, 1));
      });
      expect(bounds.at(-1)).toBe(new Date(zonedDayStart(addDays(days.at(-1) as string, 1), tz)).toISOString());
    },
  );

  it('widens a range to whole local days', () => {
    expect(dayBuckets('2025-03-01T15:00:00Z', '2025-03-02T01:00:00Z', 'Asia/Shanghai', 10)).toEqual({
      days: ['2025-03-01', '2025-03-02'],
      bounds: ['2025-02-28T16:00:00.000Z', '2025-03-01T16:00:00.000Z', '2025-03-02T16:00:00.000Z'],
    });
  });

  it('refuses an empty or too long range, naming the parameter', () => {
    expect(() => dayBuckets('2025-03-02', '2025-03-01', 'UTC', 10)).toThrow(expect.objectContaining({ param: 'until' }));
    expect(() => dayBuckets('2025-01-01', '2025-03-01', 'UTC', 10)).toThrow(DayRangeError);
    expect(() => dayBuckets('2025-01-01', '2025-03-01', 'UTC', 10)).toThrow(expect.objectContaining({ param: 'since' }));
  });
});
