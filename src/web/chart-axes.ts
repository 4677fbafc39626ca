/**
 * The y axes of the time charts: ticks on binary units for bytes (report/html/axis-ticks.ts),
 * at least three ticks on every axis, values formatted per unit, colours from the theme.
 */
import type uPlot from 'uplot';
import { byteAxisMax, byteTicks, niceTicks } from '../report/html/axis-ticks.js';
import { formatBytes, formatDuration } from '../model/units.js';

export type ChartUnit = 'bytes' | 'count' | 'ms' | 'sec' | 'rate';

export const FORMAT: Record<ChartUnit, (v: number) => string> = {
  bytes: (v) => formatBytes(v),
  count: (v) => String(Math.round(v)),
  ms: (v) => `${trim(v)} ms`,
  sec: (v) => (Math.abs(v) < 60 ? `${trim(v)} s` : formatDuration(v * 1000)),
  rate: (v) => `${trim(v)}/s`,
};

function trim(v: number): string {
  return String(Number(v.toFixed(Math.abs(v) < 1 ? 2 : 1)));
}

/** The theme's colours for axes and grid (CSS variables of report.css). */
export function themeColors(): { text: string; grid: string } {
  const css = getComputedStyle(document.documentElement);
  return {
    text: css.getPropertyValue('--chart-text').trim() || '#222',
    grid: css.getPropertyValue('--chart-grid').trim() || '#e4e4e4',
  };
}

export function yAxis(unit: ChartUnit, side?: number): uPlot.Axis {
  const c = themeColors();
  return {
    scale: unit,
    side: side ?? 3,
    size: 84,
    stroke: c.text,
    grid: { stroke: c.grid, width: 1 },
    ticks: { stroke: c.grid, width: 1 },
    splits: (_u, _i, min, max) => (unit === 'bytes' ? byteTicks(min, max) : niceTicks(min, max)),
    values: (u, vals) => {
      const labels = vals.map((v) => FORMAT[unit](v));
      // The ticks drawn, for tests and for people reading the DOM (the canvas holds no text).
      u.root.setAttribute(`data-ticks-${unit}`, labels.join('|'));
      return labels;
    },
  };
}

/** A clock, or seconds since the program started (gctrace's @#s) for `since-start`. */
export function xAxis(x: 'clock' | 'since-start' = 'clock'): uPlot.Axis {
  const c = themeColors();
  const axis: uPlot.Axis = {
    stroke: c.text,
    grid: { stroke: c.grid, width: 1 },
    ticks: { stroke: c.grid },
  };
  if (x === 'clock') return axis;
  return {
    ...axis,
    label: 'seconds since the program started',
    values: (_u, vals) => vals.map((v) => `${v}s`),
  };
}

/** Byte axes start at 0 and end on a tick; other axes pad a flat line so it has a span. */
export function yScale(unit: ChartUnit): uPlot.Scale {
  if (unit === 'bytes') return { range: (_u, _min, max) => [0, byteAxisMax(max)] };
  return {
    range: (_u, min, max) => {
      if (min === null || max === null) return [0, 1];
      if (max > min) return [Math.min(0, min), max + (max - Math.min(0, min)) * 0.05];
      return [Math.min(0, min - 1), max + 1];
    },
  };
}
