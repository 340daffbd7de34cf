import { afterAll, beforeAll } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { silentLogger } from '../../src/service/logger.js';
import { startService } from '../../src/service/service.js';
import { startSmtpSink, type SmtpSink } from '../digest/smtp-sink.js';
import { cleanPrefix, freshPrefix, REDIS_URL } from './harness.js';

// What every describe block of digest-role tests sets up: a real SMTP server for the block,
// queue prefixes that are removed from Redis after it, and the role started in-process.

export interface DigestRoleEnv {
  /** The block's SMTP server (started before its tests). */
  sink: SmtpSink;
  /** A new queue prefix, cleaned up after the block. */
  fresh(): string;
}

/** Registers the block's set-up and tear-down; call it inside `describe`. */
export function digestRoleEnv(): DigestRoleEnv {
  const prefixes: string[] = [];
  const env: DigestRoleEnv = {
    sink: undefined as unknown as SmtpSink, // set in beforeAll, before any test reads it
    fresh: () => {
      const p = freshPrefix();
      prefixes.push(p);
      return p;
    },
  };
  beforeAll(async () => {
    env.sink = await startSmtpSink();
  });
  afterAll(async () => {
    await env.sink?.close();
    for (const p of prefixes) await cleanPrefix(p);
  });
  return env;
}

/** `startService` with only the digest role, on the test's config and database, silent unless `extra` gives a log. */
export function startDigestRole(
  cfg: { configDir: string; dbPath: string },
  prefix: string,
  now: () => Date,
  extra: Partial<Parameters<typeof startService>[0]> = {},
): ReturnType<typeof startService> {
  return startService({
    settings: loadSettings({ configDir: cfg.configDir, dbPath: cfg.dbPath, redisUrl: REDIS_URL }, {}),
    roles: ['digest'], prefix, log: silentLogger(), watchConfig: false, now, ...extra,
  });
}
