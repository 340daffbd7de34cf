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

/** What a recipient gets on a day with nothing for them: a short note, or no mail. */
export type OnEmptyDay = 'note' | 'skip';

/** One reader of the digest (digest.recipients); unset fields take the digest's defaults. */
export interface DigestRecipient {
  address: string;
  /** Entity ids followed; null follows the whole watch-list. */
  companies: string[] | null;
  /** Event tags followed; null follows every tag (and untagged events). */
  tags: string[] | null;
  /** IANA zone of the recipient's day and send time. */
  timezone: string;
  /** Local time of day the digest is sent, "HH:MM". */
  time: string;
  onEmptyDay: OnEmptyDay;
}

export interface DigestSettings {
  /** The old single list: each address is a recipient with the defaults below. */
  to: string[];
  from: string;
  /** Default local time of day the digest is sent, "HH:MM". */
  time: string;
  /** Default IANA zone for `time` and for the digest's day boundaries. */
  timezone: string;
  /** Default for recipients that do not say. */
  onEmptyDay: OnEmptyDay;
  /** Readers with their own filters, zone and time; `to` addresses not listed here are added with the defaults. */
  recipients: DigestRecipient[];
  /** Base URL of newsmon's web page for "the whole day" links; null: the API's own address. */
  webBase: string | null;
}

/**
 * What one document may cost: CPU time on a reader thread (a hostile or broken document is
 * stopped there, and the thread freed), and the per-article caps of the analysis (past
 * them an article is stored with what fits and counted as truncated).
 */
export interface LimitsSettings {
  feedCpuMs: number;
  articleCpuMs: number;
  maxMentions: number;
  maxPowerFigures: number;
  maxEvents: number;
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
  limits: LimitsSettings;
}
