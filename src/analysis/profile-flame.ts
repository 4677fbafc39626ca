/**
 * The icicle (flame) graph of one or two profiles: stacks merged from the root down, a frame
 * per graph node (so the granularity and filters of top apply), each frame's value the sum of
 * the samples through it. In a diff, base samples are kept apart (`base`), so a frame can show
 * what it grew by. Only frames of at least `minShare` of the root are expanded: the samples are
 * grouped level by level instead of building the whole call tree, which for a profile of
 * distinct stacks would hold one object per stack frame.
 */
import { buildNodeGraph, type GraphInput } from './profile-graph.js';
import type { FilterOptions } from './profile-filter.js';
import { filteredInputs } from './profile-inputs.js';
import type { NodeOptions } from './profile-nodes.js';

export interface FlameFrame {
  /** Graph node id (stable for the same inputs and options): zoom paths are made of these. */
  readonly node: number;
  readonly name: string;
  /** Sum over the (new) samples through this frame. */
  readonly value: number;
  /** Sum over the base samples through it (0 without a base). */
  readonly base: number;
  readonly children: readonly FlameFrame[];
}

export interface FlameOptions extends NodeOptions, FilterOptions {
  /** Node ids from the root: the frame to draw as the root (zoom). */
  readonly path?: readonly number[];
  /** Frames under this share of the root are not expanded (default 0.002). */
  readonly minShare?: number;
}

/** Each sample's nodes, root first, with its weight and whether it is from the base. */
export interface NodeStacks {
  readonly names: readonly string[];
  readonly start: Uint32Array;
  readonly nodes: Int32Array;
  readonly weight: Float64Array;
  readonly base: Uint8Array;
}

export function nodeStacks(
  inputs: readonly GraphInput[],
  o: NodeOptions & FilterOptions,
): NodeStacks {
  const filtered = filteredInputs(inputs, o).inputs;
  const g = buildNodeGraph(filtered, o);
  const start: number[] = [0];
  const nodes: number[] = [];
  const weight: number[] = [];
  const base: number[] = [];
  filtered.forEach((input, k) => {
    const { nodesStart, nodes: locNodes } = g.locNodes[k];
    const s = input.profile.samples;
    const width = input.profile.sampleTypes.length;
    for (let i = 0; i < s.count; i++) {
      let w = s.values[i * width + input.sampleIndex];
      if (input.scale !== undefined && input.scale !== 1) w = Math.round(w * input.scale);
      if (w === 0) continue;
      for (let j = s.stackStart[i + 1] - 1; j >= s.stackStart[i]; j--) {
        const loc = s.stack[j];
        for (let n = nodesStart[loc + 1] - 1; n >= nodesStart[loc]; n--) nodes.push(locNodes[n]);
      }
      start.push(nodes.length);
      weight.push(Math.abs(w));
      base.push(input.sign < 0 ? 1 : 0);
    }
  });
  return {
    names: g.names,
    start: Uint32Array.from(start),
    nodes: Int32Array.from(nodes),
    weight: Float64Array.from(weight),
    base: Uint8Array.from(base),
  };
}

export function flameGraph(st: NodeStacks, o: FlameOptions = {}): FlameFrame {
  const path = o.path ?? [];
  const all: number[] = [];
  for (let i = 0; i < st.weight.length; i++) if (startsWith(st, i, path)) all.push(i);
  const [value, base] = sums(st, all);
  const cutoff = Math.max(value, base) * (o.minShare ?? 0.002);
  const node = path.length ? path[path.length - 1] : -1;
  return {
    node,
    name: node >= 0 ? st.names[node] : 'root',
    value,
    base,
    children: frames(st, all, path.length, cutoff),
  };
}

function startsWith(st: NodeStacks, i: number, path: readonly number[]): boolean {
  if (st.start[i + 1] - st.start[i] < path.length) return false;
  for (let d = 0; d < path.length; d++) if (st.nodes[st.start[i] + d] !== path[d]) return false;
  return true;
}

function sums(st: NodeStacks, samples: readonly number[]): [number, number] {
  let value = 0;
  let base = 0;
  for (const i of samples) {
    if (st.base[i]) base += st.weight[i];
    else value += st.weight[i];
  }
  return [value, base];
}

/** The frames at `depth` of these samples, heaviest first, expanded while over the cutoff. */
function frames(st: NodeStacks, samples: readonly number[], depth: number, cutoff: number) {
  const groups = new Map<number, number[]>();
  for (const i of samples) {
    if (st.start[i] + depth >= st.start[i + 1]) continue;
    const node = st.nodes[st.start[i] + depth];
    const g = groups.get(node);
    if (g) g.push(i);
    else groups.set(node, [i]);
  }
  const out: FlameFrame[] = [];
  for (const [node, group] of groups) {
    const [value, base] = sums(st, group);
    if (Math.max(value, base) < cutoff) continue;
    const children = frames(st, group, depth + 1, cutoff);
    out.push({ node, name: st.names[node], value, base, children });
  }
  return out.sort((a, b) => b.value - a.value || b.base - a.base || (a.name < b.name ? -1 : 1));
}

/** The new samples' total through frames whose name matches (each sample counted once). */
export function matchedValue(st: NodeStacks, re: RegExp): number {
  const hit = st.names.map((n) => re.test(n));
  let sum = 0;
  for (let i = 0; i < st.weight.length; i++) {
    if (st.base[i]) continue;
    for (let j = st.start[i]; j < st.start[i + 1]; j++) {
      if (!hit[st.nodes[j]]) continue;
      sum += st.weight[i];
      break;
    }
  }
  return sum;
}
