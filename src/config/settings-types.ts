// The one validated, frozen configuration object, built once by the composition root
// (src/config/settings.ts) from config/newsmon.yaml, then the environment, then flags.
// Nothing else reads process.env.

export interface HttpSettings {
  userAgent: string;
  timeoutMs: number;
  connectTimeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  perHostConcurrency: number;
  perHostMinGapMs: number;
  allowPrivateNetwork: boolean;
}

export interface DigestSettings {
  to: string[];
  from: string;
  /** Local time of day the digest is sent, "HH:MM". */
  time: string;
  /** IANA zone for `time` and for the digest's day boundaries. */
  timezone: string;
}

export type Role = 'poll' | 'extract' | 'store' | 'digest' | 'api';

export interface Settings {
  configDir: string;
  dbPath: string;
  redisUrl: string;
  smtpUrl: string | null;
  http: HttpSettings;
  poll: { defaultIntervalMs: number; maxBackoffMs: number; jitterMs: number };
  digest: DigestSettings;
  /**
   * `token`: NEWSMON_API_TOKEN (environment only: a secret does not belong in a config
   * file under version control). Null when unset; then the API may bind loopback only.
   */
  api: { host: string; port: number; token?: string | null };
  concurrency: Record<Exclude<Role, 'api'>, number>;
  log: { level: 'debug' | 'info' | 'warn' | 'error' };
}
