import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, instantOfWallTime } from '../../src/time/zones.js';

describe('canonicalTimeZone', () => {
  it.each([
    ['Asia/Shanghai', 'Asia/Shanghai'],
    ['asia/shanghai', 'Asia/Shanghai'],
    [' Europe/Berlin ', 'Europe/Berlin'],
    ['UTC', 'UTC'],
    ['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    ['Etc/GMT-8', 'Etc/GMT-8'],
    ['Asia/Kolkata', 'Asia/Kolkata'],
  ])('%j is %j', (name, want) => {
    expect(canonicalTimeZone(name)).toBe(want);
  });

  it.each(['Asia/Beijing', 'Mars/Olympus_Mons', '+08:00', 'UTC+8', 'CST', 'PRC', 'EST', '', 'Asia/Shanghai; DROP'])('refuses %j', (name) => {
    expect(canonicalTimeZone(name)).toBeNull();
  });
});

describe('instantOfWallTime', () => {
  const wall = (iso: string): number => Date.parse(`${iso}Z`);
  it.each([
    { name: 'UTC', at: '2024-05-01T10:30:00', zone: 'UTC', want: '2024-05-01T10:30:00.000Z' },
    { name: 'Shanghai, no DST', at: '2024-05-01T10:30:00', zone: 'Asia/Shanghai', want: '2024-05-01T02:30:00.000Z' },
    { name: 'Kolkata, half-hour offset', at: '2024-05-01T10:30:00', zone: 'Asia/Kolkata', want: '2024-05-01T05:00:00.000Z' },
    { name: 'New York in winter', at: '2024-01-15T12:00:00', zone: 'America/New_York', want: '2024-01-15T17:00:00.000Z' },
    { name: 'New York in summer', at: '2024-07-15T12:00:00', zone: 'America/New_York', want: '2024-07-15T16:00:00.000Z' },
    { name: 'spring-forward gap: 02:30 read as 03:30 EDT', at: '2024-03-10T02:30:00', zone: 'America/New_York', want: '2024-03-10T07:30:00.000Z' },
    { name: 'fall-back overlap: the first 01:30 (EDT)', at: '2024-11-03T01:30:00', zone: 'America/New_York', want: '2024-11-03T05:30:00.000Z' },
    { name: 'just after the overlap: 02:00 EST', at: '2024-11-03T02:00:00', zone: 'America/New_York', want: '2024-11-03T07:00:00.000Z' },
    { name: 'southern summer (Sydney, AEDT)', at: '2024-01-15T12:00:00', zone: 'Australia/Sydney', want: '2024-01-15T01:00:00.000Z' },
    { name: 'Lord Howe half-hour DST gap', at: '2024-10-06T02:15:00', zone: 'Australia/Lord_Howe', want: '2024-10-05T15:45:00.000Z' },
  ])('$name', ({ at, zone, want }) => {
    expect(new Date(instantOfWallTime(wall(at), zone)).toISOString()).toBe(want);
  });
});
