import uPlot from '/assets/vendor/uPlot.esm.js';

// Mentions per entity per day (from /stats), drawn by uPlot on a canvas. Days are
// calendar dates in the reader's time zone, so they are placed and labelled as UTC dates.

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
let plot = null;
let resizeHooked = false;

function dayToSeconds(day) {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 1000;
}

function size(box) {
  const width = Math.max(260, box.clientWidth);
  return { width, height: width < 500 ? 200 : 260 };
}

/** Draws the chart into `box`; `selected` entities are drawn thicker. Returns false when there is nothing to draw. */
export function renderChart(box, stats, selected) {
  plot?.destroy();
  plot = null;
  box.replaceChildren();
  if (!stats.series.length) return false;
  const data = [stats.days.map(dayToSeconds), ...stats.series.map((s) => s.counts)];
  const series = [
    {},
    ...stats.series.map((s, i) => ({
      label: `${s.key} (${s.total})`,
      stroke: COLOURS[i % COLOURS.length],
      width: selected.includes(s.key) ? 3 : 1.5,
      points: { show: stats.days.length <= 45 },
    })),
  ];
  plot = new uPlot(
    {
      ...size(box),
      series,
      scales: { x: { time: true } },
      axes: [{}, { label: 'events', size: 50 }],
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      legend: { live: true },
    },
    data,
    box,
  );
  if (!resizeHooked) {
    resizeHooked = true;
    window.addEventListener('resize', () => plot?.setSize(size(box)));
  }
  return true;
}
