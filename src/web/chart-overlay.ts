/**
 * What the charts draw on top of the lines (a uPlot plugin): a label at the right end of each
 * limit line (limit, memory.high, GOMEMLIMIT, with its value), and a vertical line at each
 * trigger and at the OOM kill with its name. The legend shows the hovered moment, and the
 * newest one when the pointer is elsewhere.
 */
import type uPlot from 'uplot';
import type { ChartMark } from '../report/html/chart-marks.js';
import { FORMAT, type ChartUnit } from './chart-axes.js';

export interface LimitLine {
  /** Index of the series in uPlot's series (1-based: 0 is time). */
  readonly series: number;
  readonly label: string;
  readonly color: string;
  readonly unit: ChartUnit;
}

export function marksPlugin(lines: readonly LimitLine[], marks: () => readonly ChartMark[]) {
  return {
    hooks: {
      draw: (u: uPlot) => {
        drawMarks(u, marks());
        drawLimitLabels(u, lines);
      },
      ready: (u: uPlot) => showNewest(u),
      setData: (u: uPlot) => showNewest(u),
      setCursor: (u: uPlot) => showNewest(u),
    },
  };
}

function showNewest(u: uPlot): void {
  if (u.cursor.idx !== null && u.cursor.idx !== undefined) return;
  const n = u.data[0].length;
  if (n > 0) u.setLegend({ idx: n - 1 });
}

function drawMarks(u: uPlot, marks: readonly ChartMark[]): void {
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  const px = devicePixelRatio;
  ctx.save();
  ctx.font = `${11 * px}px system-ui, sans-serif`;
  ctx.setLineDash([4 * px, 3 * px]);
  ctx.lineWidth = px;
  let lastLabelX = -Infinity;
  for (const m of marks) {
    let x = u.valToPos(m.t, 'x', true);
    // The kill is recorded a moment after the last sample: drawn at the chart's end.
    if (m.kind === 'kill' && x > left + width) x = left + width - px;
    if (x < left || x > left + width) continue;
    const color = m.kind === 'kill' ? '#d62728' : '#e377c2';
    ctx.strokeStyle = ctx.fillStyle = color;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    // Labels that would overlap the previous one are left out (the line still shows).
    const text = m.kind === 'kill' ? 'OOM kill' : m.label;
    const w = ctx.measureText(text).width;
    if (x - w - 3 * px < lastLabelX) continue;
    ctx.fillText(text, Math.max(left, x - w - 3 * px), top + 12 * px);
    lastLabelX = x;
  }
  ctx.restore();
}

function drawLimitLabels(u: uPlot, lines: readonly LimitLine[]): void {
  const ctx = u.ctx;
  const { left, top, width } = u.bbox;
  const px = devicePixelRatio;
  ctx.save();
  ctx.font = `${11 * px}px system-ui, sans-serif`;
  for (const l of lines) {
    if (!u.series[l.series]?.show) continue;
    const v = newest(u.data[l.series] as (number | null)[]);
    if (v === undefined) continue;
    const y = u.valToPos(v, l.unit, true);
    if (y < top) continue;
    const text = `${l.label} ${FORMAT[l.unit](v)}`;
    const w = ctx.measureText(text).width;
    ctx.fillStyle = l.color;
    ctx.fillText(text, left + width - w - 4 * px, y - 4 * px);
  }
  ctx.restore();
}

function newest(col: readonly (number | null)[]): number | undefined {
  for (let i = col.length - 1; i >= 0; i--) if (col[i] !== null) return col[i]!;
  return undefined;
}
