import { describe, expect, it } from 'vitest';
import { dailyInstant, nextDailyInstant } from '../../src/time/daily-time.js';
import { firstInstantReaching, instantOfWallTime } from '../../src/time/zones.js';

// When a daily local time is due, on the days clocks change: 2027-03-14 (02:00 → 03:00)
// and 2027-11-07 (02:00 → 01:00) in New York, and Lord Howe's half-hour change.

const wall = (iso: string): number => Date.parse(`${iso}Z`);
const iso = (t: number): string => new Date(t).toISOString();

describe('firstInstantReaching', () => {
  it.each([
    { name: 'an ordinary day', at: '2027-03-13T02:30:00', zone: 'America/New_York', want: '2027-03-13T07:30:00.000Z' },
    { name: 'in the spring-forward gap: the gap\'s end, 03:00 EDT', at: '2027-03-14T02:30:00', zone: 'America/New_York', want: '2027-03-14T07:00:00.000Z' },
    { name: 'the gap\'s first minute: 03:00 EDT too', at: '2027-03-14T02:00:00', zone: 'America/New_York', want: '2027-03-14T07:00:00.000Z' },
    { name: 'just after the gap: itself', at: '2027-03-14T03:00:00', zone: 'America/New_York', want: '2027-03-14T07:00:00.000Z' },
    { name: 'twice when clocks fall back: the first (EDT)', at: '2027-11-07T01:30:00', zone: 'America/New_York', want: '2027-11-07T05:30:00.000Z' },
    { name: 'Lord Howe half-hour gap: 02:15 is due at 02:30 LHDT', at: '2024-10-06T02:15:00', zone: 'Australia/Lord_Howe', want: '2024-10-05T15:30:00.000Z' },
    { name: 'Santiago, midnight skipped: 00:30 is due at 01:00', at: '2024-09-08T00:30:00', zone: 'America/Santiago', want: '2024-09-08T04:00:00.000Z' },
    { name: 'UTC', at: '2027-03-14T02:30:00', zone: 'UTC', want: '2027-03-14T02:30:00.000Z' },
  ])('$name', ({ at, zone, want }) => {
    expect(iso(firstInstantReaching(wall(at), zone))).toBe(want);
  });

  it('differs from where a written date points only inside a gap (instantOfWallTime reads 02:30 as 03:30)', () => {
    expect(iso(instantOfWallTime(wall('2027-03-14T02:30:00'), 'America/New_York'))).toBe('2027-03-14T07:30:00.000Z');
    expect(firstInstantReaching(wall('2027-11-07T01:30:00'), 'America/New_York')).toBe(instantOfWallTime(wall('2027-11-07T01:30:00'), 'America/New_York'));
  });
});

describe('nextDailyInstant', () => {
  const run = (from: string, time: string, n: number, zone = 'America/New_York'): string[] => {
    const out: string[] = [];
    let t = Date.parse(from);
    for (let i = 0; i < n; i++) out.push(iso((t = nextDailyInstant(t, time, zone))));
    return out;
  };

  it('02:30 across the spring-forward day: once, at 03:00 EDT', () => {
    expect(run('2027-03-12T12:00:00Z', '02:30', 3)).toEqual(['2027-03-13T07:30:00.000Z', '2027-03-14T07:00:00.000Z', '2027-03-15T06:30:00.000Z']);
  });

  it('from inside the hour after the gap (03:10 EDT), the next is the following day (today\'s has passed)', () => {
    expect(run('2027-03-14T07:10:00Z', '02:30', 1)).toEqual(['2027-03-15T06:30:00.000Z']);
  });

  it('01:30 across the fall-back day: once, at the first 01:30 (EDT)', () => {
    expect(run('2027-11-05T12:00:00Z', '01:30', 3)).toEqual(['2027-11-06T05:30:00.000Z', '2027-11-07T05:30:00.000Z', '2027-11-08T06:30:00.000Z']);
  });

  it('from between the two 01:30s, the second is not due: the next is the following day', () => {
    expect(run('2027-11-07T06:10:00Z', '01:30', 1)).toEqual(['2027-11-08T06:30:00.000Z']);
    expect(run('2027-11-07T05:30:00Z', '01:30', 1)).toEqual(['2027-11-08T06:30:00.000Z']);
  });

  it('strictly after: from a due instant, the next day\'s', () => {
    expect(run('2027-03-14T07:00:00Z', '02:30', 1)).toEqual(['2027-03-15T06:30:00.000Z']);
  });

  it('dailyInstant refuses what is not a date or a time of day', () => {
    expect(() => dailyInstant('2027-02-30', '07:00', 'UTC')).toThrow(/YYYY-MM-DD/);
    expect(() => dailyInstant('2027-03-14', '24:00', 'UTC')).toThrow(/HH:MM/);
  });
});
