/**
 * Time charts with uPlot: memory, GC, memory.events, forecast. Clicking picks a moment. Axes
 * and their ticks: chart-axes.ts; limit labels, trigger and kill marks, the legend: chart-overlay.ts.
 */
import uPlot from 'uplot';
import type { Columns } from '../report/html/downsample.js';
import type { ChartMark } from '../report/html/chart-marks.js';
import { el } from './dom.js';
import { FORMAT, xAxis, yAxis, yScale, type ChartUnit } from './chart-axes.js';
import { marksPlugin, type LimitLine } from './chart-overlay.js';

export interface SeriesSpec {
  readonly key: string;
  readonly label: string;
  readonly color: string;
  readonly dash?: number[];
  readonly points?: boolean;
  /** A second y scale (drawn on the right) with its own unit, e.g. a rate next to durations. */
  readonly unit?: ChartUnit;
  /** A limit: labelled with its name and value at the right end of its line. */
  readonly limit?: boolean;
}

export interface ChartSpec {
  readonly title: string;
  readonly columns: Columns;
  readonly series: readonly SeriesSpec[];
  readonly unit: ChartUnit;
  /** Triggers and the kill, drawn across the chart. */
  readonly marks?: readonly ChartMark[];
  /** The x axis: a clock (default), or seconds since the program started (gctrace's @#s). */
  readonly x?: 'clock' | 'since-start';
}

export interface ChartHandle {
  readonly root: HTMLElement;
  /** New data: the same series are redrawn in place; other series rebuild the chart. */
  update(columns: Columns, marks?: readonly ChartMark[]): void;
}

/** A chart that a live page can feed; `root` keeps its place in the page across rebuilds. */
export function liveChart(spec: ChartSpec, width: number, onPick: (tSec: number) => void) {
  const root = el('div', { class: 'chart-slot' });
  let current = spec;
  const marks = () => current.marks ?? [];
  let drawn = draw(current, width, onPick, marks);
  root.append(drawn.wrap);
  const handle: ChartHandle = {
    root,
    update(columns, newMarks) {
      const next = { ...current, columns, marks: newMarks ?? current.marks };
      const same = presentKeys(next) === presentKeys(current) && drawn.plot;
      current = next;
      if (same) {
        drawn.plot!.setData(alignedData(next, present(next)));
        drawn.wrap.setAttribute('data-points', String(columns.t.length));
        return;
      }
      drawn.plot?.destroy();
      drawn = draw(next, width, onPick, marks);
      root.replaceChildren(drawn.wrap);
    },
  };
  return handle;
}

/** Draws a chart if it has data; returns the wrapper (with a note when empty). */
export function chart(spec: ChartSpec, width: number, onPick: (tSec: number) => void) {
  return draw(spec, width, onPick, () => spec.marks ?? []).wrap;
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
  marks: () => readonly ChartMark[],
): { wrap: HTMLElement; plot?: uPlot } {
  const shown = present(spec);
  const wrap = el('div', {
    class: 'chart',
    'data-chart': spec.title,
    'data-points': String(spec.columns.t.length),
  });
  if (shown.length === 0 || spec.columns.t.length === 0) {
    wrap.append(el('h3', {}, spec.title), el('p', { class: 'muted' }, 'No data in this capture.'));
    return { wrap };
  }
  const second = shown.find((s) => s.unit && s.unit !== spec.unit)?.unit;
  const limits: LimitLine[] = shown.flatMap((s, i) =>
    s.limit ? [{ series: i + 1, label: s.label, color: s.color, unit: s.unit ?? spec.unit }] : [],
  );
  const opts: uPlot.Options = {
    title: spec.title,
    width,
    height: 240,
    cursor: { drag: { x: true, y: false } },
    scales: {
      x: { time: spec.x !== 'since-start' },
      [spec.unit]: yScale(spec.unit),
      ...(second ? { [second]: yScale(second) } : {}),
    },
    axes: [xAxis(spec.x), yAxis(spec.unit), ...(second ? [yAxis(second, 1)] : [])],
    plugins: [marksPlugin(limits, marks)],
    series: [xSeries(spec.x), ...shown.map((s) => seriesOf(s, s.unit ?? spec.unit))],
  };
  const plot = new uPlot(opts, alignedData(spec, shown), wrap);
  plot.over.addEventListener('click', () => {
    const idx = plot.cursor.idx;
    if (idx !== null && idx !== undefined) onPick(plot.data[0][idx]);
  });
  return { wrap, plot };
}

/** The legend's x: the clock as uPlot shows it, or seconds since the program started. */
function xSeries(x: ChartSpec['x']): uPlot.Series {
  if (x !== 'since-start') return {};
  return { label: 'since start', value: (_u, v) => (v === null ? '-' : `${v.toFixed(2)} s`) };
}

function seriesOf(s: SeriesSpec, unit: ChartUnit): uPlot.Series {
  return {
    label: s.label,
    scale: unit,
    stroke: s.color,
    width: s.limit ? 2 : 1.5,
    dash: s.dash,
    spanGaps: false,
    points: { show: s.points ?? false, size: 4 },
    paths: s.points ? () => null : undefined,
    value: (_u: uPlot, v: number | null) => (v === null ? '-' : FORMAT[unit](v)),
  };
}
