/**
 * Graph nodes at pprof's default "functions" granularity (internal/driver aggregate +
 * internal/graph nodeInfo): a node is a function name; file, line and address are dropped.
 * Each Location expands to one node per Line, inlined lines first, the caller last; with
 * noInlines only the caller (the last Line) is kept. A Line without a function name is
 * named after its binary ("[app]") or "<unknown>".
 */
import type { Profile } from '../model/profile.js';

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
}

function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i >= 0 ? path.slice(i + 1) : path;
}

export function locationNodes(p: Profile, names: NodeNames, noInlines: boolean): LocationNodes {
  const { locations: loc, functions: fn, strings } = p;
  const fnNode = new Int32Array(fn.count).fill(-1);
  const nodesStart = new Uint32Array(loc.count + 1);
  const nodes: number[] = [];
  const inlined: number[] = [];
  const anonymous = (l: number, startLine: number) => {
    const m = loc.mapping[l];
    const obj = m >= 0 ? p.mappings[m].file : '';
    return names.id(`\0${obj}\0${startLine}`, obj ? `[${baseName(obj)}]` : '<unknown>');
  };
  for (let l = 0; l < loc.count; l++) {
    nodesStart[l] = nodes.length;
    const end = loc.lineStart[l + 1];
    const first = noInlines ? Math.max(loc.lineStart[l], end - 1) : loc.lineStart[l];
    if (first === end) {
      nodes.push(anonymous(l, 0));
      inlined.push(0);
      continue;
    }
    for (let j = first; j < end; j++) {
      const f = loc.lineFunction[j];
      let node = fnNode[f];
      if (node < 0) {
        const name = strings.get(fn.name[f]);
        if (name === '') node = anonymous(l, fn.startLine[f]);
        else node = fnNode[f] = names.id(name, name);
      }
      nodes.push(node);
      inlined.push(j < end - 1 ? 1 : 0);
    }
  }
  nodesStart[loc.count] = nodes.length;
  return { nodesStart, nodes: Int32Array.from(nodes), inlined: Uint8Array.from(inlined) };
}
