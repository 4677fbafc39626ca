/**
 * `go tool pprof -top` as a library: rows of flat and cum per function, trimmed and sorted as
 * google/pprof internal/report newTrimmedGraph does it:
 *  - nodes with cum == 0 and flat == 0 are left out;
 *  - node fraction (0.005): nodes with |cum| < |trunc(sum of flat * 0.005)| are dropped
 *    ("Dropped N nodes (cum <= X)", X from the report total);
 *  - sort by |flat| desc, name, |cum| desc (or with cum: |cum| desc, name, |flat| desc);
 *  - nodeCount N > 0 keeps the first N ("Showing top N nodes out of M").
 * Dropping a node does not change the flat or cum of the nodes kept (each is summed on its
 * own), so the graph is built once.
 */
import { InputError } from '../model/errors.js';
import type { Profile, ValueType } from '../model/profile.js';
import { sampleIndexOf } from '../model/profile.js';
import { buildNodeGraph, type GraphInput, type NodeGraph } from './profile-graph.js';
import { inlineLabels, type InlineLabel } from './profile-inline.js';

export interface TopOptions {
  /** Sample type name or index (go tool pprof -sample_index); default as pprof picks it. */
  readonly sampleIndex?: string;
  readonly cum?: boolean;
  /** Show only the first N rows (0 = all, like `go tool pprof -top`). */
  readonly nodeCount?: number;
  readonly noInlines?: boolean;
  /** Default 0.005, like pprof -nodefraction. */
  readonly nodeFraction?: number;
  /** Default 0.001, like pprof -edgefraction (only affects the (inline) labels). */
  readonly edgeFraction?: number;
}

export interface TopRow {
  readonly name: string;
  readonly flat: number;
  readonly cum: number;
  readonly inline: InlineLabel;
}

export interface TopReport {
  readonly sampleType: ValueType;
  readonly sampleIndex: number;
  /** pprof's report total: sum of |value| (of the base samples in a diff). */
  readonly total: number;
  /** Sum of flat over the rows shown. */
  readonly shown: number;
  readonly droppedNodes: number;
  /** |trunc(total * nodeFraction)|: the "(cum <= X)" of the Dropped line. */
  readonly dropCutoff: number;
  /** Nodes left after the node-fraction trim (the M of "top N nodes out of M"). */
  readonly nodesAfterTrim: number;
  readonly rows: readonly TopRow[];
}

/** Thrown for a sample index the profile does not have: bad input (or a bad flag), exit 2. */
export class SampleIndexError extends InputError {
  override readonly name = 'SampleIndexError';
}

export function resolveSampleIndex(p: Profile, wanted: string | undefined): number {
  const i = sampleIndexOf(p, wanted);
  if (typeof i === 'string') throw new SampleIndexError(i);
  if (i < 0) throw new SampleIndexError('the profile has no sample types');
  return i;
}

export function profileTop(p: Profile, opts: TopOptions = {}): TopReport {
  const sampleIndex = resolveSampleIndex(p, opts.sampleIndex);
  return topOfInputs([{ profile: p, sampleIndex, sign: 1 }], opts);
}

/** top over one or more weighted inputs (a diff passes the base with sign -1). */
export function topOfInputs(inputs: readonly GraphInput[], opts: TopOptions): TopReport {
  const g = buildNodeGraph(inputs, opts.noInlines ?? false);
  const nodeFraction = opts.nodeFraction ?? 0.005;
  const present: number[] = [];
  let flatSum = 0;
  for (let n = 0; n < g.names.length; n++) {
    if (g.cum[n] === 0 && g.flat[n] === 0) continue;
    present.push(n);
    flatSum += g.flat[n];
  }
  const cutoff = Math.abs(Math.trunc(flatSum * nodeFraction));
  const kept = cutoff > 0 ? present.filter((n) => Math.abs(g.cum[n]) >= cutoff) : present;
  sortNodes(kept, g, opts.cum ?? false);
  const shownNodes = opts.nodeCount && opts.nodeCount > 0 ? kept.slice(0, opts.nodeCount) : kept;
  const edgeCutoff = Math.abs(Math.trunc(flatSum * (opts.edgeFraction ?? 0.001)));
  const labels = inlineLabels(g, shownNodes, edgeCutoff);
  const rows = shownNodes.map((n) => ({
    name: g.names[n],
    flat: g.flat[n],
    cum: g.cum[n],
    inline: labels.get(n) ?? '',
  }));
  const first = inputs[0];
  return {
    sampleType: first.profile.sampleTypes[first.sampleIndex],
    sampleIndex: first.sampleIndex,
    total: g.total,
    shown: rows.reduce((s, r) => s + r.flat, 0),
    droppedNodes: present.length - kept.length,
    dropCutoff: Math.abs(Math.trunc(g.total * nodeFraction)),
    nodesAfterTrim: kept.length,
    rows,
  };
}

function sortNodes(nodes: number[], g: NodeGraph, byCum: boolean): void {
  const [a, b] = byCum ? [g.cum, g.flat] : [g.flat, g.cum];
  nodes.sort((l, r) => {
    const d = Math.abs(a[r]) - Math.abs(a[l]);
    if (d !== 0) return d;
    const nl = g.names[l];
    const nr = g.names[r];
    if (nl !== nr) return nl < nr ? -1 : 1;
    return Math.abs(b[r]) - Math.abs(b[l]);
  });
}
