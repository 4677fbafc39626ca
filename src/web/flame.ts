/**
 * Draws an icicle graph (analysis/profile-flame.ts) with positioned divs whose text is set
 * with textContent. Clicking a frame zooms into it; clicking the top frame zooms back out. Frames whose name matches the search are marked; with a base, a frame's colour
 * says how much it grew (red) or shrank (green) against its value.
 */
import type { FlameFrame } from '../analysis/profile-flame.js';
import { el } from './dom.js';

const ROW = 18;

export interface FlameView {
  readonly root: FlameFrame;
  /** Whole-profile total, for the "% of all" in titles. */
  readonly total: number;
  readonly format: (v: number) => string;
  readonly search?: RegExp;
  readonly diff: boolean;
  /** Zoom into the frame at this path of node ids (root first); [] is the whole graph. */
  readonly zoom: (path: number[]) => void;
  readonly path: readonly number[];
}

export function renderFlame(v: FlameView): HTMLElement {
  const box = el('div', { class: 'flame' });
  const width = Math.max(v.root.value, v.root.base) || 1;
  let depthMax = 0;
  const walk = (f: FlameFrame, x: number, depth: number, path: number[]) => {
    depthMax = Math.max(depthMax, depth);
    const share = Math.max(f.value, f.base) / width;
    const cell = el('div', { class: 'frame', title: title(f, v) }, f.name);
    if (v.search?.test(f.name)) cell.classList.add('match');
    cell.style.cssText = `left:${x * 100}%;width:${share * 100}%;top:${depth * ROW}px;background:${color(f, v.diff)}`;
    cell.addEventListener('click', () => v.zoom(depth === 0 ? [] : path));
    box.append(cell);
    let cx = x;
    for (const c of f.children) {
      walk(c, cx, depth + 1, [...path, c.node]);
      cx += Math.max(c.value, c.base) / width;
    }
  };
  walk(v.root, 0, 0, [...v.path]);
  box.style.height = `${(depthMax + 1) * ROW}px`;
  return box;
}

function title(f: FlameFrame, v: FlameView): string {
  const pct = ((100 * f.value) / (v.total || 1)).toFixed(1);
  const change = v.diff ? `, ${signed(f.value - f.base, v.format)} since the base` : '';
  return `${f.name} ${v.format(f.value)} (${pct}% of all${change})`;
}

function signed(d: number, format: (v: number) => string): string {
  return (d > 0 ? '+' : '') + format(d);
}

function color(f: FlameFrame, diff: boolean): string {
  if (diff) {
    const d = f.value - f.base;
    const r = Math.min(1, Math.abs(d) / (Math.max(f.value, f.base) || 1));
    return d >= 0
      ? `hsl(0, ${Math.round(80 * r)}%, ${88 - 28 * r}%)`
      : `hsl(120, ${Math.round(60 * r)}%, ${88 - 28 * r}%)`;
  }
  let h = 0;
  for (let i = 0; i < f.name.length; i++) h = (h * 31 + f.name.charCodeAt(i)) >>> 0;
  return `hsl(${20 + (h % 40)}, 80%, ${60 + (h % 15)}%)`;
}
