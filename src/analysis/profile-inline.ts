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

/** The incoming edges of one candidate node, parents in a small list (usually a handful). */
interface InEdges {
  readonly parents: number[];
  readonly weights: number[];
  readonly inline: boolean[];
  /** Last sample that added to each edge: a pair counts once per sample. */
  readonly lastSample: number[];
}

export function inlineLabels(
  g: NodeGraph,
  kept: readonly number[],
  edgeCutoff: number,
): Map<number, InlineLabel> {
  const keptSet = new Uint8Array(g.names.length);
  for (const n of kept) keptSet[n] = 1;
  const inEdges: (InEdges | undefined)[] = new Array(g.names.length);
  let any = false;
  for (const ln of g.locNodes) {
    for (let j = 0; j < ln.nodes.length; j++) {
      const node = ln.nodes[j];
      if (ln.inlined[j] && keptSet[node] && !inEdges[node]) {
        inEdges[node] = { parents: [], weights: [], inline: [], lastSample: [] };
        any = true;
      }
    }
  }
  const labels = new Map<number, InlineLabel>();
  if (!any) return labels;
  let sampleNo = 0;
  for (let k = 0; k < g.inputs.length; k++)
    sampleNo = collectEdges(g, k, keptSet, inEdges, sampleNo);
  inEdges.forEach((e, child) => {
    if (!e) return;
    let inline = false;
    let direct = false;
    for (let i = 0; i < e.parents.length; i++) {
      if (Math.abs(e.weights[i]) < edgeCutoff) continue;
      if (e.inline[i]) inline = true;
      else direct = true;
    }
    if (inline) labels.set(child, direct ? 'partial-inline' : 'inline');
  });
  return labels;
}

function collectEdges(
  g: NodeGraph,
  k: number,
  keptSet: Uint8Array,
  inEdges: (InEdges | undefined)[],
  sampleNo: number,
): number {
  const input = g.inputs[k];
  const { nodesStart, nodes, inlined } = g.locNodes[k];
  const { stack, stackStart, values, count } = input.profile.samples;
  const width = input.profile.sampleTypes.length;
  const scale = input.scale ?? 1;
  for (let s = 0; s < count; s++) {
    let w = values[s * width + input.sampleIndex];
    if (scale !== 1) w = Math.round(w * scale);
    if (w === 0) continue;
    w *= input.sign;
    sampleNo++;
    let parent = -1;
    for (let i = stackStart[s + 1] - 1; i >= stackStart[s]; i--) {
      const loc = stack[i];
      for (let j = nodesStart[loc + 1] - 1; j >= nodesStart[loc]; j--) {
        const node = nodes[j];
        if (!keptSet[node]) continue;
        const e = inEdges[node];
        if (e !== undefined && parent >= 0 && parent !== node)
          addEdge(e, parent, w, inlined[j] === 1, sampleNo);
        parent = node;
      }
    }
  }
  return sampleNo;
}

function addEdge(e: InEdges, parent: number, w: number, inline: boolean, sampleNo: number): void {
  const i = e.parents.indexOf(parent);
  if (i < 0) {
    e.parents.push(parent);
    e.weights.push(w);
    e.inline.push(inline);
    e.lastSample.push(sampleNo);
    return;
  }
  if (e.lastSample[i] === sampleNo) return;
  e.lastSample[i] = sampleNo;
  e.weights[i] += w;
  if (!inline) e.inline[i] = false;
}
