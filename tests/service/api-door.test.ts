import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { silentLogger } from '../../src/service/logger.js';
import { startService, type Service } from '../../src/service/service.js';
import { cleanPrefix, ensureBuilt, freshPrefix, makeConfig, REDIS_URL, type TestConfig } from './harness.js';

// The api role of `newsmon run` gets NEWSMON_API_TOKEN through Settings and locks the
// door with it, over real HTTP on loopback against the real Redis.

const TOKEN = 'service-door-token-0123456789';

describe('the api role and the door', () => {
  let cfg: TestConfig;
  let prefix: string;
  let service: Service | undefined;

  beforeAll(async () => {
    ensureBuilt();
    cfg = makeConfig([], { api: { port: 0 } });
    prefix = freshPrefix();
    const settings = loadSettings({ configDir: cfg.configDir, dbPath: cfg.dbPath, redisUrl: REDIS_URL }, { NEWSMON_API_TOKEN: TOKEN });
    service = await startService({ settings, roles: ['api'], prefix, log: silentLogger(), watchConfig: false });
  });
  afterAll(async () => {
    await service?.close();
    await cleanPrefix(prefix);
  });

  it('asks for the token on every route but /healthz', async () => {
    const url = service!.apiUrl!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const path of ['/events', '/metrics', '/openapi.json', '/feeds']) {
      const locked = await fetch(`${url}${path}`);
      expect(locked.status, path).toBe(401);
      expect(locked.headers.get('www-authenticate'), path).toMatch(/^Bearer /);
      const open = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(open.status, path).toBe(200);
    }
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', redis: 'ok' });
  });

  it('refuses to start on a non-loopback address without a token', async () => {
    const settings = loadSettings({ configDir: cfg.configDir, dbPath: cfg.dbPath, redisUrl: REDIS_URL, host: '0.0.0.0' }, {});
    await expect(startService({ settings, roles: ['api'], prefix, log: silentLogger(), watchConfig: false })).rejects.toThrow(/refusing to serve the API on 0\.0\.0\.0.*NEWSMON_API_TOKEN/);
  });
});
