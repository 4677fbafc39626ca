/**
 * A pprof profile (profile.proto, perftools.profiles) held in columns: typed arrays instead of
 * one object per sample, so a 200k-sample heap profile costs a few arrays, not a million
 * objects. References between tables are INDEXES into the tables here (the proto's IDs are
 * kept in the `id` columns for display and validation only).
 *
 * Values are int64 on the wire and plain numbers here: exact up to 2^53 (8 PiB), which no
 * heap profile reaches. Addresses above 2^53 lose their low bits (display only).
 */
import type { MemStats } from './snapshot.js';

export interface ValueType {
  readonly type: string; // "inuse_space"
  readonly unit: string; // "bytes"
}

/** The string table; decoded on demand from the profile bytes. Index 0 is always "". */
export interface StringTable {
  readonly length: number;
  get(index: number): string;
}

export interface Mapping {
  readonly id: number;
  readonly start: number;
  readonly limit: number;
  readonly offset: number;
  readonly file: string;
  readonly buildId: string;
  readonly hasFunctions: boolean;
}

/** Functions: name, system name and file name are string-table indexes. */
export interface FunctionTable {
  readonly count: number;
  readonly id: Float64Array;
  readonly name: Int32Array;
  readonly systemName: Int32Array;
  readonly filename: Int32Array;
  readonly startLine: Float64Array;
}

/**
 * Locations. Location i has lines lineStart[i] .. lineStart[i+1]-1; as in profile.proto the
 * LAST line is the caller that the earlier (inlined) lines were inlined into.
 */
export interface LocationTable {
  readonly count: number;
  readonly id: Float64Array;
  /** Index into Profile.mappings, or -1. */
  readonly mapping: Int32Array;
  readonly address: Float64Array;
  readonly lineStart: Uint32Array;
  /** Index into the function table, per line. */
  readonly lineFunction: Int32Array;
  readonly lineNumber: Float64Array;
  /** Column per line (0 = unknown; the Go runtime does not write columns). */
  readonly lineColumn: Float64Array;
}

/**
 * Samples. Sample i has locations stackStart[i] .. stackStart[i+1]-1 (location indexes, LEAF
 * FIRST) and values values[i*k .. i*k+k-1] with k = sampleTypes.length; its labels are
 * labelStart[i] .. labelStart[i+1]-1 (key, str and unit are string indexes; str 0 = numeric
 * label, whose unit may be 0 = none).
 */
export interface SampleTable {
  readonly count: number;
  readonly stackStart: Uint32Array;
  /** As narrow as the location count allows (Uint8Array up to 256 locations...). */
  readonly stack: Uint8Array | Uint16Array | Uint32Array;
  /** Int32Array when every value fits in 32 bits (saves half), else Float64Array. */
  readonly values: Int32Array | Float64Array;
  readonly labelStart: Uint32Array;
  readonly labelKey: Int32Array;
  readonly labelStr: Int32Array;
  readonly labelNum: Float64Array;
  readonly labelUnit: Int32Array;
}

export type ProfileFormat = 'proto' | 'legacy-heap' | 'goroutine-text';

export interface Profile {
  readonly format: ProfileFormat;
  readonly sampleTypes: readonly ValueType[];
  /** "" when the profile does not name one (then the last type is the default). */
  readonly defaultSampleType: string;
  readonly periodType?: ValueType;
  readonly period: number;
  readonly timeNanos: number;
  readonly durationNanos: number;
  readonly comments: readonly string[];
  readonly strings: StringTable;
  readonly mappings: readonly Mapping[];
  readonly functions: FunctionTable;
  readonly locations: LocationTable;
  readonly samples: SampleTable;
  /** runtime.MemStats from the `# runtime.MemStats` trailer of a legacy text heap profile. */
  readonly memstats?: MemStats;
  /** What could not be read, one line each (e.g. a damaged MemStats trailer). */
  readonly notes?: readonly string[];
}

/** A plain string table (for profiles built from text). */
export function arrayStringTable(strings: readonly string[]): StringTable {
  return { length: strings.length, get: (i) => strings[i] ?? '' };
}

/**
 * Resolves a sample index the way `go tool pprof -sample_index` does: "" -> the profile's
 * default type, else the last; a number; a type name, or a name after stripping "inuse_".
 * Returns an error message instead of an index when nothing matches.
 */
export function sampleIndexOf(p: Profile, wanted: string | undefined): number | string {
  const types = p.sampleTypes.map((t) => t.type);
  if (!wanted) {
    const i = p.defaultSampleType ? types.indexOf(p.defaultSampleType) : -1;
    return i >= 0 ? i : types.length - 1;
  }
  if (/^\d+$/.test(wanted)) {
    const i = Number(wanted);
    return i < types.length
      ? i
      : `sample index ${wanted} is outside the range [0..${types.length - 1}]`;
  }
  const noInuse = wanted.startsWith('inuse_') ? wanted.slice('inuse_'.length) : wanted;
  const i = types.findIndex((t) => t === wanted || t === noInuse);
  return i >= 0 ? i : `sample index "${wanted}" must be one of: ${types.join(', ')}`;
}
