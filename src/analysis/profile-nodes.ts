/**
 * Graph nodes at pprof's granularities (internal/driver aggregate + profile.Aggregate, then
 * internal/graph nodeInfo and NodeInfo.NameComponents). Each Location expands to one node per
 * Line, inlined lines first and the caller last; with noInlines only the caller (the last
 * Line) is kept. A node is its NodeInfo: what the granularity keeps of address, function
 * name, file, line and column, plus the binary and start line when the name is empty (so
 * nodes may print alike and still differ, as in pprof's -files).
 */
import type { Profile } from '../model/profile.js';
import { basePath, cleanPath, trimSourcePath } from './go-path.js';

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

/** What profile.Aggregate keeps at a granularity (driver.aggregate). */
interface Keep {
  readonly fn: boolean;
  readonly file: boolean;
  readonly line: boolean;
  readonly column: boolean;
  readonly address: boolean;
}

function keepOf(o: NodeOptions): Keep {
  const g = o.granularity ?? 'functions';
  const f = false;
  if (g === 'addresses')
    // Without -noinlines pprof does not aggregate at all: even columns stay.
    return { fn: true, file: true, line: true, column: !o.noInlines, address: true };
  if (g === 'lines') return { fn: true, file: true, line: true, column: f, address: f };
  if (g === 'files') return { fn: f, file: true, line: f, column: f, address: f };
  if (g === 'filefunctions') return { fn: true, file: true, line: f, column: f, address: f };
  return { fn: true, file: f, line: f, column: f, address: f };
}

export function locationNodes(p: Profile, names: NodeNames, o: NodeOptions = {}): LocationNodes {
  const keep = keepOf(o);
  const loc = p.locations;
  const nodesStart = new Uint32Array(loc.count + 1);
  const single = new Int32Array(loc.count);
  const nodes: number[] = [];
  const inlined: number[] = [];
  const fnInfo = functionInfo(p, keep);
  for (let l = 0; l < loc.count; l++) {
    nodesStart[l] = nodes.length;
    const m = loc.mapping[l];
    const obj = m >= 0 ? p.mappings[m].file : '';
    const address = keep.address ? loc.address[l] : 0;
    const end = loc.lineStart[l + 1];
    const first = o.noInlines ? Math.max(loc.lineStart[l], end - 1) : loc.lineStart[l];
    if (first === end) {
      nodes.push(nodeOf(names, { address, name: '', file: '', line: 0, column: 0, obj, start: 0 }));
      inlined.push(0);
    }
    for (let j = first; j < end; j++) {
      const f = fnInfo[loc.lineFunction[j]];
      const line = keep.line ? loc.lineNumber[j] : 0;
      const column = keep.column ? loc.lineColumn[j] : 0;
      const anon = f.name === '';
      const info = { address, ...f, line, column, obj: anon ? obj : '', start: anon ? f.start : 0 };
      nodes.push(nodeOf(names, info));
      inlined.push(j < end - 1 ? 1 : 0);
    }
    single[l] = nodes.length - nodesStart[l] === 1 ? nodes[nodes.length - 1] : -1;
  }
  nodesStart[loc.count] = nodes.length;
  return {
    nodesStart,
    nodes: Int32Array.from(nodes),
    inlined: Uint8Array.from(inlined),
    single,
  };
}

interface FunctionInfo {
  readonly name: string;
  readonly file: string;
  readonly start: number;
}

/** Name and (trimmed, cleaned) file of each function, as kept at the granularity. */
function functionInfo(p: Profile, keep: Keep): FunctionInfo[] {
  const fn = p.functions;
  const out: FunctionInfo[] = new Array(fn.count);
  for (let f = 0; f < fn.count; f++) {
    const file = keep.file ? trimSourcePath(p.strings.get(fn.filename[f])) : '';
    out[f] = {
      name: keep.fn ? p.strings.get(fn.name[f]) : '',
      file: file === '' ? '' : cleanPath(file),
      start: fn.startLine[f],
    };
  }
  return out;
}

interface NodeInfo extends FunctionInfo {
  readonly address: number;
  readonly line: number;
  readonly column: number;
  readonly obj: string;
}

function nodeOf(names: NodeNames, i: NodeInfo): number {
  const key = `${i.address}\0${i.name}\0${i.file}\0${i.line}\0${i.column}\0${i.obj}\0${i.start}`;
  return names.id(key, printableName(i));
}

/** NodeInfo.PrintableName (internal/graph): address, name, then file:line or the binary. */
function printableName(i: NodeInfo): string {
  const parts: string[] = [];
  if (i.address !== 0) parts.push(i.address.toString(16).padStart(16, '0'));
  if (i.name !== '') parts.push(i.name);
  if (i.line !== 0) parts.push(`${i.file}:${i.line}${i.column !== 0 ? `:${i.column}` : ''}`);
  else if (i.file !== '') parts.push(i.file);
  else if (i.name !== '') {
    // the name says it all
  } else if (i.obj !== '') parts.push(`[${basePath(i.obj)}]`);
  else parts.push('<unknown>');
  return parts.join(' ');
}
