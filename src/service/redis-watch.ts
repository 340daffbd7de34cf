import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

// Follows one connection's state for the logs, the health check and the redis_up gauge,
// and notices when Redis came back empty (restarted without persistence, or flushed):
// the schedulers and any queued work are gone then, and the service must put them back.

export interface RedisWatch {
  isUp(): boolean;
  close(): void;
}

export interface RedisWatchOptions {
  log: Logger;
  /** A key this service sets once; its absence after a reconnect means the data is gone. */
  epochKey: string;
  onStateChange?: (up: boolean) => void;
  onDataLost?: () => Promise<void>;
  /**
   * How often the epoch key is checked while connected (default 5 s): a FLUSHALL or a
   * failover to an empty replica drops the data without dropping the connection.
   */
  checkEveryMs?: number;
}

export async function watchRedis(conn: Redis, o: RedisWatchOptions): Promise<RedisWatch> {
  await conn.set(o.epochKey, randomBytes(8).toString('hex'), 'NX');
  let epoch = await conn.get(o.epochKey);
  let up = conn.status === 'ready';
  let downSince = 0;
  let closed = false;

  const onClose = (): void => {
    if (closed || !up) return;
    up = false;
    downSince = Date.now();
    o.log.warn({ redis: 'down' }, 'lost the connection to Redis; reconnecting (jobs wait, nothing is dropped)');
    o.onStateChange?.(false);
  };
  const onReady = (): void => {
    if (closed || up) return;
    up = true;
    o.log.info({ redis: 'up', downMs: Date.now() - downSince }, 'Redis connection restored');
    o.onStateChange?.(true);
    void checkEpoch();
  };
  let checking = false;
  const checkEpoch = async (): Promise<void> => {
    if (checking) return;
    checking = true;
    try {
      const now = await conn.get(o.epochKey);
      if (now !== null && now === epoch) return;
      if (now === null) await conn.set(o.epochKey, randomBytes(8).toString('hex'), 'NX');
      epoch = await conn.get(o.epochKey);
      o.log.warn({ redis: 'empty' }, 'Redis came back without our data (restarted without persistence, or flushed): recreating schedules and re-polling feeds');
      await o.onDataLost?.();
    } catch (err) {
      o.log.error({ err }, 'could not check Redis after reconnecting');
    } finally {
      checking = false;
    }
  };
  const timer = setInterval(() => {
    if (up && !closed) void checkEpoch();
  }, o.checkEveryMs ?? 5_000);
  timer.unref();
  conn.on('close', onClose);
  conn.on('end', onClose);
  conn.on('ready', onReady);
  return {
    isUp: () => up,
    close() {
      closed = true;
      clearInterval(timer);
      conn.off('close', onClose);
      conn.off('end', onClose);
      conn.off('ready', onReady);
    },
  };
}
