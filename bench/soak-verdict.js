// The soak's checks over its samples (see bench/soak.js for what each means): RSS and
// open files flat, throughput not decaying, /healthz always answering.

const median = (xs) => {
  const s = xs.filter((x) => x !== null).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : null;
};
function slopePerMin(points) {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const num = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : (num / den) * 60;
}

export function verdict(samples) {
  const endT = samples.at(-1).t;
  const warm = Math.max(60, endT * 0.2);
  const steady = samples.filter((s) => s.t >= warm);
  const third = (steady.at(-1).t - warm) / 2;
  const mid = steady.filter((s) => s.t < warm + third);
  const last = steady.filter((s) => s.t >= warm + third);
  const rate = (xs) => (xs.length < 2 ? null : ((xs.at(-1).articles - xs[0].articles) / (xs.at(-1).t - xs[0].t)) * 60);
  const perCpu = (xs) => (xs.length < 2 || xs.at(-1).cpu === xs[0].cpu ? null : (xs.at(-1).articles - xs[0].articles) / (xs.at(-1).cpu - xs[0].cpu));
  const cpuShare = (xs) => (xs.length < 2 ? null : (xs.at(-1).cpu - xs[0].cpu) / (xs.at(-1).t - xs[0].t));
  const r = {
    warmupSeconds: Math.round(warm),
    rssMidMB: median(mid.map((s) => s.rssMB)),
    rssLastMB: median(last.map((s) => s.rssMB)),
    rssSlopeMBPerMin: Number(slopePerMin(steady.filter((s) => s.rssMB !== null).map((s) => ({ x: s.t, y: s.rssMB }))).toFixed(2)),
    fdsMidMax: Math.max(...mid.map((s) => s.fds ?? 0)),
    fdsLastMax: Math.max(...last.map((s) => s.fds ?? 0)),
    storedPerMinMid: rate(mid),
    storedPerMinLast: rate(last),
    storedPerCpuSecondMid: perCpu(mid),
    storedPerCpuSecondLast: perCpu(last),
    serviceCpuShareMid: cpuShare(mid),
    serviceCpuShareLast: cpuShare(last),
    loadavgMid: median(mid.map((s) => s.load)),
    loadavgLast: median(last.map((s) => s.load)),
    backlogLast: last.at(-1)?.backlog ?? null,
    healthFailures: samples.filter((s) => !s.healthOk).length,
  };
  const checks = [
    ['RSS flat (last third vs middle third)', r.rssLastMB !== null && r.rssMidMB !== null && r.rssLastMB <= r.rssMidMB * 1.1 + 16],
    ['RSS slope under 2 MB/min', r.rssSlopeMBPerMin < 2],
    ['open fds flat', r.fdsLastMax <= r.fdsMidMax + 8],
    // Per CPU second as well as per minute: on a shared machine the wall-clock rate also
    // falls when other processes take the CPU; the service decays only if it does less
    // work per CPU second it gets.
    [
      'throughput not decaying',
      r.storedPerMinLast !== null &&
        (r.storedPerMinLast >= 0.8 * r.storedPerMinMid || (r.backlogLast ?? 1) === 0 || (r.storedPerCpuSecondLast ?? 0) >= 0.8 * (r.storedPerCpuSecondMid ?? Infinity)),
    ],
    ['/healthz answered every sample', r.healthFailures === 0],
  ];
  return { ...r, checks };
}
