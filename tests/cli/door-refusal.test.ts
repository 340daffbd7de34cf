import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, repoRoot, requireBuiltDist } from '../built-dist.js';

// The door as users meet it: `newsmon serve`, `newsmon run` and `npm start` (bin/start.js)
// asked to bind a non-loopback address without NEWSMON_API_TOKEN exit non-zero with one
// line saying why, before listening (and, for run, before touching Redis).

let dir = '';
beforeAll(() => {
  requireBuiltDist();
  dir = mkdtempSync(join(tmpdir(), 'newsmon-door-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runCli(script: string, args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', NEWSMON_CONFIG: dir, NEWSMON_DB: join(dir, 'newsmon.db'), REDIS_URL: 'redis://127.0.0.1:6379', ...extraEnv };
  const child = spawn(process.execPath, [script, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const REFUSAL = /^newsmon (serve|run): refusing to serve the API on (\S+), which is not loopback, without NEWSMON_API_TOKEN: set it .* or bind 127\.0\.0\.1\n$/;

describe('binding beyond loopback without a token', () => {
  it.each([
    { name: 'newsmon serve --host 0.0.0.0', script: bin, args: ['serve', '--host', '0.0.0.0'], env: {} },
    { name: 'newsmon serve, NEWSMON_HOST=::', script: bin, args: ['serve'], env: { NEWSMON_HOST: '::' } },
    { name: 'newsmon run --host 0.0.0.0 (all roles)', script: bin, args: ['run', '--host', '0.0.0.0', '--redis', 'redis://127.0.0.1:1'], env: {} },
    { name: 'newsmon run --roles api --host 192.168.1.20', script: bin, args: ['run', '--roles', 'api', '--host', '192.168.1.20'], env: {} },
    { name: 'npm start -- --host 0.0.0.0', script: join(repoRoot, 'bin', 'start.js'), args: ['--host', '0.0.0.0'], env: {} },
  ] as Array<{ name: string; script: string; args: string[]; env: Record<string, string> }>)('$name: exit 1, one line on stderr, nothing served', async ({ script, args, env }) => {
    const r = await runCli(script, args, env);
    expect(r.stderr).toMatch(REFUSAL);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
  });

  it('a token that is set but too short is a config error, not a weak lock', async () => {
    const r = await runCli(bin, ['serve', '--host', '0.0.0.0'], { NEWSMON_API_TOKEN: 'letmein' });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/NEWSMON_API_TOKEN: expected at least 16 characters/);
  });

  it('run --roles extract serves no API, so it needs no token', async () => {
    // It goes on to Redis (here: a closed port), past the door.
    const r = await runCli(bin, ['run', '--roles', 'extract', '--host', '0.0.0.0', '--redis', 'redis://127.0.0.1:1']);
    expect(r.stderr).not.toMatch(/refusing/);
    expect(r.stderr).toMatch(/cannot reach Redis/);
  });
});
