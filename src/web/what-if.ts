/**
 * The what-if section: for each GOMEMLIMIT, the peak container memory (left axis) and the GC's
 * CPU share (right axis) the model predicts across GOGC, the container's limit, and the table
 * `gomemlens simulate` prints. An OOM-killed setting has no GC share: its point is left out.
 */
import uPlot from 'uplot';
import type { PredictionView } from '../report/advise-doc.js';
import { PREDICTION_COLUMNS, predictionRow } from '../report/advise-text.js';
import type { WhatIf } from '../report/html/what-if.js';
import { formatBytes } from '../model/units.js';
import { el } from './dom.js';
import { themeColors, yAxis, yScale } from './chart-axes.js';

const COLORS = ['#1f77b4', '#9467bd', '#2ca02c', '#ff7f0e'];

export function whatIfView(w: WhatIf, width: number): HTMLElement {
  const box = el('div', { id: 'what-if-body' });
  if ('unavailable' in w) {
    box.append(
      el(
        'p',
        { class: 'muted' },
        `No what-if: the GC model does not calibrate on this capture (${w.unavailable}).`,
      ),
    );
    return box;
  }
  const ps = w.doc.predictions;
  const gogcs = [...new Set(ps.map((p) => String(p.settings.gogc)))];
  const limits = [...new Set(ps.map((p) => p.settings.gomemlimit))];
  const at = (limit: string, gogc: string) =>
    ps.find((p) => p.settings.gomemlimit === limit && String(p.settings.gogc) === gogc)!;
  const now = w.doc.calibration.observed;
  box.append(
    el(
      'p',
      {},
      `The GC model calibrated on this capture (GOGC=${now.gogc}, GOMEMLIMIT=${now.gomemlimit} now) predicts for other settings, in steady state: docs/advise.md.`,
    ),
  );
  const wrap = el('div', {
    class: 'chart',
    'data-chart': 'What if',
    'data-points': String(ps.length),
  });
  box.append(wrap);
  const containerLimit = ps[0]?.settings.containerLimitBytes ?? null;
  const series: uPlot.Series[] = [{ label: 'GOGC', value: (_u, i) => gogcs[i] ?? '-' }];
  const data: (number | null)[][] = [gogcs.map((_, i) => i)];
  limits.forEach((limit, i) => {
    const rows = gogcs.map((g) => at(limit, g));
    const color = COLORS[i % COLORS.length];
    series.push(line(`peak container, GOMEMLIMIT=${limit}`, 'bytes', color, []));
    data.push(rows.map((p) => p.peakContainerBytes));
    series.push(line(`GC CPU, GOMEMLIMIT=${limit}`, '%', color, [4, 3]));
    data.push(rows.map((p) => (p.oomAtSec === null ? 100 * p.gcCpuShare : null)));
  });
  if (containerLimit !== null) {
    series.push(line('container limit', 'bytes', '#d62728', [8, 4]));
    data.push(gogcs.map(() => containerLimit));
  }
  const c = themeColors();
  const themed = { stroke: c.text, grid: { stroke: c.grid, width: 1 }, ticks: { stroke: c.grid } };
  const opts: uPlot.Options = {
    title: 'What if: GOGC and GOMEMLIMIT',
    width,
    height: 300,
    scales: {
      x: { time: false },
      bytes: yScale('bytes'),
      '%': { range: (_u, _min, max) => [0, Math.max(10, max)] },
    },
    axes: [
      {
        ...themed,
        values: (_u, splits) => splits.map((i) => `GOGC=${gogcs[i] ?? ''}`),
        splits: () => gogcs.map((_, i) => i),
      },
      yAxis('bytes'),
      {
        ...themed,
        scale: '%',
        side: 1,
        size: 60,
        grid: { show: false },
        values: (_u, vals) => vals.map((v) => `${v.toFixed(0)}%`),
      },
    ],
    series,
  };
  new uPlot(opts, data as uPlot.AlignedData, wrap);
  box.append(predictionTable(ps));
  return box;
}

function line(label: string, scale: 'bytes' | '%', stroke: string, dash: number[]): uPlot.Series {
  return {
    label,
    scale,
    stroke,
    dash,
    width: 1.5,
    spanGaps: false,
    points: { show: true, size: 5 },
    value: (_u, v) => (v === null ? '-' : scale === 'bytes' ? formatBytes(v) : `${v.toFixed(1)}%`),
  };
}

function predictionTable(ps: readonly PredictionView[]): HTMLElement {
  const head = el('tr', {}, ...PREDICTION_COLUMNS.map((c) => el('th', {}, c)));
  const rows = ps.map((p) => {
    const cells = predictionRow(p);
    const outcome = cells[cells.length - 1];
    return el(
      'tr',
      { class: outcome === 'ok' ? '' : 'bad' },
      ...cells.map((c, i) => el('td', { class: i >= 4 && i <= 7 ? 'num' : '' }, c)),
    );
  });
  return el('table', { id: 'what-if-table' }, head, ...rows);
}
