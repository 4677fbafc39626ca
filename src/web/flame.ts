/**
 * Icicle (top-down flame) graph of one profile and sample type: stacks merged by function
 * name from the root down. Inlined frames are expanded (a location's last line is the caller,
 * profile.proto). Drawn with positioned divs whose text is set with textContent.
 */
import type { Profile } from '../model/profile.js';
import { el } from './dom.js';
import { formatBytes } from '../model/units.js';

export interface FlameNode {
  readonly name: string;
  value: number;
  readonly children: Map<string, FlameNode>;
}

export function flameTree(p: Profile, sampleIndex: number): FlameNode {
  const root: FlameNode = { name: 'root', value: 0, children: new Map() };
  const k = p.sampleTypes.length;
  const { samples: s, locations: loc, functions: fn } = p;
  for (let i = 0; i < s.count; i++) {
    const v = s.values[i * k + sampleIndex];
    if (!v) continue;
    root.value += v;
    let node = root;
    for (let j = s.stackStart[i + 1] - 1; j >= s.stackStart[i]; j--) {
      const l = s.stack[j];
      for (let line = loc.lineStart[l + 1] - 1; line >= loc.lineStart[l]; line--) {
        const f = loc.lineFunction[line];
        const name = f >= 0 ? p.strings.get(fn.name[f]) || '?' : '?';
        node = child(node, name);
        node.value += v;
      }
    }
  }
  return root;
}

function child(node: FlameNode, name: string): FlameNode {
  let c = node.children.get(name);
  if (!c) {
    c = { name, value: 0, children: new Map() };
    node.children.set(name, c);
  }
  return c;
}

const ROW = 18;
const MIN_SHARE = 0.002;

/** Draws the icicle; clicking a frame zooms into it, clicking the top frame zooms back out. */
export function renderFlame(root: FlameNode, unit: string, whole: FlameNode = root): HTMLElement {
  const box = el('div', { class: 'flame' });
  let depthMax = 0;
  const total = root.value || 1;
  const zoom = (n: FlameNode) => box.replaceWith(renderFlame(n === root ? whole : n, unit, whole));
  const walk = (n: FlameNode, x: number, depth: number) => {
    const share = n.value / total;
    if (share < MIN_SHARE) return;
    depthMax = Math.max(depthMax, depth);
    const ofAll = ((100 * n.value) / (whole.value || 1)).toFixed(1);
    const label = `${n.name} ${unit === 'bytes' ? formatBytes(n.value) : n.value} (${ofAll}% of all)`;
    const cell = el('div', { class: 'frame', title: label }, n.name);
    cell.style.cssText = `left:${x * 100}%;width:${share * 100}%;top:${depth * ROW}px;background:${color(n.name)}`;
    cell.addEventListener('click', () => zoom(n));
    box.append(cell);
    let cx = x;
    for (const c of [...n.children.values()].sort((a, b) => b.value - a.value)) {
      walk(c, cx, depth + 1);
      cx += c.value / total;
    }
  };
  walk(root, 0, 0);
  box.style.height = `${(depthMax + 1) * ROW}px`;
  return box;
}

function color(name: string): string {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return `hsl(${20 + (h % 40)}, 80%, ${60 + (h % 15)}%)`;
}
