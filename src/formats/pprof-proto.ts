/**
 * Decodes profile.proto (uncompressed) into the columnar Profile model. Field numbers follow
 * google/pprof proto/profile.proto; IDs are resolved to table indexes and checked the way
 * pprof's CheckValid checks them (see pprof-link.ts).
 */
import type { Mapping, Profile } from '../model/profile.js';
import { ProfileError } from './pprof-error.js';
import { linkProfile, type RawTables } from './pprof-link.js';
import { GrowableArray, WIRE_BYTES as B, WIRE_VARINT as V, WireError, WireReader } from './protobuf-wire.js';

const key = (field: number, wire: number) => (field << 3) | wire;

/** Decodes an uncompressed profile.proto message; throws ProfileError on broken input. */
export function decodeProfileProto(buf: Uint8Array): Profile {
  try {
    return linkProfile(buf, readTables(buf));
  } catch (err) {
    if (err instanceof WireError) throw new ProfileError(`parsing profile: ${err.message}`);
    throw err;
  }
}

function newTables(size: number): RawTables {
  const est = Math.max(64, size >>> 6);
  return {
    sampleTypes: [],
    stackStart: new GrowableArray(est, 'u32'),
    stack: new GrowableArray(size >>> 2, 'u32'),
    values: new GrowableArray(est * 4, 'f64'),
    valuesPerSample: -1,
    labelStart: new GrowableArray(est, 'u32'),
    labelKey: new GrowableArray(est, 'f64'),
    labelStr: new GrowableArray(est, 'f64'),
    labelNum: new GrowableArray(est, 'f64'),
    mappings: [],
    loc: { id: g(), mapping: g(), address: g(), lineStart: new GrowableArray(64, 'u32'), lineFn: g(), lineNo: g() },
    fn: { id: g(), name: g(), systemName: g(), filename: g(), startLine: g() },
    strOffset: new GrowableArray(64, 'u32'),
    strLength: new GrowableArray(64, 'u32'),
    scalars: { dropFrames: 0, keepFrames: 0, timeNanos: 0, durationNanos: 0, period: 0, defaultSampleType: 0, docUrl: 0 },
    periodType: undefined,
    comments: [],
  };
}

function g(): GrowableArray {
  return new GrowableArray(64, 'f64');
}

function readTables(buf: Uint8Array): RawTables {
  const t = newTables(buf.length);
  const r = new WireReader(buf, 0, buf.length);
  let sawTime = false;
  while (r.pos < r.end) {
    const k = r.key();
    switch (k) {
      case key(2, B):
        readSample(r, t);
        break;
      case key(4, B):
        readLocation(r, t);
        break;
      case key(5, B):
        readFunction(r, t);
        break;
      case key(6, B): {
        const end = r.lengthEnd();
        t.strOffset.push(r.pos);
        t.strLength.push(end - r.pos);
        r.pos = end;
        break;
      }
      case key(1, B):
        t.sampleTypes.push(readValueType(r));
        break;
      case key(3, B):
        t.mappings.push(readMapping(r));
        break;
      case key(9, V):
        if (sawTime) throw new ProfileError('parsing profile: concatenated profiles detected');
        sawTime = true;
        t.scalars.timeNanos = r.varint();
        break;
      case key(11, B):
        t.periodType = readValueType(r);
        break;
      case key(13, V):
      case key(13, B): {
        const out = new GrowableArray(4, 'f64');
        r.repeatedVarint(k & 7, out);
        t.comments.push(...out.view());
        break;
      }
      default:
        readScalarOrSkip(r, k, t);
    }
  }
  return t;
}

const SCALARS: Record<number, keyof RawTables['scalars']> = {
  7: 'dropFrames',
  8: 'keepFrames',
  10: 'durationNanos',
  12: 'period',
  14: 'defaultSampleType',
  15: 'docUrl',
};

function readScalarOrSkip(r: WireReader, k: number, t: RawTables): void {
  const field = Math.floor(k / 8);
  const wire = k & 7;
  const name = SCALARS[field];
  if (name) {
    t.scalars[name] = r.scalar(wire);
    return;
  }
  if (field >= 1 && field <= 15) throw new WireError(`type mismatch: wire type ${wire} for field ${field}`, r.pos);
  if (field === 0) throw new WireError('field number 0', r.pos);
  r.skip(wire);
}

function readSample(r: WireReader, t: RawTables): void {
  const end = r.lengthEnd();
  const outer = r.end;
  r.end = end;
  t.stackStart.push(t.stack.length);
  t.labelStart.push(t.labelKey.length);
  const valuesBefore = t.values.length;
  while (r.pos < end) {
    const k = r.key();
    const field = k >>> 3;
    if (field === 1) r.repeatedVarint(k & 7, t.stack);
    else if (field === 2) r.repeatedVarint(k & 7, t.values);
    else if (k === key(3, B)) readLabel(r, t);
    else skipOrMismatch(r, k, 3);
  }
  r.end = outer;
  const n = t.values.length - valuesBefore;
  if (t.valuesPerSample === -1) t.valuesPerSample = n;
  else if (n !== t.valuesPerSample) {
    throw new ProfileError(`malformed profile: mismatch: sample has ${n} values vs. ${t.valuesPerSample} in an earlier sample`);
  }
}

function skipOrMismatch(r: WireReader, k: number, knownFields: number): void {
  const field = Math.floor(k / 8);
  if (field >= 1 && field <= knownFields) throw new WireError(`type mismatch: wire type ${k & 7} for field ${field}`, r.pos);
  if (field === 0) throw new WireError('field number 0', r.pos);
  r.skip(k & 7);
}

function readLabel(r: WireReader, t: RawTables): void {
  const end = r.lengthEnd();
  const outer = r.end;
  r.end = end;
  let keyIdx = 0;
  let str = 0;
  let num = 0;
  while (r.pos < end) {
    const k = r.key();
    if (k === key(1, V)) keyIdx = r.varint();
    else if (k === key(2, V)) str = r.varint();
    else if (k === key(3, V)) num = r.varint();
    else if (k === key(4, V)) r.varint(); // num_unit: not used by top/diff
    else skipOrMismatch(r, k, 4);
  }
  r.end = outer;
  t.labelKey.push(keyIdx);
  t.labelStr.push(str);
  t.labelNum.push(num);
}

function readLocation(r: WireReader, t: RawTables): void {
  const end = r.lengthEnd();
  const outer = r.end;
  r.end = end;
  const loc = t.loc;
  let id = 0;
  let mapping = 0;
  let address = 0;
  loc.lineStart.push(loc.lineFn.length);
  while (r.pos < end) {
    const k = r.key();
    if (k === key(4, B)) readLine(r, t);
    else if (k === key(1, V)) id = r.varint();
    else if (k === key(2, V)) mapping = r.varint();
    else if (k === key(3, V)) address = r.varint();
    else if (k === key(5, V)) r.varint();
    else skipOrMismatch(r, k, 5);
  }
  r.end = outer;
  loc.id.push(id);
  loc.mapping.push(mapping);
  loc.address.push(address);
}

function readLine(r: WireReader, t: RawTables): void {
  const end = r.lengthEnd();
  const outer = r.end;
  r.end = end;
  let fn = 0;
  let line = 0;
  while (r.pos < end) {
    const k = r.key();
    if (k === key(1, V)) fn = r.varint();
    else if (k === key(2, V)) line = r.varint();
    else if (k === key(3, V)) r.varint();
    else skipOrMismatch(r, k, 3);
  }
  r.end = outer;
  t.loc.lineFn.push(fn);
  t.loc.lineNo.push(line);
}

function readFunction(r: WireReader, t: RawTables): void {
  const end = r.lengthEnd();
  const outer = r.end;
  r.end = end;
  const v = [0, 0, 0, 0, 0, 0];
  while (r.pos < end) {
    const k = r.key();
    const field = k >>> 3;
    if ((k & 7) === V && field >= 1 && field <= 5) v[field] = r.varint();
    else skipOrMismatch(r, k, 5);
  }
  r.end = outer;
  t.fn.id.push(v[1]);
  t.fn.name.push(v[2]);
  t.fn.systemName.push(v[3]);
  t.fn.filename.push(v[4]);
  t.fn.startLine.push(v[5]);
}

function readValueType(r: WireReader): [number, number] {
  const end = r.lengthEnd();
  const outer = r.end;
  r.end = end;
  const out: [number, number] = [0, 0];
  while (r.pos < end) {
    const k = r.key();
    if (k === key(1, V)) out[0] = r.varint();
    else if (k === key(2, V)) out[1] = r.varint();
    else skipOrMismatch(r, k, 2);
  }
  r.end = outer;
  return out;
}

/** Mapping fields with string indexes left unresolved (file, buildId are indexes here). */
export type RawMapping = Omit<Mapping, 'file' | 'buildId'> & { file: number; buildId: number };

function readMapping(r: WireReader): RawMapping {
  const end = r.lengthEnd();
  const outer = r.end;
  r.end = end;
  const v = new Array<number>(11).fill(0);
  while (r.pos < end) {
    const k = r.key();
    const field = k >>> 3;
    if ((k & 7) === V && field >= 1 && field <= 10) v[field] = r.varint();
    else skipOrMismatch(r, k, 10);
  }
  r.end = outer;
  return { id: v[1], start: v[2], limit: v[3], offset: v[4], file: v[5], buildId: v[6], hasFunctions: v[7] !== 0 };
}
