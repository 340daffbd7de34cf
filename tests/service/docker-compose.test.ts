import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bindingRefusal } from '../../src/api/door.js';
import { loadSettings } from '../../src/config/settings.js';
import { repoRoot } from './harness.js';

// No Docker engine runs here, so the compose file is checked against what the code
// reads: every variable it sets is one settings.ts reads, the URLs point at the services
// and ports it defines, and the database and config paths are mounted volumes.

interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, unknown>;
  profiles?: string[];
}

const compose = parse(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8')) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
const settingsSource = readFileSync(join(repoRoot, 'src', 'config', 'settings.ts'), 'utf8');

/** The variables settings.ts reads from the environment. */
const readVars = new Set([...settingsSource.matchAll(/env\.([A-Z_]+)/g)].map((m) => m[1]!));

function mounts(s: Service): Array<{ source: string; target: string }> {
  return (s.volumes ?? []).map((v) => {
    const parts = v.split(':');
    return parts.length === 1 ? { source: '', target: parts[0]! } : { source: parts[0]!, target: parts[1]! };
  });
}

function isMounted(s: Service, path: string): boolean {
  return mounts(s).some((m) => m.source !== '' && (path === m.target || path.startsWith(`${m.target}/`)));
}

/** A value for variables compose requires (${VAR:?message}), as a user would set it. */
const REQUIRED_SAMPLE = 'compose-test-token-0123456789abcdef';

/** ${VAR:-default} as compose would expand it with VAR unset; ${VAR:?message} as if set. */
function expand(v: string): string {
  return v.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1').replace(/\$\{[A-Z_]+:\?[^}]*\}/g, REQUIRED_SAMPLE);
}

const cases = Object.entries(compose.services).filter(([name]) => name.startsWith('newsmon'));

describe('docker-compose.yml', () => {
  it('defines redis and newsmon (and an optional extract scale-out service)', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['newsmon', 'newsmon-extract', 'redis']);
    expect(compose.services.redis!.image).toMatch(/^redis:/);
    expect(compose.services['newsmon-extract']!.command!.join(' ')).toMatch(/--roles extract/);
  });

  it.each(cases)('%s sets only variables the code reads, and the core ones', (_name, svc) => {
    const env = svc.environment ?? {};
    for (const key of Object.keys(env)) expect(readVars, key).toContain(key);
    expect(Object.keys(env)).toEqual(expect.arrayContaining(['REDIS_URL', 'NEWSMON_CONFIG']));
  });

  it('newsmon has the database, SMTP and config in its environment, as settings.ts reads them', () => {
    const env = compose.services.newsmon!.environment!;
    for (const key of ['NEWSMON_DB', 'REDIS_URL', 'SMTP_URL', 'NEWSMON_CONFIG']) expect(Object.keys(env)).toContain(key);
    expect(env.SMTP_URL).toMatch(/^\$\{SMTP_URL/); // passed through from the host
  });

  it.each(cases)('%s reaches the redis service on the port Redis listens on', (_name, svc) => {
    const settings = loadSettings({}, Object.fromEntries(Object.entries(svc.environment ?? {}).map(([k, v]) => [k, expand(String(v))])));
    const url = new URL(settings.redisUrl);
    expect(url.hostname).toBe('redis');
    const redisCmd = compose.services.redis!.command ?? [];
    const portFlag = redisCmd.indexOf('--port');
    expect(Number(url.port || 6379)).toBe(portFlag >= 0 ? Number(redisCmd[portFlag + 1]) : 6379);
    expect(Object.keys(svc.depends_on ?? {})).toContain('redis');
  });

  it('the database and config paths are mounted, named volumes are declared, the API port is published', () => {
    const svc = compose.services.newsmon!;
    const env = Object.fromEntries(Object.entries(svc.environment!).map(([k, v]) => [k, expand(String(v))]));
    const settings = loadSettings({}, env);
    expect(isMounted(svc, posix.dirname(env.NEWSMON_DB!))).toBe(true);
    expect(isMounted(svc, env.NEWSMON_CONFIG!)).toBe(true);
    const named = mounts(svc).concat(mounts(compose.services.redis!)).map((m) => m.source).filter((s) => /^[a-z][\w-]*$/.test(s));
    for (const v of named) expect(Object.keys(compose.volumes ?? {})).toContain(v);
    expect(settings.api.host).toBe('0.0.0.0');
    expect((svc.ports ?? []).map(expand)).toContain(`127.0.0.1:${settings.api.port}:${settings.api.port}`);
  });
});

describe('docker-compose.yml keeps the door locked', () => {
  /** "${ADDR:-127.0.0.1}:8787:8787" → the address variable, its default, and the rest. */
  const PUBLISHED = /^\$\{([A-Z_]+):-([^}]*)\}:(\d+):(\d+)(\/tcp)?$/;

  it.each(Object.entries(compose.services))('%s publishes ports only on an address variable that defaults to 127.0.0.1', (_name, svc) => {
    for (const port of svc.ports ?? []) {
      expect(typeof port, 'short syntax, so the address is visible').toBe('string');
      const m = PUBLISHED.exec(String(port));
      expect(m, `${String(port)} must bind "\${SOME_ADDR:-127.0.0.1}:"`).not.toBeNull();
      expect(m![2]).toBe('127.0.0.1');
    }
  });

  it('the API inside the container listens beyond loopback, so compose requires NEWSMON_API_TOKEN and passes it through', () => {
    const svc = compose.services.newsmon!;
    const env = Object.fromEntries(Object.entries(svc.environment!).map(([k, v]) => [k, expand(String(v))]));
    const settings = loadSettings({}, env);
    expect(bindingRefusal(settings.api.host, null)).not.toBeNull();
    expect(String(svc.environment!.NEWSMON_API_TOKEN)).toMatch(/^\$\{NEWSMON_API_TOKEN:\?.*openssl rand.*\}$/);
    expect(settings.api.token).toBe(REQUIRED_SAMPLE);
    expect(bindingRefusal(settings.api.host, settings.api.token ?? null)).toBeNull();
  });
});
