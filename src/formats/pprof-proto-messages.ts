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
    lineColumn: Float64Array;
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

/**
 * Enters the length-delimited message at r.pos: returns the end of the enclosing one, to
 * give back to leave(). Plain loops over the fields, no closures: these run tens of thousands
 * of times in a fresh process, mostly before the JIT has compiled them.
 */
function enter(r: WireReader): number {
  const end = r.lengthEnd();
  const outer = r.end;
  r.end = end;
  return outer;
}

function leave(r: WireReader, outer: number): void {
  r.end = outer;
}

export function readLocation(r: WireReader, t: OtherTables): void {
  const loc = t.loc;
  const i = loc.n++;
  loc.lineStart[i] = loc.lines;
  const outer = enter(r);
  if (readGoLocation(r.buf, r.pos, r.end, loc, i)) {
    r.pos = r.end;
    leave(r, outer);
    loc.lineStart[i + 1] = loc.lines;
    return;
  }
  while (r.pos < r.end) {
    const k = r.key();
    if (k === key(4, B)) readLine(r, t);
    else if (k === key(1, V)) loc.id[i] = r.varint();
    else if (k === key(2, V)) loc.mapping[i] = r.varint();
    else if (k === key(3, V)) loc.address[i] = r.varint();
    else if (k === key(5, V))
      r.varint(); // is_folded
    else skipOrMismatch(r, k, 5);
  }
  leave(r, outer);
  loc.lineStart[i + 1] = loc.lines;
}

/**
 * readLocation's fast path, for a Location as Go writes it (one-byte keys 1, 2, 3, 5 and
 * Lines of keys 1-3, varints under 2^49): plain loops over the bytes, since this runs once
 * per location, tens of thousands of times, mostly before the JIT has compiled it. Returns
 * false, with nothing kept, for anything else; readLocation then reads it field by field.
 */
function readGoLocation(
  buf: Uint8Array,
  p: number,
  end: number,
  loc: OtherTables['loc'],
  i: number,
): boolean {
  let id = 0;
  let mapping = 0;
  let address = 0;
  let line = loc.lines;
  while (p < end) {
    const k = buf[p++];
    if (k === 0x22) {
      const lineEnd = p + 1 + buf[p];
      if (buf[p++] >= 0x80 || lineEnd > end || line >= loc.lineFn.length) return false;
      let fn = 0;
      let no = 0;
      let column = 0;
      while (p < lineEnd) {
        const lk = buf[p];
        const v = varint7(buf, p + 1, lineEnd);
        if (v < 0) return false;
        p = varintEnd;
        if (lk === 0x08) fn = v;
        else if (lk === 0x10) no = v;
        else if (lk === 0x18) column = v;
        else return false;
      }
      loc.lineFn[line] = fn;
      loc.lineNo[line] = no;
      loc.lineColumn[line++] = column;
      continue;
    }
    const v = varint7(buf, p, end);
    if (v < 0) return false;
    p = varintEnd;
    if (k === 0x08) id = v;
    else if (k === 0x10) mapping = v;
    else if (k === 0x18) address = v;
    else if (k !== 0x28) return false;
  }
  loc.id[i] = id;
  loc.mapping[i] = mapping;
  loc.address[i] = address;
  loc.lines = line;
  return true;
}

/** Where the varint read last by varint7 ended (a module variable: no object per call). */
let varintEnd = 0;

/** A varint of at most 7 bytes (< 2^49, exact in a double) at p before end, or -1. */
function varint7(buf: Uint8Array, p: number, end: number): number {
  let v = 0;
  let scale = 1;
  for (let n = 0; n < 7 && p < end; n++, scale *= 128) {
    const b = buf[p++];
    v += (b & 0x7f) * scale;
    if (b < 0x80) {
      varintEnd = p;
      return v;
    }
  }
  return -1;
}

function readLine(r: WireReader, t: OtherTables): void {
  const j = t.loc.lines++;
  const outer = enter(r);
  while (r.pos < r.end) {
    const k = r.key();
    if (k === key(1, V)) t.loc.lineFn[j] = r.varint();
    else if (k === key(2, V)) t.loc.lineNo[j] = r.varint();
    else if (k === key(3, V)) t.loc.lineColumn[j] = r.varint();
    else skipOrMismatch(r, k, 3);
  }
  leave(r, outer);
}

export function readFunction(r: WireReader, t: OtherTables): void {
  const f = t.fn;
  const i = f.n++;
  const outer = enter(r);
  while (r.pos < r.end) {
    const k = r.key();
    if (k === key(1, V)) f.id[i] = r.varint();
    else if (k === key(2, V)) f.name[i] = r.varint();
    else if (k === key(3, V)) f.systemName[i] = r.varint();
    else if (k === key(4, V)) f.filename[i] = r.varint();
    else if (k === key(5, V)) f.startLine[i] = r.varint();
    else skipOrMismatch(r, k, 5);
  }
  leave(r, outer);
}

export function readValueType(r: WireReader): [number, number] {
  const out: [number, number] = [0, 0];
  const outer = enter(r);
  while (r.pos < r.end) {
    const k = r.key();
    if (k === key(1, V)) out[0] = r.varint();
    else if (k === key(2, V)) out[1] = r.varint();
    else skipOrMismatch(r, k, 2);
  }
  leave(r, outer);
  return out;
}

export function readMapping(r: WireReader): RawMapping {
  const v = new Array<number>(11).fill(0);
  const outer = enter(r);
  while (r.pos < r.end) {
    const k = r.key();
    const field = k >>> 3;
    if ((k & 7) === V && field >= 1 && field <= 10) v[field] = r.varint();
    else skipOrMismatch(r, k, 10);
  }
  leave(r, outer);
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
