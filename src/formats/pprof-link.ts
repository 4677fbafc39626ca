/**
 * Turns the raw decoded columns of a profile.proto into a Profile: resolves IDs to table
 * indexes and validates like google/pprof's CheckValid (profile/profile.go): no ID 0, no
 * duplicate IDs, every referenced location/function/mapping exists, string indexes in range,
 * one value per sample type. IDs go into a dense array only when they are dense; otherwise a
 * Map, so one huge ID cannot make us allocate a huge array.
 */
import type { Profile, StringTable, ValueType } from '../model/profile.js';
import { ParseError } from '../model/errors.js';
import type { OtherTables } from './pprof-proto-messages.js';
import type { SampleDecoder } from './pprof-proto-samples.js';

export interface RawTables extends OtherTables {
  samples: SampleDecoder;
  sampleTypes: [number, number][];
  scalars: {
    dropFrames: number;
    keepFrames: number;
    timeNanos: number;
    durationNanos: number;
    period: number;
    defaultSampleType: number;
    docUrl: number;
  };
  periodType?: [number, number];
  comments: number[];
}

function malformed(msg: string): never {
  throw new ParseError(`malformed profile: ${msg}`);
}

export function linkProfile(buf: Uint8Array, t: RawTables): Profile {
  const strings = new LazyStrings(buf, t.strOffset, t.strLength);
  if (strings.length === 0 || strings.get(0) !== '') malformed('string_table[0] must be ""');
  const str = (i: number, what: string) => {
    if (!(i >= 0 && i < strings.length))
      malformed(`${what}: string index ${i} out of range (table has ${strings.length})`);
    return strings.get(i);
  };
  const vt = ([ty, unit]: [number, number]): ValueType => ({
    type: str(ty, 'value type'),
    unit: str(unit, 'value type'),
  });
  const sampleTypes = t.sampleTypes.map(vt);
  const samples = t.samples.table();
  if (samples.count > 0 && sampleTypes.length === 0) malformed('missing sample type information');
  const mappingIndex = indexIds(
    t.mappings.map((m) => m.id),
    'mapping',
  );
  const functions = linkFunctions(t, str);
  const locations = linkLocations(t, mappingIndex, indexIds(functions.id, 'function'));
  checkLabels(samples.labelKey, samples.labelStr, strings.length);
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
    mappings: t.mappings.map((m) => ({
      ...m,
      file: str(m.file, 'mapping file'),
      buildId: str(m.buildId, 'mapping build_id'),
    })),
    functions,
    locations,
    samples,
  };
}

function linkFunctions(t: RawTables, str: (i: number, what: string) => string) {
  const f = t.fn;
  const checked = (a: Float64Array, what: string) => {
    for (const i of a) str(i, what);
    return Int32Array.from(a);
  };
  return {
    count: f.n,
    id: f.id,
    name: checked(f.name, 'function name'),
    systemName: checked(f.systemName, 'function system_name'),
    filename: checked(f.filename, 'function filename'),
    startLine: f.startLine,
  };
}

function linkLocations(t: RawTables, mappingIndex: IdIndex, functionIndex: IdIndex) {
  const l = t.loc;
  const mapping = new Int32Array(l.n);
  for (let i = 0; i < l.n; i++) {
    const id = l.mapping[i];
    mapping[i] = id === 0 ? -1 : mappingIndex.get(id);
    if (mapping[i] < 0 && id !== 0)
      malformed(`location ID ${l.id[i]} references mapping ID ${id} that does not exist`);
  }
  const lineFunction = new Int32Array(l.lines);
  for (let j = 0; j < l.lines; j++) {
    lineFunction[j] = functionIndex.get(l.lineFn[j]);
    if (lineFunction[j] < 0)
      malformed(`location line references function ID ${l.lineFn[j]} that does not exist`);
  }
  return {
    count: l.n,
    id: l.id,
    mapping,
    address: l.address,
    lineStart: l.lineStart,
    lineFunction,
    lineNumber: l.lineNo,
  };
}

function checkLabels(keys: Int32Array, strs: Int32Array, nStrings: number): void {
  for (const a of [keys, strs]) {
    for (let i = 0; i < a.length; i++)
      if (!(a[i] >= 0 && a[i] < nStrings)) malformed(`label: string index ${a[i]} out of range`);
  }
}

export interface IdIndex {
  get(id: number): number; // -1 when absent
  /** The dense table (index by ID) when the IDs are dense. */
  readonly dense?: Int32Array;
}

/** Maps IDs to indexes: dense array when the IDs are small, else a Map. Rejects 0 and duplicates. */
export function indexIds(ids: ArrayLike<number>, what: string): IdIndex {
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
  return table
    ? { get: (id) => (id > 0 && id <= max ? table[id] : -1), dense: table }
    : { get: (id) => map!.get(id) ?? -1 };
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
