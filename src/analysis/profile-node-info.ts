/**
 * What a graph node is at each of pprof's granularities (internal/driver aggregate and
 * profile.Aggregate, then internal/graph nodeInfo): the NodeInfo fields the granularity keeps
 * of address, function name, file, line and column, plus the binary and the function's start
 * line when the name is empty (so nodes may print alike and still differ, as in pprof's
 * -files). Printed like NodeInfo.PrintableName.
 */
import type { Profile } from '../model/profile.js';
import { basePath, cleanPath, trimSourcePath } from './go-path.js';
import type { NodeNames, NodeOptions } from './profile-nodes.js';

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

interface NodeInfo {
  readonly address: number;
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly obj: string;
  readonly start: number;
}

/** Names the nodes of one profile's lines into a shared NodeNames. */
export class NodeMaker {
  private readonly keep: Keep;
  /**
   * Node per function when the granularity keeps no line, column or address and the
   * function is named (then nothing else of the location matters); -1 until first seen.
   */
  readonly byFunction: Int32Array | undefined;

  constructor(
    private readonly p: Profile,
    private readonly names: NodeNames,
    o: NodeOptions,
  ) {
    this.keep = keepOf(o);
    const perLine = this.keep.line || this.keep.column || this.keep.address;
    this.byFunction = perLine ? undefined : new Int32Array(p.functions.count).fill(-1);
  }

  /** The node of line j of location l (j = -1: a location without lines). */
  node(l: number, j: number): number {
    const { p, keep } = this;
    const loc = p.locations;
    const m = loc.mapping[l];
    const obj = m >= 0 ? p.mappings[m].file : '';
    const address = keep.address ? loc.address[l] : 0;
    if (j < 0) return this.id({ address, name: '', file: '', line: 0, column: 0, obj, start: 0 });
    const f = loc.lineFunction[j];
    const name = keep.fn ? p.strings.get(p.functions.name[f]) : '';
    const file = keep.file ? trimSourcePath(p.strings.get(p.functions.filename[f])) : '';
    const anon = name === '';
    const node = this.id({
      address,
      name,
      file: file === '' ? '' : cleanPath(file),
      line: keep.line ? loc.lineNumber[j] : 0,
      column: keep.column ? loc.lineColumn[j] : 0,
      obj: anon ? obj : '',
      start: anon ? p.functions.startLine[f] : 0,
    });
    if (this.byFunction && !anon) this.byFunction[f] = node;
    return node;
  }

  private id(i: NodeInfo): number {
    const key = `${i.address}\0${i.name}\0${i.file}\0${i.line}\0${i.column}\0${i.obj}\0${i.start}`;
    return this.names.id(key, printableName(i));
  }
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
