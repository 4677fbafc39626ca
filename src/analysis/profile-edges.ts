/**
 * Graph edges (caller node -> callee node) as google/pprof internal/graph newGraph adds them:
 * per sample, each kept node's caller is the nearest kept node on the root side; a pair
 * counts once per sample (its first occurrence, root to leaf, decides), a node is never its
 * own caller, and an edge is inline only if every call it counts was inlined (the callee was
 * not the last line of its location). Only edges whose callee or caller is "wanted" are kept:
 * (inline) labels want the callees that are inlined somewhere, peek wants its matches.
 */
import type { NodeGraph } from './profile-graph.js';

/** Slot layout: caller * SPAN + callee, last sample * 2 + direct (1 once a call was not inlined), weight. */
const W = 3;
/** Node ids stay under 2^26, so a (caller, callee) pair is one exact float64 key. */
const SPAN = 2 ** 26;

/**
 * Edges in an open-addressing hash on (caller, callee) whose slots hold the whole edge, so
 * counting a call touches one cache line (measured 2x faster than an index into columns),
 * 24 bytes a slot, at most 70% full.
 */
export class EdgeTable {
  count = 0;
  private slots = new Float64Array(1024 * W).fill(-1);
  /** 32 - log2(slot count): the hash takes the high bits of a multiplicative mix. */
  private shift = 22;

  constructor(nodes: number) {
    if (nodes > SPAN) throw new RangeError(`${nodes} graph nodes: more than the 2^26 supported`);
  }

  /** Adds w to caller -> callee unless this sample already did. */
  add(caller: number, callee: number, w: number, inline: boolean, sample: number): void {
    const slots = this.slots;
    const mask = slots.length / W - 1;
    const key = caller * SPAN + callee;
    let h = hash(caller, callee, this.shift);
    for (;;) {
      const at = h * W;
      const k = slots[at];
      if (k < 0) break;
      if (k === key) {
        const tag = slots[at + 1];
        const direct = tag % 2;
        if (tag - direct === sample * 2) return;
        slots[at + 1] = sample * 2 + (inline ? direct : 1);
        slots[at + 2] += w;
        return;
      }
      h = (h + 1) & mask;
    }
    const at = h * W;
    slots[at] = key;
    slots[at + 1] = sample * 2 + (inline ? 0 : 1);
    slots[at + 2] = w;
    if (++this.count > mask * 0.7) this.rehash();
  }

  private rehash(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2).fill(-1);
    this.shift--;
    const mask = this.slots.length / W - 1;
    const slots = this.slots;
    for (let at = 0; at < old.length; at += W) {
      const key = old[at];
      if (key < 0) continue;
      let h = hash(Math.floor(key / SPAN), key % SPAN, this.shift);
      while (slots[h * W] >= 0) h = (h + 1) & mask;
      slots[h * W] = key;
      slots[h * W + 1] = old[at + 1];
      slots[h * W + 2] = old[at + 2];
    }
  }

  /** Calls fn for every edge. */
  forEach(fn: (caller: number, callee: number, weight: number, inline: boolean) => void): void {
    const s = this.slots;
    for (let at = 0; at < s.length; at += W) {
      const key = s[at];
      if (key >= 0) fn(Math.floor(key / SPAN), key % SPAN, s[at + 2], s[at + 1] % 2 === 0);
    }
  }
}

function hash(caller: number, callee: number, shift: number): number {
  const x = (Math.imul(caller, 0x9e3779b1) + callee) | 0;
  return Math.imul(x ^ (x >>> 15), 0x85ebca6b) >>> shift;
}

/**
 * The edges among the kept nodes (kept[node] = 1) whose callee is in calleeWanted or whose
 * caller is in callerWanted. One pass over the samples of every input of the graph.
 */
export function collectEdges(
  g: NodeGraph,
  kept: Uint8Array,
  calleeWanted: Uint8Array,
  callerWanted: Uint8Array,
): EdgeTable {
  const edges = new EdgeTable(g.names.length);
  let sampleNo = 0;
  for (let k = 0; k < g.inputs.length; k++) {
    const input = g.inputs[k];
    const { nodesStart, nodes, inlined, single } = g.locNodes[k];
    const { stack, stackStart, values, count } = input.profile.samples;
    const width = input.profile.sampleTypes.length;
    const scale = input.scale ?? 1;
    // Hot loop: plain locals, no calls but the hash insert; one-node locations skip the
    // inner loop.
    for (let s = 0; s < count; s++) {
      let w = values[s * width + input.sampleIndex];
      if (scale !== 1) w = Math.round(w * scale);
      if (w === 0) continue;
      w *= input.sign;
      sampleNo++;
      let caller = -1;
      for (let i = stackStart[s + 1] - 1; i >= stackStart[s]; i--) {
        const loc = stack[i];
        const one = single[loc];
        if (one >= 0) {
          if (kept[one] === 0) continue;
          if (caller >= 0 && caller !== one && (calleeWanted[one] | callerWanted[caller]) !== 0)
            edges.add(caller, one, w, false, sampleNo);
          caller = one;
          continue;
        }
        const lo = nodesStart[loc];
        for (let j = nodesStart[loc + 1] - 1; j >= lo; j--) {
          const node = nodes[j];
          if (kept[node] === 0) continue;
          if (caller >= 0 && caller !== node && (calleeWanted[node] | callerWanted[caller]) !== 0)
            edges.add(caller, node, w, inlined[j] === 1, sampleNo);
          caller = node;
        }
      }
    }
  }
  return edges;
}
