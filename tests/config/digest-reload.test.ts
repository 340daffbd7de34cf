import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileSettings, reloadFileSettings, restartOnlyChanges } from '../../src/config/digest-reload.js';

// What SIGHUP takes from config/newsmon.yaml: the file validated, recipients' companies and
// tags checked against what is known (located), and the restart-only keys that changed.

const KNOWN = { companies: ['huawei', 'nvidia'], tags: ['ipo', 'funding'] };
const dirWith = (text: string | null): string => {
  const dir = mkdtempSync(join(tmpdir(), 'newsmon-reload-'));
  if (text !== null) writeFileSync(join(dir, 'newsmon.yaml'), text);
  return dir;
};
const FILE = `poll:
  jitter: 5s
digest:
  recipients:
    - address: a@example.com
      companies: [huawei]
    - address: b@example.com
      tags: [ipo, funding]
`;

describe('reloadFileSettings', () => {
  it('reads the digest section with the defaults under it', () => {
    const s = reloadFileSettings(dirWith(FILE), KNOWN);
    expect(s.digest.recipients.map((r) => [r.address, r.companies, r.tags, r.time, r.timezone])).toEqual([
      ['a@example.com', ['huawei'], null, '07:00', 'UTC'],
      ['b@example.com', null, ['ipo', 'funding'], '07:00', 'UTC'],
    ]);
  });

  it.each([
    { name: 'an unknown company, at its line', edit: (t: string) => t.replace('[huawei]', '[huawei, nvidai]'), want: /newsmon\.yaml:6: digest\.recipients\.0\.companies: "nvidai" is not a company of config\/entities\.yaml \(it has: huawei, nvidia\)$/ },
    { name: 'an unknown tag, at its line', edit: (t: string) => t.replace('[ipo, funding]', '[ipo, fundng]'), want: /newsmon\.yaml:8: digest\.recipients\.1\.tags: "fundng" is not a tag newsmon gives/ },
    { name: 'a mistake outside the digest section too', edit: (t: string) => t.replace('5s', 'soon'), want: /newsmon\.yaml:2: poll\.jitter: expected a duration/ },
  ])('refuses $name', ({ edit, want }) => {
    expect(() => reloadFileSettings(dirWith(edit(FILE)), KNOWN)).toThrow(want);
  });

  it('no file: the defaults', () => {
    expect(reloadFileSettings(dirWith(null), KNOWN).digest.recipients).toEqual([]);
  });
});

describe('restartOnlyChanges', () => {
  it('names the changed keys outside the digest section, as the file spells them', () => {
    const before = readFileSettings(dirWith(FILE)).settings;
    const after = readFileSettings(dirWith(`${FILE.replace('5s', '9s')}smtp_url: smtp://mail.example.com\napi:\n  port: 9000\n`)).settings;
    expect(restartOnlyChanges(before, after)).toEqual(['smtp_url', 'poll', 'api']);
    const digestOnly = readFileSettings(dirWith(FILE.replace('a@example.com', 'c@example.com'))).settings;
    expect(restartOnlyChanges(before, digestOnly)).toEqual([]);
  });
});
