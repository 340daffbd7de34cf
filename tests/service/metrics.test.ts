import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from '../../src/service/metrics.js';

describe('metrics registry', () => {
  it('renders counters, gauges and histograms in the Prometheus text format', () => {
    const r = new MetricsRegistry();
    const c = r.counter('x_total', 'Things.');
    const g = r.gauge('depth', 'Depth.');
    const h = r.histogram('lat_seconds', 'Latency.', [0.1, 1]);
    r.gauge('unused', 'Never set.');
    c.inc({ queue: 'poll' });
    c.inc({ queue: 'poll' }, 2);
    g.set({ queue: 'a"b' }, 4);
    h.observe({ target: 'feed' }, 0.05);
    h.observe({ target: 'feed' }, 0.5);
    h.observe({ target: 'feed' }, 5);
    expect(r.render()).toBe(
      [
        '# HELP x_total Things.',
        '# TYPE x_total counter',
        'x_total{queue="poll"} 3',
        '# HELP depth Depth.',
        '# TYPE depth gauge',
        'depth{queue="a\\"b"} 4',
        '# HELP lat_seconds Latency.',
        '# TYPE lat_seconds histogram',
        'lat_seconds_bucket{target="feed",le="0.1"} 1',
        'lat_seconds_bucket{target="feed",le="1"} 2',
        'lat_seconds_bucket{target="feed",le="+Inf"} 3',
        'lat_seconds_sum{target="feed"} 5.55',
        'lat_seconds_count{target="feed"} 3',
        '',
      ].join('\n'),
    );
  });
});
