import { Redis, type RedisOptions } from 'ioredis';

// Redis connections as BullMQ wants them. Workers block (BRPOPLPUSH-style waits) and
// must never give up a command while Redis is away: maxRetriesPerRequest null, reconnect
// forever with a capped backoff. The CLI's short-lived clients fail fast instead, so a
// missing Redis is one clear message, not a hang.

/** Reconnect delay: 0.5 s doubling to 10 s, forever. */
export function reconnectDelay(times: number): number {
  return Math.min(500 * 2 ** Math.max(0, Math.min(times - 1, 5)), 10_000);
}

/** For BullMQ workers and the service's producers: offline queue on, retries forever. */
export function serviceRedis(url: string, name: string): Redis {
  const options: RedisOptions = {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: reconnectDelay,
    connectionName: name,
    lazyConnect: false,
  };
  const r = new Redis(url, options);
  // An 'error' without a listener is printed by ioredis; the service logs state changes itself.
  r.on('error', () => {});
  return r;
}

/** For CLI commands (status, reextract): no offline queue, no reconnect, a short connect timeout. */
export function clientRedis(url: string, name: string, connectTimeoutMs = 3_000): Redis {
  const r = new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: connectTimeoutMs,
    retryStrategy: () => null,
    connectionName: name,
    lazyConnect: true,
  });
  r.on('error', () => {});
  return r;
}

/** A Redis URL with its password hidden, for messages and logs. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

export class RedisUnavailableError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(
      `cannot reach Redis at ${redactRedisUrl(url)} (${reason}).\n` +
        'The service keeps its queues in Redis. Start one (`redis-server`, or `docker compose up -d redis`), ' +
        'or point REDIS_URL (or redis_url in config/newsmon.yaml) at a running one. ' +
        '`npm start` starts a private Redis under ./data when redis-server is installed. ' +
        'Without Redis, `newsmon ingest --once` runs one pass in-process.',
    );
    this.name = 'RedisUnavailableError';
  }
}

function reasonOf(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}

/** Connects a fresh client and pings within the timeout; throws RedisUnavailableError otherwise. */
export async function probeRedis(url: string, timeoutMs = 3_000): Promise<{ version: string | null }> {
  let r: Redis;
  try {
    r = clientRedis(url, 'newsmon-probe', timeoutMs);
  } catch (err) {
    throw new RedisUnavailableError(url, reasonOf(err));
  }
  // connect() rejects with a bare "Connection is closed."; the socket's own error says why.
  let socketError: unknown;
  r.on('error', (err) => {
    socketError ??= err;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([r.connect(), timeout]);
    await Promise.race([r.ping(), timeout]);
    const info = await Promise.race([r.info('server'), timeout]);
    const version = /redis_version:([^\r\n]+)/.exec(info)?.[1] ?? null;
    return { version };
  } catch (err) {
    throw new RedisUnavailableError(url, reasonOf(socketError ?? err));
  } finally {
    clearTimeout(timer);
    r.disconnect();
  }
}
