/**
 * Graph nodes per location (internal/graph CreateNodes): each Location expands to one node
 * per Line, inlined lines first and the caller last; with noInlines only the caller (the
 * last Line) is kept. What a node is at each granularity: profile-node-info.ts.
 */
import type { Profile } from '../model/profile.js';
import { NodeMaker } from './profile-node-info.js';

export type Granularity = 'functions' | 'filefunctions' | 'files' | 'lines' | 'addresses';

export const GRANULARITIES: readonly Granularity[] = [
  'functions',
  'filefunctions',
  'files',
  'lines',
  'addresses',
];

/** Node names shared by every profile that feeds one graph (a diff has two). */
export class NodeNames {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();

  id(key: string, printable: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(key, id);
      this.names.push(printable);
    }
    return id;
  }
}

/** Per location of one profile: its nodes, innermost first (nodesStart[i] .. nodesStart[i+1]-1). */
export interface LocationNodes {
  readonly nodesStart: Uint32Array;
  readonly nodes: Int32Array;
  /** 1 when the node at this position is an inlined line (not the location's last line). */
  readonly inlined: Uint8Array;
  /** The node of a location that has exactly one, else -1: the hot loops' fast path. */
  readonly single: Int32Array;
}

export interface NodeOptions {
  readonly granularity?: Granularity;
  readonly noInlines?: boolean;
}

export function locationNodes(p: Profile, names: NodeNames, o: NodeOptions = {}): LocationNodes {
  const loc = p.locations;
  const nodesStart = new Uint32Array(loc.count + 1);
  const single = new Int32Array(loc.count);
  const total = loc.lineStart[loc.count] + loc.count; // at most one node per line, or one
  const nodes = new Int32Array(total);
  const inlined = new Uint8Array(total);
  const maker = new NodeMaker(p, names, o);
  const byFunction = maker.byFunction;
  let n = 0;
  // A plain loop over typed arrays: most lines hit the per-function cache.
  for (let l = 0; l < loc.count; l++) {
    nodesStart[l] = n;
    const end = loc.lineStart[l + 1];
    const first = o.noInlines ? Math.max(loc.lineStart[l], end - 1) : loc.lineStart[l];
    if (first === end) nodes[n++] = maker.node(l, -1);
    for (let j = first; j < end; j++) {
      const cached = byFunction === undefined ? -1 : byFunction[loc.lineFunction[j]];
      nodes[n] = cached >= 0 ? cached : maker.node(l, j);
      inlined[n++] = j < end - 1 ? 1 : 0;
    }
    single[l] = n - nodesStart[l] === 1 ? nodes[n - 1] : -1;
  }
  nodesStart[loc.count] = n;
  return { nodesStart, nodes: nodes.subarray(0, n), inlined: inlined.subarray(0, n), single };
}
