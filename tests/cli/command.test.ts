import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CliError } from '../../src/cli/cli-error.js';
import { defineCommand, defineCommandGroup, helpText } from '../../src/cli/command.js';
import { sharedFlags } from '../../src/cli/shared-flags.js';

// The CLI kit in-process: parsing, --help, positionals, settings from flags and files,
// and which exit code each kind of mistake gets.

function capture(): { out: () => string } {
  let text = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  });
  return { out: () => text };
}
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const seen: Array<{ values: Record<string, unknown>; positionals: string[]; dbPath?: string; port?: number }> = [];
const echo = defineCommand({
  name: 'echo',
  usage: 'WORD [--loud] [--db FILE] [--config DIR]',
  about: 'Says a word.',
  flags: {
    loud: { type: 'boolean', help: 'in capitals' },
    times: { type: 'string', arg: 'N', help: 'how often\nat most 3' },
    secret: { type: 'boolean' },
    ...sharedFlags.db,
    ...sharedFlags.config,
    ...sharedFlags.port,
  },
  positionals: { min: 1, max: 1 },
  async run({ values, positionals, settings }) {
    const s = values.db !== undefined || values.config !== undefined || values.port !== undefined ? settings() : undefined;
    seen.push({ values, positionals, ...(s ? { dbPath: s.dbPath, port: s.api.port } : {}) });
    return values.loud ? 3 : 0;
  },
});

async function rejection(p: Promise<unknown>): Promise<CliError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(CliError);
  return err as CliError;
}

describe('defineCommand', () => {
  it('parses flags and positionals and returns the body\'s exit code', async () => {
    seen.length = 0;
    expect(await echo.run(['hi', '--loud'])).toBe(3);
    expect(seen[0]).toMatchObject({ values: { loud: true }, positionals: ['hi'] });
  });

  it('--help prints usage, about and the documented flags, and runs nothing', async () => {
    seen.length = 0;
    const io = capture();
    expect(await echo.run(['--help'])).toBe(0);
    expect(seen).toHaveLength(0);
    const text = io.out();
    expect(text).toMatch(/^Usage: newsmon echo WORD \[--loud\]/);
    expect(text).toContain('Says a word.');
    expect(text).toMatch(/^ {2}--loud {2,}in capitals$/m);
    expect(text).toMatch(/^ {2}--times N {2,}how often\n {10,}at most 3$/m);
    expect(text).toMatch(/^ {2}--db FILE {2,}SQLite file \(default: \$NEWSMON_DB/m);
    expect(text).not.toContain('--secret');
    expect(text).toBe(helpText({ name: 'echo', usage: 'WORD [--loud] [--db FILE] [--config DIR]', about: 'Says a word.', flags: { loud: { type: 'boolean', help: 'in capitals' }, times: { type: 'string', arg: 'N', help: 'how often\nat most 3' }, secret: { type: 'boolean' }, ...sharedFlags.db, ...sharedFlags.config, ...sharedFlags.port } }));
  });

  it.each([
    { name: 'unknown flag', argv: ['hi', '--bogus'], message: /Unknown option '--bogus'[\s\S]*newsmon echo --help/ },
    { name: 'string flag without its value', argv: ['hi', '--times'], message: /--times/ },
    { name: 'missing positional', argv: [], message: /missing argument; usage: newsmon echo WORD/ },
    { name: 'extra positional', argv: ['a', 'b'], message: /unexpected argument "b"/ },
    { name: 'bad --port', argv: ['a', '--port', '99999'], message: /--port must be a port number 0-65535, got "99999"/ },
  ])('usage error: $name → exit 2', async ({ argv, message }) => {
    const err = await rejection(echo.run(argv));
    expect(err.exitCode).toBe(2);
    expect(err.message).toMatch(message);
  });

  it('settings(): flags win over the config file, the file over defaults', async () => {
    const config = mkdtempSync(join(tmpdir(), 'newsmon-kit-'));
    writeFileSync(join(config, 'newsmon.yaml'), 'db: /from/file.db\napi:\n  port: 9001\n');
    for (const k of ['NEWSMON_DB', 'NEWSMON_PORT', 'NEWSMON_CONFIG']) vi.stubEnv(k, undefined);
    seen.length = 0;
    await echo.run(['x', '--config', config]);
    await echo.run(['x', '--config', config, '--db', join(config, 'flag.db'), '--port', '9002']);
    expect(seen.map((s) => [s.dbPath, s.port])).toEqual([['/from/file.db', 9001], [join(config, 'flag.db'), 9002]]);
  });

  it('a config error is exit 78 with file, line, key and what was expected', async () => {
    const config = mkdtempSync(join(tmpdir(), 'newsmon-kit-'));
    writeFileSync(join(config, 'newsmon.yaml'), 'api:\n  port: high\n');
    const err = await rejection(echo.run(['x', '--config', config]));
    expect(err.exitCode).toBe(78);
    expect(err.message).toBe(`config error: ${join(config, 'newsmon.yaml')}:2: api.port: expected a whole number from 0 to 65535, got "high"`);
  });
});

describe('defineCommandGroup', () => {
  const group = defineCommandGroup({
    name: 'grp',
    about: 'Two sub-commands.',
    subcommands: {
      echo: { summary: 'say a word', load: async () => echo },
      other: { summary: 'nothing', load: async () => ({ run: async () => 7 }) },
    },
  });

  it('picks the sub-command by name, flags before it included', async () => {
    seen.length = 0;
    expect(await group.run(['other'])).toBe(7);
    const config = mkdtempSync(join(tmpdir(), 'newsmon-kit-'));
    expect(await group.run(['--config', config, 'echo', 'word'])).toBe(0);
    expect(seen[0]?.positionals).toEqual(['word']);
  });

  it('help lists the sub-commands; a missing or unknown one is a usage error', async () => {
    const io = capture();
    expect(await group.run(['--help'])).toBe(0);
    expect(io.out()).toMatch(/Commands:\n {2}echo {3}say a word\n {2}other {2}nothing/);
    for (const argv of [[], ['nope']]) {
      const err = await rejection(group.run(argv));
      expect(err.exitCode).toBe(2);
      expect(err.message).toMatch(argv.length ? /unknown sub-command "nope" \(expected echo, other\)/ : /missing sub-command/);
    }
  });
});
