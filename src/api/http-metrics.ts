import type { FastifyInstance } from 'fastify';

// Request counts and time per route, in the Prometheus text format (0.0.4). No client
// library: a counter and a sum per (method, route, status) is all /metrics needs here.

interface Series {
  count: number;
  seconds: number;
}

export class HttpMetrics {
  private readonly series = new Map<string, Series>();

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `method="${method}",route="${escapeLabel(route)}",status="${status}"`;
    const s = this.series.get(key);
    if (s) {
      s.count += 1;
      s.seconds += seconds;
    } else this.series.set(key, { count: 1, seconds });
  }

  render(): string {
    const keys = [...this.series.keys()].sort();
    const lines = [
      '# HELP newsmon_api_requests_total HTTP requests answered by the API.',
      '# TYPE newsmon_api_requests_total counter',
      ...keys.map((k) => `newsmon_api_requests_total{${k}} ${this.series.get(k)!.count}`),
      '# HELP newsmon_api_request_duration_seconds Time spent answering HTTP requests.',
      '# TYPE newsmon_api_request_duration_seconds summary',
      ...keys.flatMap((k) => {
        const s = this.series.get(k)!;
        return [`newsmon_api_request_duration_seconds_sum{${k}} ${s.seconds.toFixed(6)}`, `newsmon_api_request_duration_seconds_count{${k}} ${s.count}`];
      }),
    ];
    return `${lines.join('\n')}\n`;
  }

  /** Counts every answered request by its route pattern (not its URL: ids would explode the series). */
  install(app: FastifyInstance): void {
    app.addHook('onResponse', async (req, reply) => {
      const route = req.routeOptions.url ?? 'unmatched';
      this.observe(req.method, route, reply.statusCode, reply.elapsedTime / 1000);
    });
  }
}

export function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** A gauge block in the text format; skips values that are not finite numbers. */
export function gauge(name: string, help: string, values: Array<[labels: string, value: number]>): string {
  const rows = values.filter(([, v]) => Number.isFinite(v)).map(([l, v]) => `${name}${l ? `{${l}}` : ''} ${v}`);
  return rows.length ? `# HELP ${name} ${help}\n# TYPE ${name} gauge\n${rows.join('\n')}\n` : '';
}
