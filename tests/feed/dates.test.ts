import { describe, expect, test } from 'vitest';
import { parseDate } from '../../src/feed/dates.js';

// [name, input, expected UTC ISO 8601 or null]
const cases: Array<[string, string, string | null]> = [
  // RFC 822 / 1123 / 2822
  ['RFC 1123 GMT', 'Thu, 01 Jan 2004 19:48:21 GMT', '2004-01-01T19:48:21Z'],
  ['RFC 822 numeric zone', 'Sat, 23 Jan 2016 15:40:37 +0000', '2016-01-23T15:40:37Z'],
  ['negative offset', 'Tue, 06 Apr 2004 23:05:43 -0500', '2004-04-07T04:05:43Z'],
  ['half-hour offset +0530', 'Mon, 05 Feb 2024 10:00:00 +0530', '2024-02-05T04:30:00Z'],
  ['offset with colon', 'Mon, 05 Feb 2024 10:00:00 +05:30', '2024-02-05T04:30:00Z'],
  ['China +0800', 'Wed, 01 May 2024 08:00:00 +0800', '2024-05-01T00:00:00Z'],
  ['EST', 'Thu, 01 Jan 2004 19:48:21 EST', '2004-01-02T00:48:21Z'],
  ['EDT', 'Sun, 04 Jul 2004 12:00:00 EDT', '2004-07-04T16:00:00Z'],
  ['PDT', 'Fri, 10 Jun 2005 09:30:00 PDT', '2005-06-10T16:30:00Z'],
  ['PST', 'Fri, 10 Dec 2005 09:30:00 PST', '2005-12-10T17:30:00Z'],
  ['CST (US central)', 'Fri, 10 Dec 2005 09:30:00 CST', '2005-12-10T15:30:00Z'],
  ['UT', 'Thu, 01 Jan 2004 19:48:21 UT', '2004-01-01T19:48:21Z'],
  ['Z', 'Thu, 01 Jan 2004 19:48:21 Z', '2004-01-01T19:48:21Z'],
  ['JST', 'Thu, 01 Jan 2004 09:00:00 JST', '2004-01-01T00:00:00Z'],
  ['CEST', 'Thu, 01 Jul 2004 12:00:00 CEST', '2004-07-01T10:00:00Z'],
  ['no zone is UTC', 'Thu, 01 Jan 2004 19:48:21', '2004-01-01T19:48:21Z'],
  ['no seconds', 'Thu, 01 Jan 2004 19:48 GMT', '2004-01-01T19:48:00Z'],
  ['no weekday', '01 Jan 2004 19:48:21 GMT', '2004-01-01T19:48:21Z'],
  ['single-digit day', 'Sun, 4 Jan 2004 16:29:06 GMT', '2004-01-04T16:29:06Z'],
  ['two-digit year', 'Thu, 01 Jan 04 19:48:21 GMT', '2004-01-01T19:48:21Z'],
  ['two-digit year, last century', 'Fri, 31 Dec 99 23:59:59 GMT', '1999-12-31T23:59:59Z'],
  ['full weekday and month', 'Thursday, 01 January 2004 19:48:21 GMT', '2004-01-01T19:48:21Z'],
  ['no comma after weekday', 'Thu 01 Jan 2004 19:48:21 GMT', '2004-01-01T19:48:21Z'],
  ['lower case', 'thu, 01 jan 2004 19:48:21 gmt', '2004-01-01T19:48:21Z'],
  ['zone comment', 'Mon, 2 Jan 2006 15:04:05 -0700 (MST)', '2006-01-02T22:04:05Z'],
  ['dashes in date', 'Thu, 01-Jan-2004 19:48:21 GMT', '2004-01-01T19:48:21Z'],
  ['fractional seconds', 'Thu, 01 Jan 2004 19:48:21.123 GMT', '2004-01-01T19:48:21Z'],
  ['GMT+8', 'Thu, 01 Jan 2004 19:48:21 GMT+8', '2004-01-01T11:48:21Z'],
  ['GMT+08:00', 'Thu, 01 Jan 2004 19:48:21 GMT+08:00', '2004-01-01T11:48:21Z'],
  ['unknown zone name taken as UTC', 'Thu, 01 Jan 2004 19:48:21 XYZ', '2004-01-01T19:48:21Z'],
  ['military zone', 'Thu, 01 Jan 2004 19:48:21 A', '2004-01-01T19:48:21Z'],
  ['month before day', 'Jan 01 2004 19:48:21 GMT', '2004-01-01T19:48:21Z'],
  ['ordinal day', 'January 1st, 2004 7:48 PM', '2004-01-01T19:48:00Z'],
  ['AM/PM', 'Thu, 01 Jan 2004 07:48:21 PM GMT', '2004-01-01T19:48:21Z'],
  ['12 AM is midnight', 'Jan 1, 2004 12:00 AM', '2004-01-01T00:00:00Z'],
  ['French month', '01 févr. 2024 10:00:00 +0100', '2024-02-01T09:00:00Z'],
  ['24:00 is the next midnight', 'Thu, 01 Jan 2004 24:00:00 GMT', '2004-01-02T00:00:00Z'],
  ['leap second clamped', 'Wed, 31 Dec 2008 23:59:60 GMT', '2008-12-31T23:59:59Z'],
  // ISO 8601 / W3CDTF
  ['W3CDTF Z', '2003-12-31T10:14:55Z', '2003-12-31T10:14:55Z'],
  ['W3CDTF offset', '2004-04-06T23:05:43-05:00', '2004-04-07T04:05:43Z'],
  ['W3CDTF +08:00', '2024-05-01T08:30:00+08:00', '2024-05-01T00:30:00Z'],
  ['W3CDTF fractional', '2003-12-31T10:14:55.123456Z', '2003-12-31T10:14:55Z'],
  ['W3CDTF minutes only', '2003-12-31T10:14Z', '2003-12-31T10:14:00Z'],
  ['date only', '2003-12-31', '2003-12-31T00:00:00Z'],
  ['year and month', '2003-12', '2003-12-01T00:00:00Z'],
  ['year only', '2003', '2003-01-01T00:00:00Z'],
  ['space instead of T', '2003-12-31 10:14:55', '2003-12-31T10:14:55Z'],
  ['space and zone', '2024-05-01 10:30:00 +0800', '2024-05-01T02:30:00Z'],
  ['offset without colon', '2003-12-31T10:14:55-0800', '2003-12-31T18:14:55Z'],
  ['offset hours only', '2003-12-31T10:14:55+01', '2003-12-31T09:14:55Z'],
  ['basic format', '20031231T101455Z', '2003-12-31T10:14:55Z'],
  ['ISO with named zone', '2004-01-01 19:48:21 EST', '2004-01-02T00:48:21Z'],
  ['lowercase t and z', '2003-12-31t10:14:55z', '2003-12-31T10:14:55Z'],
  // asctime and numeric forms
  ['asctime', 'Sun Jan  4 16:29:06 2004', '2004-01-04T16:29:06Z'],
  ['asctime with zone', 'Sun Jan  4 16:29:06 PST 2004', '2004-01-05T00:29:06Z'],
  ['slashes Y/M/D', '2004/01/05 19:48:21', '2004-01-05T19:48:21Z'],
  ['US M/D/Y with AM/PM', '5/1/2024 10:00:00 AM', '2024-05-01T10:00:00Z'],
  ['European D.M.Y', '05.01.2004 19:48', '2004-01-05T19:48:00Z'],
  ['D-Mon-Y', '05-Jan-2004 19:48:21 +0000', '2004-01-05T19:48:21Z'],
  ['time glued to zone', 'Jan 5 2004 19:48:21+0100', '2004-01-05T18:48:21Z'],
  // Chinese, with no zone given: UTC like any zoneless date (a zh feed passes its zone, below)
  ['Chinese date and time', '2024年5月1日 10:30', '2024-05-01T10:30:00Z'],
  ['Chinese with seconds', '2024年05月01日 10:30:15', '2024-05-01T10:30:15Z'],
  ['Chinese afternoon', '2024年5月1日 下午3:05', '2024-05-01T15:05:00Z'],
  ['Chinese date only', '2024年5月1日', '2024-05-01T00:00:00Z'],
  // impossible or unreadable
  ['31 June', 'Thu, 31 Jun 2004 19:48:21 GMT', null],
  ['29 Feb in a common year', '2003-02-29', null],
  ['29 Feb in a leap year', '2004-02-29', '2004-02-29T00:00:00Z'],
  ['month 13', '2004-13-01', null],
  ['hour 25', '2004-01-01T25:00:00Z', null],
  ['empty', '', null],
  ['whitespace', '   ', null],
  ['words', 'yesterday', null],
  ['prototype name', 'constructor', null],
  ['number only', '12345', null],
  ['no year', 'Thu, 01 Jan 19:48:21 GMT', null],
];

// [name, input, zone of zoneless dates, expected]: the zone applies only where the date states none.
const zoned: Array<[string, string, string, string | null]> = [
  ['Chinese date in a zh feed', '2024年5月1日 10:30', 'Asia/Shanghai', '2024-05-01T02:30:00Z'],
  ['Chinese date only, Shanghai midnight', '2024年5月1日', 'Asia/Shanghai', '2024-04-30T16:00:00Z'],
  ['ISO without zone', '2024-05-01 10:30:00', 'Asia/Shanghai', '2024-05-01T02:30:00Z'],
  ['RFC 822 without zone', 'Wed, 01 May 2024 10:30:00', 'Asia/Shanghai', '2024-05-01T02:30:00Z'],
  ['explicit offset unchanged', '2024-05-01T10:30:00+02:00', 'Asia/Shanghai', '2024-05-01T08:30:00Z'],
  ['explicit Z unchanged', '2024-05-01T10:30:00Z', 'Asia/Shanghai', '2024-05-01T10:30:00Z'],
  ['named zone unchanged', 'Wed, 01 May 2024 10:30:00 GMT', 'Asia/Shanghai', '2024-05-01T10:30:00Z'],
  ['numeric RFC 822 zone unchanged', 'Wed, 01 May 2024 10:30:00 +0000', 'Asia/Shanghai', '2024-05-01T10:30:00Z'],
  // A zone with daylight saving: the offset in force on that day.
  ['New York winter (EST)', '2024-01-15 12:00', 'America/New_York', '2024-01-15T17:00:00Z'],
  ['New York summer (EDT)', '2024-07-15 12:00', 'America/New_York', '2024-07-15T16:00:00Z'],
  ['spring-forward gap: 02:30 does not exist, read as 03:30 EDT', '2024-03-10 02:30', 'America/New_York', '2024-03-10T07:30:00Z'],
  ['fall-back overlap: 01:30 happens twice, the first (EDT)', '2024-11-03 01:30', 'America/New_York', '2024-11-03T05:30:00Z'],
  ['24:00 in a zone is its next midnight', '2024-05-01 24:00:00', 'Asia/Shanghai', '2024-05-01T16:00:00Z'],
  ['impossible day stays null', '2024年2月30日', 'Asia/Shanghai', null],
];

describe('parseDate', () => {
  test.each(zoned)('%s: %j in %s', (_name, input, zone, expected) => {
    expect(parseDate(input, zone)).toBe(expected);
  });

  test.each(cases)('%s: %j', (_name, input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  test('null and undefined give null', () => {
    expect(parseDate(null)).toBeNull();
    expect(parseDate(undefined)).toBeNull();
  });
});
