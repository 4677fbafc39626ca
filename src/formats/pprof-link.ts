/**
 * Turns the raw decoded columns of a profile.proto into a Profile: resolves IDs to table
 * indexes and validates like google/pprof's CheckValid (profile/profile.go): no ID 0, no
 * duplicate IDs, every referenced location/function/mapping exists, string indexes in range,
 * one value per sample type. IDs go into a dense array only when they are dense; otherwise a
 * Map, so one huge ID cannot make us allocate a huge array.
 */
import type { Profile, StringTable, ValueType } from '../model/profile.js';
import { ProfileError } from './pprof-error.js';
import type { RawMapping } from './pprof-proto.js';
import type { GrowableArray } from './protobuf-wire.js';

export interface RawTables {
  sampleTypes: [number, number][];
  stackStart: GrowableArray;
  stack: GrowableArray;
  values: GrowableArray;
  valuesPerSample: number;
  labelStart: GrowableArray;
  labelKey: GrowableArray;
  labelStr: GrowableArray;
  labelNum: GrowableArray;
  mappings: RawMapping[];
  loc: { id: GrowableArray; mapping: GrowableArray; address: GrowableArray; lineStart: GrowableArray; lineFn: GrowableArray; lineNo: GrowableArray };
  fn: { id: GrowableArray; name: GrowableArray; systemName: GrowableArray; filename: GrowableArray; startLine: GrowableArray };
  strOffset: GrowableArray;
  strLength: GrowableArray;
  scalars: { dropFrames: number; keepFrames: number; timeNanos: number; durationNanos: number; period: number; defaultSampleType: number; docUrl: number };
  periodType: [number, number] | undefined;
  comments: number[];
}

function malformed(msg: string): never {
  throw new ProfileError(`malformed profile: ${msg}`);
}

export function linkProfile(buf: Uint8Array, t: RawTables): Profile {
  const strings = new LazyStrings(buf, t.strOffset.view(), t.strLength.view());
  if (strings.length === 0 || strings.get(0) !== '') malformed('string_table[0] must be ""');
  const str = (i: number, what: string) => {
    if (!(i >= 0 && i < strings.length)) malformed(`${what}: string index ${i} out of range (table has ${strings.length})`);
    return strings.get(i);
  };
  const vt = ([ty, unit]: [number, number]): ValueType => ({ type: str(ty, 'value type'), unit: str(unit, 'value type') });
  const sampleTypes = t.sampleTypes.map(vt);
  const nSamples = t.stackStart.length;
  if (nSamples > 0 && sampleTypes.length === 0) malformed('missing sample type information');
  if (nSamples > 0 && t.valuesPerSample !== sampleTypes.length) {
    malformed(`mismatch: sample has ${t.valuesPerSample} values vs. ${sampleTypes.length} types`);
  }
  const mappingIndex = indexIds(Float64Array.from(t.mappings, (m) => m.id), 'mapping');
  const functions = linkFunctions(t, str);
  const locations = linkLocations(t, mappingIndex, indexIds(functions.id, 'function'));
  const stack = remap(t.stack.view(), indexIds(locations.id, 'location'), 'sample', 'location');
  checkLabels(t, strings.length);
  return {
    format: 'proto',
    sampleTypes,
    defaultSampleType: str(t.scalars.defaultSampleType, 'default_sample_type'),
    periodType: t.periodType && vt(t.periodType),
    period: t.scalars.period,
    timeNanos: t.scalars.timeNanos,
    durationNanos: t.scalars.durationNanos,
    comments: t.comments.map((c) => str(c, 'comment')),
    strings,
    mappings: t.mappings.map((m) => ({ ...m, file: str(m.file, 'mapping file'), buildId: str(m.buildId, 'mapping build_id') })),
    functions,
    locations,
    samples: {
      count: nSamples,
      stackStart: closeOffsets(t.stackStart, t.stack.length),
      stack,
      values: t.values.view() as Float64Array,
      labelStart: closeOffsets(t.labelStart, t.labelKey.length),
      labelKey: Int32Array.from(t.labelKey.view()),
      labelStr: Int32Array.from(t.labelStr.view()),
      labelNum: t.labelNum.view() as Float64Array,
    },
  };
}

function linkFunctions(t: RawTables, str: (i: number, what: string) => string) {
  const f = t.fn;
  const checked = (a: GrowableArray, what: string) => {
    const out = Int32Array.from(a.view());
    for (const i of out) str(i, what);
    return out;
  };
  return {
    count: f.id.length,
    id: f.id.view() as Float64Array,
    name: checked(f.name, 'function name'),
    systemName: checked(f.systemName, 'function system_name'),
    filename: checked(f.filename, 'function filename'),
    startLine: f.startLine.view() as Float64Array,
  };
}

function linkLocations(t: RawTables, mappingIndex: IdIndex, functionIndex: IdIndex) {
  const l = t.loc;
  const mapping = new Int32Array(l.id.length);
  const rawMapping = l.mapping.view();
  for (let i = 0; i < mapping.length; i++) {
    const id = rawMapping[i];
    mapping[i] = id === 0 ? -1 : mappingIndex.get(id);
    if (mapping[i] < 0 && id !== 0) malformed(`location ID ${l.id.view()[i]} references mapping ID ${id} that does not exist`);
  }
  return {
    count: l.id.length,
    id: l.id.view() as Float64Array,
    mapping,
    address: l.address.view() as Float64Array,
    lineStart: closeOffsets(l.lineStart, l.lineFn.length),
    lineFunction: Int32Array.from(remap(l.lineFn.view(), functionIndex, 'line', 'function')),
    lineNumber: l.lineNo.view() as Float64Array,
  };
}

function checkLabels(t: RawTables, nStrings: number): void {
  for (const a of [t.labelKey.view(), t.labelStr.view()]) {
    for (const i of a) if (!(i >= 0 && i < nStrings)) malformed(`label: string index ${i} out of range`);
  }
}

/** Offsets with the closing end appended (so item i spans [o[i], o[i+1])). */
function closeOffsets(starts: GrowableArray, end: number): Uint32Array {
  starts.push(end);
  const v = starts.view();
  return v instanceof Uint32Array ? v : Uint32Array.from(v);
}

interface IdIndex {
  get(id: number): number; // -1 when absent
}

/** Maps IDs to indexes: dense array when the IDs are small, else a Map. Rejects 0 and duplicates. */
function indexIds(ids: ArrayLike<number>, what: string): IdIndex {
  let max = 0;
  let negative = false;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (id === 0) malformed(`found ${what} with reserved ID=0`);
    if (id > max) max = id;
    if (id < 0) negative = true;
  }
  const dense = !negative && max <= ids.length * 4 + 1024;
  const table = dense ? new Int32Array(max + 1).fill(-1) : undefined;
  const map = dense ? undefined : new Map<number, number>();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    const seen = table ? table[id] : (map!.get(id) ?? -1);
    if (seen >= 0) malformed(`multiple ${what}s with same ID ${id}`);
    if (table) table[id] = i;
    else map!.set(id, i);
  }
  return table ? { get: (id) => (id > 0 && id <= max ? table[id] : -1) } : { get: (id) => map!.get(id) ?? -1 };
}

/** Replaces IDs by indexes in place (or in a new Uint32Array when the input held wide values). */
function remap(ids: Float64Array | Uint32Array, index: IdIndex, owner: string, what: string): Uint32Array {
  const out = ids instanceof Uint32Array ? ids : new Uint32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const idx = index.get(ids[i]);
    if (idx < 0) malformed(`${owner} references ${what} ID ${ids[i]} that does not exist`);
    out[i] = idx;
  }
  return out;
}

/** The string table, decoded on first use of each entry. */
class LazyStrings implements StringTable {
  private readonly cache: (string | undefined)[];
  private decoder: { decode(b: Uint8Array): string } | undefined;
  constructor(
    private readonly buf: Uint8Array,
    private readonly offset: ArrayLike<number>,
    private readonly len: ArrayLike<number>,
  ) {
    this.cache = new Array(offset.length);
  }

  get length(): number {
    return this.offset.length;
  }

  get(i: number): string {
    let s = this.cache[i];
    if (s === undefined) s = this.cache[i] = this.decode(this.offset[i], this.len[i]);
    return s;
  }

  private decode(start: number, n: number): string {
    const b = this.buf;
    if (n < 64) {
      let ascii = '';
      for (let i = start; i < start + n; i++) {
        if (b[i] >= 0x80) return this.utf8(start, n);
        ascii += String.fromCharCode(b[i]);
      }
      return ascii;
    }
    return this.utf8(start, n);
  }

  private utf8(start: number, n: number): string {
    this.decoder ??= new TextDecoder();
    return this.decoder.decode(this.buf.subarray(start, start + n));
  }
}
