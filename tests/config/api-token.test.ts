import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { ConfigError } from '../../src/config/yaml-source.js';

// NEWSMON_API_TOKEN reaches the API through Settings (only src/config reads the
// environment), from the environment alone: a secret has no place in a config file.

const dir = mkdtempSync(join(tmpdir(), 'newsmon-token-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Settings.api.token', () => {
  it.each([
    { name: 'unset', env: {}, token: null },
    { name: 'empty (as compose passes an unset variable)', env: { NEWSMON_API_TOKEN: '' }, token: null },
    { name: 'a hex token', env: { NEWSMON_API_TOKEN: 'a'.repeat(64) }, token: 'a'.repeat(64) },
    { name: 'a base64url token', env: { NEWSMON_API_TOKEN: 'Zm9vYmFy_-.~+/Zm9vYmFy==' }, token: 'Zm9vYmFy_-.~+/Zm9vYmFy==' },
  ])('$name', ({ env, token }) => {
    expect(loadSettings({ configDir: dir }, env).api.token).toBe(token);
  });

  it.each([
    { name: 'too short', value: 'letmein', message: /NEWSMON_API_TOKEN: expected at least 16 characters .*got 7/ },
    { name: 'with a space', value: 'abcdefgh ijklmnopq', message: /NEWSMON_API_TOKEN: expected printable ASCII without spaces/ },
    { name: 'with a line break', value: 'abcdefghijklmnopq\n', message: /printable ASCII/ },
    { name: 'non-ASCII', value: 'pässwörter-sind-lang', message: /printable ASCII/ },
  ])('$name is a config error naming the variable', ({ value, message }) => {
    expect(() => loadSettings({ configDir: dir }, { NEWSMON_API_TOKEN: value })).toThrow(ConfigError);
    expect(() => loadSettings({ configDir: dir }, { NEWSMON_API_TOKEN: value })).toThrow(message);
  });

  it('is not read from config/newsmon.yaml', () => {
    const withFile = mkdtempSync(join(tmpdir(), 'newsmon-token-file-'));
    try {
      writeFileSync(join(withFile, 'newsmon.yaml'), 'api:\n  token: abcdefghijklmnopqrstuvwxyz\n');
      expect(() => loadSettings({ configDir: withFile }, {})).toThrow(/api\.token|token/);
    } finally {
      rmSync(withFile, { recursive: true, force: true });
    }
  });
});
