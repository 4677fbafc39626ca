/**
 * The small messages of profile.proto: Location (with its Lines), Function, Mapping and
 * ValueType, decoded into preallocated columns (sizes from the scan). IDs and string indexes
 * stay raw here; pprof-link.ts resolves and checks them.
 */
import { ParseError } from '../model/errors.js';
import type { Mapping } from '../model/profile.js';
import { WIRE_BYTES as B, WIRE_VARINT as V, type WireReader } from './protobuf-wire.js';

const key = (field: number, wire: number) => (field << 3) | wire;

export interface OtherTables {
  loc: {
    n: number;
    id: Float64Array;
    mapping: Float64Array;
    address: Float64Array;
    lineStart: Uint32Array;
    lines: number;
    lineFn: Float64Array;
    lineNo: Float64Array;
  };
  fn: {
    n: number;
    id: Float64Array;
    name: Float64Array;
    systemName: Float64Array;
    filename: Float64Array;
    startLine: Float64Array;
  };
  strOffset: Uint32Array;
  strLength: Uint32Array;
  strings: number;
  mappings: RawMapping[];
}

/** Mapping fields with string indexes left unresolved (file, buildId are indexes here). */
export type RawMapping = Omit<Mapping, 'file' | 'buildId'> & { file: number; buildId: number };

/** Throws for a known field with the wrong wire type; skips unknown fields. */
function skipOrMismatch(r: WireReader, k: number, knownFields: number): void {
  const field = Math.floor(k / 8);
  if (field >= 1 && field <= knownFields)
    throw new ParseError(`type mismatch: wire type ${k & 7} for field ${field}`, { offset: r.pos });
  if (field === 0) throw new ParseError('field number 0', { offset: r.pos });
  r.skip(k & 7);
}

/** Runs body over the fields of the length-delimited message at r.pos. */
function message(r: WireReader, body: (k: number) => void): void {
  const end = r.lengthEnd();
  const outer = r.end;
  r.end = end;
  while (r.pos < end) body(r.key());
  r.end = outer;
}

export function readLocation(r: WireReader, t: OtherTables): void {
  const loc = t.loc;
  const i = loc.n++;
  loc.lineStart[i] = loc.lines;
  message(r, (k) => {
    if (k === key(4, B)) readLine(r, t);
    else if (k === key(1, V)) loc.id[i] = r.varint();
    else if (k === key(2, V)) loc.mapping[i] = r.varint();
    else if (k === key(3, V)) loc.address[i] = r.varint();
    else if (k === key(5, V))
      r.varint(); // is_folded
    else skipOrMismatch(r, k, 5);
  });
  loc.lineStart[i + 1] = loc.lines;
}

function readLine(r: WireReader, t: OtherTables): void {
  const j = t.loc.lines++;
  message(r, (k) => {
    if (k === key(1, V)) t.loc.lineFn[j] = r.varint();
    else if (k === key(2, V)) t.loc.lineNo[j] = r.varint();
    else if (k === key(3, V))
      r.varint(); // column
    else skipOrMismatch(r, k, 3);
  });
}

export function readFunction(r: WireReader, t: OtherTables): void {
  const f = t.fn;
  const i = f.n++;
  const columns = [undefined, f.id, f.name, f.systemName, f.filename, f.startLine];
  message(r, (k) => {
    const field = k >>> 3;
    if ((k & 7) === V && field >= 1 && field <= 5) columns[field]![i] = r.varint();
    else skipOrMismatch(r, k, 5);
  });
}

export function readValueType(r: WireReader): [number, number] {
  const out: [number, number] = [0, 0];
  message(r, (k) => {
    if (k === key(1, V)) out[0] = r.varint();
    else if (k === key(2, V)) out[1] = r.varint();
    else skipOrMismatch(r, k, 2);
  });
  return out;
}

export function readMapping(r: WireReader): RawMapping {
  const v = new Array<number>(11).fill(0);
  message(r, (k) => {
    const field = k >>> 3;
    if ((k & 7) === V && field >= 1 && field <= 10) v[field] = r.varint();
    else skipOrMismatch(r, k, 10);
  });
  return {
    id: v[1],
    start: v[2],
    limit: v[3],
    offset: v[4],
    file: v[5],
    buildId: v[6],
    hasFunctions: v[7] !== 0,
  };
}
