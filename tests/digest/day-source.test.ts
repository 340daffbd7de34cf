import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DigestRecipient } from '../../src/config/settings-types.js';
import { loadRecipientView } from '../../src/digest/day-source.js';
import { lastDueDay } from '../../src/digest/recipients.js';
import { openStore, type Store } from '../../src/store/store.js';
import { digestDay } from '../../workers/digest.js';
import { tempDbPath } from '../store/make-article.js';
import { articleInput } from './store-day.js';

// A recipient's day is their local calendar day, read from a real SQLite file: the same
// instant falls on different days in Shanghai and UTC, and a DST zone's change days are
// 23 and 25 hours long. The per-company history is summed into the same local days.

const WATCH = [{ id: 'huawei', name: 'Huawei' }];
const who = (timezone: string): DigestRecipient => ({ address: 'a@example.com', companies: null, tags: null, timezone, time: '07:00', onEmptyDay: 'note' });

let store: Store;
let n = 0;
function at(iso: string, title = `Huawei note at ${iso}`): void {
  n++;
  const url = `https://tz.example.com/${n}`;
  store.saveArticles([
    articleInput([{ id: 0, text: `Huawei said something at ${iso} (${n}).`, sentence: 0, entities: ['huawei'], tags: [], powerFigures: [], article: { id: 0, url, title, published: iso, feed: null, fetchedAt: iso } }], {
      contentHash: `tz-${n}`.padEnd(64, 'x'),
    }),
  ]);
}
const titles = (timezone: string, date: string): string[] =>
  loadRecipientView(store, { recipient: who(timezone), date, watch: WATCH, webBase: null }).ranked.flatMap((s) => s.articles.map((a) => a.published!)).sort();
const hours = (timezone: string, date: string): number => {
  const r = loadRecipientView(store, { recipient: who(timezone), date, watch: WATCH, webBase: null }).range;
  return (Date.parse(r.end) - Date.parse(r.start)) / 3_600_000;
};

beforeAll(() => {
  store = openStore(tempDbPath());
  // Shanghai vs UTC: 17:30Z on 30 Nov is 01:30 on 1 Dec in Shanghai.
  at('2026-11-30T17:30:00.000Z');
  at('2026-11-30T15:59:59.000Z');
  // New York, spring forward on 8 Mar 2026 (02:00 EST → 03:00 EDT): a 23-hour day.
  for (const t of ['2026-03-08T04:59:59.000Z', '2026-03-08T05:00:00.000Z', '2026-03-09T03:59:59.000Z', '2026-03-09T04:00:00.000Z']) at(t);
  // New York, fall back on 1 Nov 2026 (02:00 EDT → 01:00 EST): a 25-hour day.
  for (const t of ['2026-11-01T03:59:59.000Z', '2026-11-01T04:00:00.000Z', '2026-11-02T04:59:59.000Z', '2026-11-02T05:00:00.000Z']) at(t);
});
afterAll(() => store?.close());

describe('the local day of a recipient', () => {
  it('Asia/Shanghai and UTC split the same instants differently', () => {
    expect(titles('UTC', '2026-11-30')).toEqual(['2026-11-30T15:59:59.000Z', '2026-11-30T17:30:00.000Z']);
    expect(titles('Asia/Shanghai', '2026-11-30')).toEqual(['2026-11-30T15:59:59.000Z']);
    expect(titles('Asia/Shanghai', '2026-12-01')).toEqual(['2026-11-30T17:30:00.000Z']);
  });

  it('America/New_York on its 23-hour spring-forward day', () => {
    expect(hours('America/New_York', '2026-03-08')).toBe(23);
    expect(titles('America/New_York', '2026-03-08')).toEqual(['2026-03-08T05:00:00.000Z', '2026-03-09T03:59:59.000Z']);
    expect(titles('America/New_York', '2026-03-07')).toEqual(['2026-03-08T04:59:59.000Z']);
    expect(titles('America/New_York', '2026-03-09')).toEqual(['2026-03-09T04:00:00.000Z']);
  });

  it('America/New_York on its 25-hour fall-back day', () => {
    expect(hours('America/New_York', '2026-11-01')).toBe(25);
    expect(titles('America/New_York', '2026-11-01')).toEqual(['2026-11-01T04:00:00.000Z', '2026-11-02T04:59:59.000Z']);
    expect(titles('America/New_York', '2026-10-31')).toEqual(['2026-11-01T03:59:59.000Z']);
  });

  it('the trend counts the days before in the same local days, across the change', () => {
    const view = loadRecipientView(store, { recipient: who('America/New_York'), date: '2026-03-09', watch: WATCH, webBase: null });
    const trend = new Map(view.companies[0]!.trend.map((d) => [d.date, d.count]));
    expect([trend.get('2026-03-07'), trend.get('2026-03-08'), trend.get('2026-03-09')]).toEqual([1, 2, 1]);
    const shanghai = loadRecipientView(store, { recipient: who('Asia/Shanghai'), date: '2026-12-01', watch: WATCH, webBase: null });
    expect(shanghai.companies[0]!.trend.slice(-2)).toEqual([{ date: '2026-11-30', count: 1 }, { date: '2026-12-01', count: 1 }]);
  });

  it('which day a send covers, and which one a restart catches up on', () => {
    expect(digestDay(new Date('2026-11-30T23:00:00Z'), 'Asia/Shanghai')).toBe('2026-11-30');
    expect(digestDay(new Date('2026-11-30T23:00:00Z'), 'UTC')).toBe('2026-11-29');
    // 07:00 in New York on 8 Mar is 11:00Z (EDT); at 10:30Z it is 06:30 EDT: not yet due.
    expect(lastDueDay({ time: '07:00', timezone: 'America/New_York' }, new Date('2026-03-08T10:30:00Z'))).toBe('2026-03-06');
    expect(lastDueDay({ time: '07:00', timezone: 'America/New_York' }, new Date('2026-03-08T11:00:00Z'))).toBe('2026-03-07');
    expect(lastDueDay({ time: '07:00', timezone: 'Europe/Berlin' }, new Date('2026-10-25T06:00:00Z'))).toBe('2026-10-24');
  });

  it('a send time the clocks skip is due when the gap ends; one they pass twice, at the first', () => {
    const ny = (time: string, at: string) => lastDueDay({ time, timezone: 'America/New_York' }, new Date(at));
    // 02:30 on 14 Mar 2027 does not exist: due at 03:00 EDT (07:00Z), so a restart at 03:10 catches 13 Mar up.
    expect(ny('02:30', '2027-03-14T06:59:00Z')).toBe('2027-03-12');
    expect(ny('02:30', '2027-03-14T07:10:00Z')).toBe('2027-03-13');
    // 01:30 on 7 Nov 2027 happens at 05:30Z (EDT) and 06:30Z (EST): due from the first.
    expect(ny('01:30', '2027-11-07T05:29:00Z')).toBe('2027-11-05');
    expect(ny('01:30', '2027-11-07T05:30:00Z')).toBe('2027-11-06');
    expect(ny('01:30', '2027-11-07T06:10:00Z')).toBe('2027-11-06');
    expect(digestDay(new Date('2027-03-14T07:00:00Z'), 'America/New_York')).toBe('2027-03-13');
    expect(digestDay(new Date('2027-11-07T06:30:00Z'), 'America/New_York')).toBe('2027-11-06');
  });
});
