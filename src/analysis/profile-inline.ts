/**
 * The "(inline)" / "(partial-inline)" marks of pprof's text report (internal/report
 * TextItems): a node is inline when every incoming edge that survives the edge-fraction trim
 * is an inlined call, partial when some are and some are not. Edges are rebuilt as pprof
 * builds them over the kept nodes (internal/graph newGraph): per sample, each kept node's
 * parent is the nearest kept node on the root side; a pair counts once per sample; an edge
 * is inline only if every one of its calls was. Only nodes that are inlined somewhere can get
 * a mark, so only edges into them are tracked.
 */
import type { NodeGraph } from './profile-graph.js';

export type InlineLabel = '' | 'inline' | 'partial-inline';

interface Edge {
  weight: number;
  inline: boolean;
}

export function inlineLabels(g: NodeGraph, kept: readonly number[], edgeCutoff: number): Map<number, InlineLabel> {
  const keptSet = new Uint8Array(g.names.length);
  for (const n of kept) keptSet[n] = 1;
  const candidate = new Uint8Array(g.names.length);
  let any = false;
  for (const ln of g.locNodes) {
    for (let j = 0; j < ln.nodes.length; j++) {
      if (ln.inlined[j] && keptSet[ln.nodes[j]]) candidate[ln.nodes[j]] = 1, (any = true);
    }
  }
  const labels = new Map<number, InlineLabel>();
  if (!any) return labels;
  const edges = collectEdges(g, keptSet, candidate);
  const seen = new Map<number, { inline: boolean; direct: boolean }>();
  for (const [pair, e] of edges) {
    if (Math.abs(e.weight) < edgeCutoff) continue;
    const child = pair % g.names.length;
    const s = seen.get(child) ?? { inline: false, direct: false };
    if (e.inline) s.inline = true;
    else s.direct = true;
    seen.set(child, s);
  }
  for (const [child, s] of seen) if (s.inline) labels.set(child, s.direct ? 'partial-inline' : 'inline');
  return labels;
}

function collectEdges(g: NodeGraph, keptSet: Uint8Array, candidate: Uint8Array): Map<number, Edge> {
  const n = g.names.length;
  const edges = new Map<number, Edge>();
  const pairsThisSample: number[] = [];
  g.inputs.forEach((input, k) => {
    const { nodesStart, nodes, inlined } = g.locNodes[k];
    const { stack, stackStart, values, count } = input.profile.samples;
    const width = input.profile.sampleTypes.length;
    const scale = input.scale ?? 1;
    for (let s = 0; s < count; s++) {
      let w = values[s * width + input.sampleIndex];
      if (scale !== 1) w = Math.round(w * scale);
      if (w === 0) continue;
      w *= input.sign;
      pairsThisSample.length = 0;
      let parent = -1;
      for (let i = stackStart[s + 1] - 1; i >= stackStart[s]; i--) {
        const loc = stack[i];
        for (let j = nodesStart[loc + 1] - 1; j >= nodesStart[loc]; j--) {
          const node = nodes[j];
          if (!keptSet[node]) continue;
          if (candidate[node] && parent >= 0 && parent !== node) {
            const pair = parent * n + node;
            if (!pairsThisSample.includes(pair)) {
              pairsThisSample.push(pair);
              addEdge(edges, pair, w, inlined[j] === 1);
            }
          }
          parent = node;
        }
      }
    }
  });
  return edges;
}

function addEdge(edges: Map<number, Edge>, pair: number, w: number, inline: boolean): void {
  const e = edges.get(pair);
  if (e) {
    e.weight += w;
    if (!inline) e.inline = false;
  } else edges.set(pair, { weight: w, inline });
}
