/**
 * Builds a Profile from the text profiles of runtime/pprof (?debug=1): records of values and
 * return addresses, each followed by `#\t0xPC\tfunc+0xoff\tfile:line` comment lines. pprof
 * ignores those comments (it symbolizes from the binary); we have no binary, so we name the
 * frames from them. Like pprof, an address is decremented by 1 to land on the call
 * instruction, and that is the PC the comments print.
 */
import type { MemStats } from '../model/snapshot.js';
import {
  arrayStringTable,
  type Profile,
  type ProfileFormat,
  type ValueType,
} from '../model/profile.js';
import { ParseError } from '../model/errors.js';

export interface TextFrame {
  readonly pc: number;
  readonly func: string;
  readonly file: string;
  readonly line: number;
}

export interface TextRecord {
  readonly values: number[];
  readonly addrs: number[];
  readonly frames: TextFrame[];
  /** The `bytes` numeric label (heap profiles: bytes per object). */
  readonly bytes?: number;
}

export interface TextProfileParts {
  readonly format: ProfileFormat;
  readonly sampleTypes: ValueType[];
  readonly periodType: ValueType;
  readonly period: number;
  readonly records: TextRecord[];
  readonly memstats?: MemStats;
  readonly notes?: string[];
}

/**
 * Parses a `#\t0xPC\tfunc+0xoff\tfile:line` comment line (tabwriter pads with more tabs);
 * undefined for other comments. Split, not a regex, so long lines stay linear.
 */
export function parseFrameComment(line: string): TextFrame | undefined {
  if (!line.startsWith('#\t')) return undefined;
  const parts = line
    .trimEnd()
    .split('\t')
    .filter((p) => p !== '');
  if (parts.length !== 4 || !/^0x[0-9a-f]+$/.test(parts[1])) return undefined;
  const colon = parts[3].lastIndexOf(':');
  const lineNo = Number(parts[3].slice(colon + 1));
  if (colon < 0 || !Number.isInteger(lineNo)) return undefined;
  const plus = parts[2].lastIndexOf('+0x');
  const func = plus > 0 ? parts[2].slice(0, plus) : parts[2];
  return { pc: parseInt(parts[1], 16), func, file: parts[3].slice(0, colon), line: lineNo };
}

/** Parses "0x1 0x2 ..." (pprof parseHexAddresses); throws on a number wider than 64 bits. */
export function parseHexAddresses(text: string, lineNo: number): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/0x([0-9a-f]+)/g)) {
    if (m[1].replace(/^0+/, '').length > 16)
      throw new ParseError(`address ${m[0]} does not fit in 64 bits`, { line: lineNo });
    out.push(parseInt(m[1], 16));
  }
  return out;
}

class Interner {
  readonly strings: string[] = [''];
  private readonly index = new Map<string, number>([['', 0]]);
  id(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

export function buildTextProfile(parts: TextProfileParts): Profile {
  const strs = new Interner();
  const fnIndex = new Map<string, number>();
  const fn = { name: [] as number[], file: [] as number[] };
  const locIndex = new Map<number, number>();
  const loc = {
    address: [] as number[],
    lineStart: [0],
    lineFn: [] as number[],
    lineNo: [] as number[],
  };
  const functionOf = (f: TextFrame) => {
    const k = `${f.func}\0${f.file}`;
    let i = fnIndex.get(k);
    if (i === undefined) {
      i = fn.name.length;
      fnIndex.set(k, i);
      fn.name.push(strs.id(f.func));
      fn.file.push(strs.id(f.file));
    }
    return i;
  };
  const locationOf = (pc: number, frames: TextFrame[]) => {
    let i = locIndex.get(pc);
    if (i === undefined) {
      i = loc.address.length;
      locIndex.set(pc, i);
      loc.address.push(pc);
      for (const f of frames) {
        loc.lineFn.push(functionOf(f));
        loc.lineNo.push(f.line);
      }
      loc.lineStart.push(loc.lineFn.length);
    }
    return i;
  };
  const stackStart = [0];
  const stack: number[] = [];
  const values: number[] = [];
  const labelStart = [0];
  const labelNum: number[] = [];
  const bytesKey = strs.id('bytes');
  for (const r of parts.records) {
    for (const pc of visiblePcs(r)) stack.push(locationOf(pc, framesAt(r, pc)));
    stackStart.push(stack.length);
    values.push(...r.values);
    if (r.bytes !== undefined) labelNum.push(r.bytes);
    labelStart.push(labelNum.length);
  }
  const n = labelNum.length;
  return {
    format: parts.format,
    sampleTypes: parts.sampleTypes,
    defaultSampleType: '',
    periodType: parts.periodType,
    period: parts.period,
    timeNanos: 0,
    durationNanos: 0,
    comments: [],
    strings: arrayStringTable(strs.strings),
    mappings: [],
    functions: {
      count: fn.name.length,
      id: Float64Array.from(fn.name, (_, i) => i + 1),
      name: Int32Array.from(fn.name),
      systemName: Int32Array.from(fn.name),
      filename: Int32Array.from(fn.file),
      startLine: new Float64Array(fn.name.length),
    },
    locations: {
      count: loc.address.length,
      id: Float64Array.from(loc.address, (_, i) => i + 1),
      mapping: new Int32Array(loc.address.length).fill(-1),
      address: Float64Array.from(loc.address),
      lineStart: Uint32Array.from(loc.lineStart),
      lineFunction: Int32Array.from(loc.lineFn),
      lineNumber: Float64Array.from(loc.lineNo),
    },
    samples: {
      count: parts.records.length,
      stackStart: Uint32Array.from(stackStart),
      stack: Uint32Array.from(stack),
      values: Float64Array.from(values),
      labelStart: Uint32Array.from(labelStart),
      labelKey: new Int32Array(n).fill(bytesKey),
      labelStr: new Int32Array(n),
      labelNum: Float64Array.from(labelNum),
    },
    ...(parts.memstats ? { memstats: parts.memstats } : {}),
    ...(parts.notes?.length ? { notes: parts.notes } : {}),
  };
}

/**
 * The call PCs of a record (return address - 1). When the record names any frame, the
 * unnamed ones at either end are frames the runtime's text writer leaves out
 * (runtime/pprof printStackRecord): the allocator's runtime.* frames at the leaf, which
 * runtime/pprof also drops from its proto profiles, and runtime.goexit at the root.
 */
function visiblePcs(r: TextRecord): number[] {
  const pcs = r.addrs.map((a) => a - 1);
  if (r.frames.length === 0) return pcs;
  const named = new Set(r.frames.map((f) => f.pc));
  let first = 0;
  let last = pcs.length - 1;
  while (first <= last && !named.has(pcs[first])) first++;
  while (last >= first && !named.has(pcs[last])) last--;
  return first <= last ? pcs.slice(first, last + 1) : pcs;
}

function framesAt(r: TextRecord, pc: number): TextFrame[] {
  return r.frames.filter((f) => f.pc === pc);
}
