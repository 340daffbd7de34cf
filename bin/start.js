#!/usr/bin/env node
// `npm start`: runs the service. If nothing answers at the Redis URL (REDIS_URL, or
// redis_url in config/newsmon.yaml), the URL is on this machine and `redis-server` is
// installed, starts a private Redis with its files under the database's folder
// (./data/redis by default), says so, and stops it after newsmon exits.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);

function redisAnswers(host, port, timeoutMs = 1_000) {
  return new Promise((done) => {
    const sock = connect({ host, port });
    const finish = (ok) => {
      sock.destroy();
      done(ok);
    };
    sock.setTimeout(timeoutMs, () => finish(false));
    sock.on('error', () => finish(false));
    sock.on('connect', () => sock.write('PING\r\n'));
    sock.on('data', (d) => finish(d.toString().startsWith('+PONG') || d.toString().startsWith('-NOAUTH')));
  });
}

function hasRedisServer() {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function settingsOrNull() {
  try {
    const { loadSettings } = await import('../dist/src/config/settings.js');
    return loadSettings({});
  } catch {
    return null; // a config error: `newsmon run` reports it properly
  }
}

async function main() {
  const settings = await settingsOrNull();
  let redis = null;
  if (settings) {
    const url = new URL(settings.redisUrl);
    const host = url.hostname || '127.0.0.1';
    const port = Number(url.port || 6379);
    const local = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host);
    if (local && !(await redisAnswers(host, port)) && hasRedisServer()) {
      const dir = join(dirname(resolve(settings.dbPath)), 'redis');
      mkdirSync(dir, { recursive: true });
      redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '60 1'], {
        stdio: ['ignore', 'ignore', 'inherit'],
        // Its own process group: a Ctrl-C reaches newsmon (through us) and Redis stops after it.
        detached: true,
      });
      for (let i = 0; i < 50 && !(await redisAnswers(host, port)); i++) await new Promise((r) => setTimeout(r, 100));
      process.stderr.write(
        `newsmon: no Redis answered at ${host}:${port}, so started a private redis-server (pid ${redis.pid}) there, ` +
          `data in ${dir}; it stops when newsmon stops. For a shared or permanent Redis, see README.md.\n`,
      );
    }
  }
  // Its own process group too, so a terminal's Ctrl-C arrives once (forwarded), not twice.
  const child = spawn(process.execPath, [join(here, 'newsmon.js'), 'run', ...args], { stdio: 'inherit', detached: true });
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  const code = await new Promise((r) => child.on('exit', (c, signal) => r(c ?? (signal ? 1 : 0))));
  if (redis && redis.exitCode === null) {
    redis.kill('SIGTERM'); // redis-server saves and exits on SIGTERM
    await new Promise((r) => {
      const t = setTimeout(() => {
        redis.kill('SIGKILL');
        r();
      }, 10_000);
      redis.on('exit', () => {
        clearTimeout(t);
        r();
      });
    });
  }
  process.exitCode = code;
}

main().catch((err) => {
  process.stderr.write(`newsmon start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
