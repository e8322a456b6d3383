// The System Monitoring charts: time series the token-service reads from Prometheus
// (GET /api/v1/monitoring/charts), drawn with uPlot (canvas) served from this origin.
import uPlot from '/assets/uplot/uPlot.esm.js';
import { api, el } from './api.js';

const COLORS = ['#0b5cad', '#c2410c', '#b3261e', '#1e7d32', '#7c3aed', '#0e7490', '#a16207', '#be185d', '#4d7c0f', '#475569'];
const HEIGHT = 190;

const message = document.getElementById('charts-message');
const grid = document.getElementById('charts-grid');
const buttons = [...document.querySelectorAll('#chart-ranges button')];
let range = '1h';
let plots = [];
// a range picked while an answer is on its way: only the newest request may draw
let generation = 0;

/** A value as the axis and the legend show it, in the chart's unit. */
function format(value, unit) {
  if (value === null || value === undefined) {
    return '–';
  }
  if (unit === 's') {
    return value < 1 ? `${(value * 1000).toFixed(0)} ms` : `${value.toFixed(2)} s`;
  }
  if (unit === 'targets') {
    return value.toFixed(0);
  }
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

/** uPlot wants one x array and one y array per series, aligned: every step of the range, null where Prometheus had no value. */
function columns(answer, chart) {
  const count = Math.floor((answer.end - answer.start) / answer.step) + 1;
  const xs = Array.from({ length: count }, (_, i) => answer.start + i * answer.step);
  const ys = chart.series.map((series) => {
    const column = new Array(count).fill(null);
    for (const [t, v] of series.points) {
      column[Math.round((t - answer.start) / answer.step)] = v;
    }
    return column;
  });
  return [xs, ...ys];
}

function draw(answer, chart) {
  const figure = el('figure', undefined, 'chart');
  figure.dataset.chart = chart.id;
  figure.append(el('figcaption', chart.title));
  grid.append(figure);
  if (chart.series.length === 0) {
    figure.append(el('p', 'No data yet: Prometheus has no samples for this chart in the range.', 'chart-empty muted'));
    return;
  }
  const target = el('div', undefined, 'plot');
  figure.append(target);
  const options = {
    width: Math.max(target.clientWidth, 240),
    height: HEIGHT,
    // ticks at whole UTC hours and minutes, as the labels say
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
    cursor: { drag: { x: false, y: false } },
    scales: { y: { range: (u, min, max) => [0, max > 0 ? max * 1.15 : 1] } },
    axes: [
      { stroke: '#5b6775', grid: { stroke: '#eef1f4' }, values: (u, splits) => splits.map(clock) },
      // uPlot's own numbers for rates and counts; latencies in ms or s
      Object.assign({ stroke: '#5b6775', grid: { stroke: '#eef1f4' }, size: 60 },
        chart.unit === 's' ? { values: (u, splits) => splits.map((v) => format(v, 's')) } : {}),
    ],
    series: [
      { label: 'Time (UTC)', value: (u, ts) => (ts === null ? '–' : clock(ts)) },
      ...chart.series.map((series, i) => ({
        label: series.name,
        stroke: COLORS[i % COLORS.length],
        width: 1.75,
        value: (u, v) => format(v, chart.unit),
      })),
    ],
  };
  plots.push(new uPlot(options, columns(answer, chart), target));
}

async function refresh() {
  const mine = ++generation;
  try {
    const answer = await (await api('GET', `/api/v1/monitoring/charts?range=${encodeURIComponent(range)}`)).json();
    if (mine !== generation) {
      return;
    }
    plots.forEach((plot) => plot.destroy());
    plots = [];
    grid.replaceChildren();
    if (answer.state !== 'ok') {
      message.textContent = answer.message;
      grid.hidden = true;
      return;
    }
    message.textContent = `The last ${label(answer.range)}, one point every ${answer.step} s, refreshed every 30 s (times in UTC).`;
    grid.hidden = false;
    answer.charts.forEach((chart) => draw(answer, chart));
  } catch (e) {
    if (mine !== generation) {
      return;
    }
    message.textContent = `The charts are unavailable: ${e.message}`;
    grid.hidden = true;
  }
}

/** 1733602800 → 20:20 (UTC, 24-hour: the page's other times are UTC too) */
function clock(ts) {
  return new Date(ts * 1000).toISOString().slice(11, 16);
}

function label(name) {
  return { '15m': '15 minutes', '1h': 'hour', '6h': '6 hours', '24h': '24 hours' }[name] ?? name;
}

function resize() {
  for (const plot of plots) {
    const width = Math.max(plot.root.parentElement.clientWidth, 240);
    if (width !== plot.width) {
      plot.setSize({ width, height: HEIGHT });
    }
  }
}

export function startCharts() {
  for (const button of buttons) {
    button.addEventListener('click', () => {
      range = button.dataset.range;
      buttons.forEach((b) => b.setAttribute('aria-pressed', String(b === button)));
      refresh();
    });
  }
  new ResizeObserver(resize).observe(grid);
  refresh();
  setInterval(refresh, 30000);
}
