// A small Prometheus registry (text exposition format 0.0.4): counters, gauges and
// histograms with labels. No client library: the service needs a dozen series, and the
// API (src/api) appends this text to its own /metrics.

type Labels = Record<string, string>;

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labelText(labels: Labels, extra?: [string, string]): string {
  const pairs = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  if (extra) pairs.push(extra);
  return pairs.length ? `{${pairs.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}` : '';
}

function keyOf(labels: Labels): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}

function num(v: number): string {
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(12)));
}

interface Metric {
  render(): string;
}

abstract class Series<T> implements Metric {
  protected readonly series = new Map<string, { labels: Labels; value: T }>();
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly type: string,
  ) {}

  protected slot(labels: Labels, init: () => T): { labels: Labels; value: T } {
    const k = keyOf(labels);
    let s = this.series.get(k);
    if (!s) {
      s = { labels: { ...labels }, value: init() };
      this.series.set(k, s);
    }
    return s;
  }

  protected abstract lines(labels: Labels, value: T): string[];

  render(): string {
    if (this.series.size === 0) return '';
    const rows = [...this.series.values()].flatMap((s) => this.lines(s.labels, s.value));
    return `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} ${this.type}\n${rows.join('\n')}\n`;
  }
}

export class Counter extends Series<number> {
  constructor(name: string, help: string) {
    super(name, help, 'counter');
  }
  inc(labels: Labels = {}, by = 1): void {
    this.slot(labels, () => 0).value += by;
  }
  /** For totals kept elsewhere (BullMQ's per-queue counts in Redis), sampled here. */
  setTotal(labels: Labels, total: number): void {
    this.slot(labels, () => 0).value = total;
  }
  get(labels: Labels = {}): number {
    return this.series.get(keyOf(labels))?.value ?? 0;
  }
  protected lines(labels: Labels, v: number): string[] {
    return [`${this.name}${labelText(labels)} ${num(v)}`];
  }
}

export class Gauge extends Series<number> {
  constructor(name: string, help: string) {
    super(name, help, 'gauge');
  }
  set(labels: Labels, value: number): void {
    this.slot(labels, () => 0).value = value;
  }
  get(labels: Labels = {}): number | undefined {
    return this.series.get(keyOf(labels))?.value;
  }
  protected lines(labels: Labels, v: number): string[] {
    return [`${this.name}${labelText(labels)} ${num(v)}`];
  }
}

interface HistogramValue {
  buckets: number[];
  sum: number;
  count: number;
}

export class Histogram extends Series<HistogramValue> {
  constructor(
    name: string,
    help: string,
    private readonly bounds: readonly number[],
  ) {
    super(name, help, 'histogram');
  }
  observe(labels: Labels, value: number): void {
    const s = this.slot(labels, () => ({ buckets: this.bounds.map(() => 0), sum: 0, count: 0 })).value;
    for (let i = 0; i < this.bounds.length; i++) if (value <= this.bounds[i]!) s.buckets[i]!++;
    s.sum += value;
    s.count++;
  }
  count(labels: Labels = {}): number {
    return this.series.get(keyOf(labels))?.value.count ?? 0;
  }
  protected lines(labels: Labels, v: HistogramValue): string[] {
    const name = this.name;
    return [
      ...this.bounds.map((b, i) => `${name}_bucket${labelText(labels, ['le', num(b)])} ${v.buckets[i]}`),
      `${name}_bucket${labelText(labels, ['le', '+Inf'])} ${v.count}`,
      `${name}_sum${labelText(labels)} ${num(v.sum)}`,
      `${name}_count${labelText(labels)} ${v.count}`,
    ];
  }
}

export class MetricsRegistry {
  private readonly metrics: Metric[] = [];

  counter(name: string, help: string): Counter {
    return this.add(new Counter(name, help));
  }
  gauge(name: string, help: string): Gauge {
    return this.add(new Gauge(name, help));
  }
  histogram(name: string, help: string, bounds: readonly number[]): Histogram {
    return this.add(new Histogram(name, help, [...bounds].sort((a, b) => a - b)));
  }
  render(): string {
    return this.metrics.map((m) => m.render()).join('');
  }
  private add<M extends Metric>(m: M): M {
    this.metrics.push(m);
    return m;
  }
}

/** Fetch latency buckets, seconds: loopback fixtures to slow origins. */
export const FETCH_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The service's series. Queue totals and depths are sampled from Redis (all processes); the rest are this process's. */
export function serviceMetrics(registry = new MetricsRegistry()) {
  return {
    registry,
    jobsCompleted: registry.counter('newsmon_jobs_completed_total', 'Jobs completed, per queue (all workers, from BullMQ metrics in Redis).'),
    jobsFailed: registry.counter('newsmon_jobs_failed_total', 'Jobs failed for good, per queue (all workers, from BullMQ metrics in Redis).'),
    queueJobs: registry.gauge('newsmon_queue_jobs', 'Jobs in each queue by state (queue depth).'),
    jobsProcessed: registry.counter('newsmon_worker_jobs_total', 'Jobs this process finished, per queue and outcome (completed, failed, retried).'),
    fetchSeconds: registry.histogram('newsmon_fetch_duration_seconds', 'HTTP fetch time, by target (feed, page) and outcome.', FETCH_BUCKETS),
    polls: registry.counter('newsmon_polls_total', 'Feed polls by this process, by status.'),
    articlesStored: registry.counter('newsmon_articles_stored_total', 'Articles written by this process.'),
    duplicates: registry.counter('newsmon_article_duplicates_total', 'Articles found already stored (same URL or same text).'),
    eventsStored: registry.counter('newsmon_events_stored_total', 'Events written by this process (new articles and re-extractions).'),
    feedsFailing: registry.gauge('newsmon_feeds_failing', 'Feeds whose last poll failed.'),
    feedsScheduled: registry.gauge('newsmon_feeds_scheduled', 'Feeds with a poll scheduler.'),
    workers: registry.gauge('newsmon_workers', 'Workers connected to each queue (all processes).'),
    redisUp: registry.gauge('newsmon_redis_up', 'Whether this process is connected to Redis.'),
  };
}

export type ServiceMetrics = ReturnType<typeof serviceMetrics>;
