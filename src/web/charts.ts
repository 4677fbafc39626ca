/** Time charts with uPlot: memory, GC, memory.events, forecast. Clicking picks a moment. */
import uPlot from 'uplot';
import type { Columns } from '../report/html/downsample.js';
import { el } from './dom.js';
import { formatBytes } from '../model/units.js';

export interface SeriesSpec {
  readonly key: string;
  readonly label: string;
  readonly color: string;
  readonly dash?: number[];
  readonly points?: boolean;
  /** A second y scale (drawn on the right) with its own unit, e.g. a rate next to durations. */
  readonly unit?: ChartSpec['unit'];
}

export interface ChartSpec {
  readonly title: string;
  readonly columns: Columns;
  readonly series: readonly SeriesSpec[];
  readonly unit: 'bytes' | 'count' | 'ms' | 'sec' | 'rate';
}

const FORMAT: Record<ChartSpec['unit'], (v: number) => string> = {
  bytes: (v) => formatBytes(v),
  count: (v) => String(Math.round(v)),
  ms: (v) => `${v.toFixed(1)} ms`,
  sec: (v) => `${v.toFixed(0)} s`,
  rate: (v) => `${v.toFixed(1)}/s`,
};

/** Draws a chart if it has data; returns the wrapper (with a note when empty). */
export function chart(spec: ChartSpec, width: number, onPick: (tSec: number) => void): HTMLElement {
  const present = spec.series.filter((s) => spec.columns.series[s.key]?.some((v) => v !== null));
  const wrap = el('div', {
    class: 'chart',
    'data-chart': spec.title,
    'data-points': String(spec.columns.t.length),
  });
  if (present.length === 0 || spec.columns.t.length === 0) {
    wrap.append(el('h3', {}, spec.title), el('p', { class: 'muted' }, 'No data in this capture.'));
    return wrap;
  }
  const second = present.find((s) => s.unit && s.unit !== spec.unit)?.unit;
  const axisFor = (unit: ChartSpec['unit'], side?: number): uPlot.Axis => ({
    scale: unit,
    side,
    size: 80,
    values: (_u, vals) => vals.map((v) => FORMAT[unit](v)),
  });
  const opts: uPlot.Options = {
    title: spec.title,
    width,
    height: 240,
    cursor: { drag: { x: true, y: false } },
    scales: { x: { time: true } },
    axes: [{}, axisFor(spec.unit), ...(second ? [axisFor(second, 1)] : [])],
    series: [
      {},
      ...present.map((s) => {
        const unit = s.unit ?? spec.unit;
        return {
          label: s.label,
          scale: unit,
          stroke: s.color,
          width: 1.5,
          dash: s.dash,
          spanGaps: false,
          points: { show: s.points ?? false, size: 4 },
          paths: s.points ? () => null : undefined,
          value: (_u: uPlot, v: number | null) => (v === null ? '-' : FORMAT[unit](v)),
        };
      }),
    ],
  };
  const data = [
    spec.columns.t,
    ...present.map((s) => spec.columns.series[s.key]),
  ] as uPlot.AlignedData;
  const plot = new uPlot(opts, data, wrap);
  plot.over.addEventListener('click', () => {
    const idx = plot.cursor.idx;
    if (idx !== null && idx !== undefined) onPick(spec.columns.t[idx]);
  });
  return wrap;
}
