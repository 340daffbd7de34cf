import { describe, expect, it } from 'vitest';
import { zoneForLanguage, zonelessDateZone } from '../../src/time/zoneless.js';

describe('the zone of dates written without one', () => {
  it.each([
    ['zh', 'Asia/Shanghai'], ['zh-CN', 'Asia/Shanghai'], ['zh_Hant_TW', 'Asia/Shanghai'], ['ZH', 'Asia/Shanghai'],
    ['en', 'UTC'], ['ja', 'UTC'], ['', 'UTC'], [null, 'UTC'], [undefined, 'UTC'], ['zhx', 'UTC'],
  ])('language %j → %s', (lang, zone) => {
    expect(zoneForLanguage(lang)).toBe(zone);
  });

  it('a configured zone wins over the language', () => {
    expect(zonelessDateZone('Europe/Berlin', 'zh')).toBe('Europe/Berlin');
    expect(zonelessDateZone(null, 'zh')).toBe('Asia/Shanghai');
    expect(zonelessDateZone(undefined, 'en')).toBe('UTC');
  });
});
