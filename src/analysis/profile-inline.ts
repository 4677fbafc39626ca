/**
 * The "(inline)" / "(partial-inline)" marks of pprof's text report (internal/report
 * TextItems): a node is inline when every incoming edge that survives the edge-fraction trim
 * is an inlined call, partial when some are and some are not. Edges are rebuilt over the kept
 * nodes as pprof rebuilds its graph (profile-edges.ts). Only nodes that are inlined somewhere
 * can get a mark, so only edges into them are collected.
 */
import { collectEdges } from './profile-edges.js';
import type { NodeGraph } from './profile-graph.js';

export type InlineLabel = '' | 'inline' | 'partial-inline';

export function inlineLabels(
  g: NodeGraph,
  kept: readonly number[],
  edgeCutoff: number,
): Map<number, InlineLabel> {
  const n = g.names.length;
  const keptSet = new Uint8Array(n);
  for (const node of kept) keptSet[node] = 1;
  const candidate = new Uint8Array(n);
  let any = false;
  for (const ln of g.locNodes) {
    for (let j = 0; j < ln.nodes.length; j++) {
      if (!ln.inlined[j] || !keptSet[ln.nodes[j]]) continue;
      candidate[ln.nodes[j]] = 1;
      any = true;
    }
  }
  const labels = new Map<number, InlineLabel>();
  if (!any) return labels;
  const edges = collectEdges(g, keptSet, candidate, new Uint8Array(n));
  const inline = new Uint8Array(n);
  const direct = new Uint8Array(n);
  edges.forEach((_caller, callee, weight, isInline) => {
    if (Math.abs(weight) < edgeCutoff) return;
    if (isInline) inline[callee] = 1;
    else direct[callee] = 1;
  });
  for (let node = 0; node < n; node++)
    if (inline[node]) labels.set(node, direct[node] ? 'partial-inline' : 'inline');
  return labels;
}
