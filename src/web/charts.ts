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

export interface ChartHandle {
  readonly root: HTMLElement;
  /** New columns: the same series are redrawn in place; other series rebuild the chart. */
  update(columns: ChartSpec['columns']): void;
}

/** A chart that a live page can feed; `root` keeps its place in the page across rebuilds. */
export function liveChart(
  spec: ChartSpec,
  width: number,
  onPick: (tSec: number) => void,
): ChartHandle {
  const root = el('div', { class: 'chart-slot' });
  let current = spec;
  let drawn = draw(current, width, onPick);
  root.append(drawn.wrap);
  return {
    root,
    update(columns) {
      const next = { ...current, columns };
      const same = presentKeys(next) === presentKeys(current) && drawn.plot;
      current = next;
      if (same) {
        drawn.plot!.setData(alignedData(next, present(next)));
        drawn.wrap.setAttribute('data-points', String(columns.t.length));
        return;
      }
      drawn.plot?.destroy();
      drawn = draw(next, width, onPick);
      root.replaceChildren(drawn.wrap);
    },
  };
}

/** Draws a chart if it has data; returns the wrapper (with a note when empty). */
export function chart(spec: ChartSpec, width: number, onPick: (tSec: number) => void): HTMLElement {
  return draw(spec, width, onPick).wrap;
}

function present(spec: ChartSpec): SeriesSpec[] {
  return spec.series.filter((s) => spec.columns.series[s.key]?.some((v) => v !== null));
}

function presentKeys(spec: ChartSpec): string {
  return spec.columns.t.length === 0
    ? ''
    : present(spec)
        .map((s) => s.key)
        .join();
}

function alignedData(spec: ChartSpec, shown: readonly SeriesSpec[]): uPlot.AlignedData {
  return [spec.columns.t, ...shown.map((s) => spec.columns.series[s.key])] as uPlot.AlignedData;
}

function draw(
  spec: ChartSpec,
  width: number,
  onPick: (tSec: number) => void,
): { wrap: HTMLElement; plot?: uPlot } {
  const present_ = present(spec);
  const wrap = el('div', {
    class: 'chart',
    'data-chart': spec.title,
    'data-points': String(spec.columns.t.length),
  });
  if (present_.length === 0 || spec.columns.t.length === 0) {
    wrap.append(el('h3', {}, spec.title), el('p', { class: 'muted' }, 'No data in this capture.'));
    return { wrap };
  }
  const second = present_.find((s) => s.unit && s.unit !== spec.unit)?.unit;
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
      ...present_.map((s) => {
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
  const plot = new uPlot(opts, alignedData(spec, present_), wrap);
  plot.over.addEventListener('click', () => {
    const idx = plot.cursor.idx;
    if (idx !== null && idx !== undefined) onPick(plot.data[0][idx]);
  });
  return { wrap, plot };
}
