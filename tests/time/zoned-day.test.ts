import { describe, expect, it } from 'vitest';
import { addDays, localDate, zonedDayRange } from '../../src/time/zoned-day.js';
import { isValidTimeZone } from '../../src/time/zones.js';

describe('zonedDayRange', () => {
  const cases = [
    { name: 'UTC', date: '2025-03-01', tz: 'UTC', start: '2025-03-01T00:00:00.000Z', end: '2025-03-02T00:00:00.000Z' },
    { name: 'Shanghai, east of UTC', date: '2025-03-01', tz: 'Asia/Shanghai', start: '2025-02-28T16:00:00.000Z', end: '2025-03-01T16:00:00.000Z' },
    { name: 'Kolkata, half-hour offset', date: '2025-03-01', tz: 'Asia/Kolkata', start: '2025-02-28T18:30:00.000Z', end: '2025-03-01T18:30:00.000Z' },
    { name: 'Los Angeles, west of UTC', date: '2025-01-15', tz: 'America/Los_Angeles', start: '2025-01-15T08:00:00.000Z', end: '2025-01-16T08:00:00.000Z' },
    { name: 'New York spring forward: a 23-hour day', date: '2024-03-10', tz: 'America/New_York', start: '2024-03-10T05:00:00.000Z', end: '2024-03-11T04:00:00.000Z' },
    { name: 'New York fall back: a 25-hour day', date: '2024-11-03', tz: 'America/New_York', start: '2024-11-03T04:00:00.000Z', end: '2024-11-04T05:00:00.000Z' },
    { name: 'Berlin spring forward', date: '2025-03-30', tz: 'Europe/Berlin', start: '2025-03-29T23:00:00.000Z', end: '2025-03-30T22:00:00.000Z' },
    // Chile moves its clocks at midnight: 00:00 is skipped in September...
    { name: 'Santiago: midnight skipped', date: '2024-09-08', tz: 'America/Santiago', start: '2024-09-08T04:00:00.000Z', end: '2024-09-09T03:00:00.000Z' },
    // ...and in April 23:00-24:00 of the day before is repeated.
    { name: 'Santiago: hour before midnight repeated', date: '2024-04-07', tz: 'America/Santiago', start: '2024-04-07T04:00:00.000Z', end: '2024-04-08T04:00:00.000Z' },
    // Cuba falls back from 01:00 to 00:00: the day starts at the first midnight.
    { name: 'Havana: midnight repeated', date: '2024-11-03', tz: 'America/Havana', start: '2024-11-03T04:00:00.000Z', end: '2024-11-04T05:00:00.000Z' },
    { name: 'Lord Howe: half-hour DST', date: '2024-10-06', tz: 'Australia/Lord_Howe', start: '2024-10-05T13:30:00.000Z', end: '2024-10-06T13:00:00.000Z' },
  ];
  it.each(cases)('$name', ({ date, tz, start, end }) => {
    expect(zonedDayRange(date, tz)).toEqual({ start, end });
    expect(localDate(new Date(start), tz)).toBe(date);
    expect(localDate(new Date(Date.parse(start) - 1000), tz)).toBe(addDays(date, -1));
    expect(localDate(new Date(Date.parse(end) - 1000), tz)).toBe(date);
  });

  it('rejects a date that does not exist', () => {
    expect(() => zonedDayRange('2025-02-30', 'UTC')).toThrow(/YYYY-MM-DD/);
  });
});

describe('localDate and addDays', () => {
  it.each([
    { name: 'late UTC evening is the next day in Shanghai', at: '2025-03-01T17:00:00Z', tz: 'Asia/Shanghai', want: '2025-03-02' },
    { name: 'early UTC morning is the day before in New York', at: '2025-03-01T03:00:00Z', tz: 'America/New_York', want: '2025-02-28' },
    { name: 'UTC', at: '2025-03-01T23:59:59Z', tz: 'UTC', want: '2025-03-01' },
  ])('$name', ({ at, tz, want }) => {
    expect(localDate(new Date(at), tz)).toBe(want);
  });

  it.each([
    ['2025-03-01', -1, '2025-02-28'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-12-31', 1, '2025-01-01'],
  ] as const)('%s %+d days is %s', (date, n, want) => {
    expect(addDays(date, n)).toBe(want);
  });

  it('knows zones', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
