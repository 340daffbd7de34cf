import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanPrefix, ensureBuilt, freshPrefix, makeConfig, repoRoot, spawnRun, waitFor } from './harness.js';

// Start-up paths: no Redis at all gives one clear message; `npm start` (bin/start.js)
// starts a private redis-server when none answers, and stops it after newsmon.

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(true));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(false)));
  });
}

const hasRedisServer = (() => {
  try {
    return spawn('redis-server', ['--version']).pid !== undefined;
  } catch {
    return false;
  }
})();

describe('service start-up', () => {
  const prefix = freshPrefix();
  beforeAll(() => ensureBuilt());
  afterAll(() => cleanPrefix(prefix));

  it('Redis unreachable at start: exit 1 with one clear message saying what to do', async () => {
    const cfg = makeConfig([]);
    const port = await freePort();
    const p = spawnRun(['--config', cfg.configDir, '--db', cfg.dbPath, '--redis', `redis://127.0.0.1:${port}`]);
    expect(await p.exited).toBe(1);
    const out = p.output();
    expect(out).toMatch(/^newsmon run: cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+ \(connect ECONNREFUSED/);
    expect(out).toMatch(/REDIS_URL/);
    expect(out).toMatch(/redis-server/);
    expect(out.trim().split('\n').length).toBeLessThanOrEqual(2);
  });

  it('SIGTERM while the roles are still starting stops cleanly (exit 0), not by the default signal action', async () => {
    const cfg = makeConfig([], { api: { port: 0 }, log: { level: 'info' } });
    const p = spawnRun(['--config', cfg.configDir, '--db', cfg.dbPath, '--queue-prefix', prefix]);
    // The first log line is written during start-up, before startService has resolved.
    await waitFor('the first log line', () => p.output().length > 0 || p.child.exitCode !== null, 20_000);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.output()).toContain('stopping');
  });

  it.skipIf(!hasRedisServer)('npm start starts a private redis-server when none answers, and stops it after newsmon', async () => {
    const cfg = makeConfig([], { api: { port: 0 }, log: { level: 'info' } });
    const port = await freePort();
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'start.js'), '--config', cfg.configDir, '--queue-prefix', prefix], {
      cwd: cfg.dir,
      env: { ...process.env, REDIS_URL: `redis://127.0.0.1:${port}`, NEWSMON_DB: cfg.dbPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    try {
      await waitFor('the service to start', () => out.includes('HTTP API listening') || child.exitCode !== null, 20_000);
      expect(out).toMatch(/started a private redis-server \(pid \d+\)/);
      expect(out).toContain(join(cfg.dir, 'redis'));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await waitFor('the private Redis to stop', async () => !(await portAnswers(port)), 10_000);
    } finally {
      // SIGTERM, not SIGKILL: start.js forwards it and stops its (detached) children.
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      }
    }
  });
});
