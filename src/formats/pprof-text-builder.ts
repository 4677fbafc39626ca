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
import type { TextRecords } from './pprof-text-records.js';

export interface TextFrame {
  readonly pc: number;
  readonly func: string;
  readonly file: string;
  readonly line: number;
}

export interface TextProfileParts {
  readonly format: ProfileFormat;
  readonly sampleTypes: ValueType[];
  readonly periodType: ValueType;
  readonly period: number;
  readonly records: TextRecords;
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

/**
 * Parses the "0x1 0x2 ..." in a text (pprof parseHexAddresses: every 0x followed by hex
 * digits); throws on a number wider than 64 bits. Digits are read in place: a big profile
 * has hundreds of thousands of addresses.
 */
export function parseHexAddresses(text: string, lineNo: number): number[] {
  const out: number[] = [];
  for (let at = text.indexOf('0x'); at >= 0; at = text.indexOf('0x', at)) {
    let v = 0;
    let significant = 0;
    let i = at + 2;
    for (; i < text.length; i++) {
      const d = hexDigit(text.charCodeAt(i));
      if (d < 0) break;
      v = v * 16 + d;
      if (v > 0) significant++;
    }
    if (i === at + 2) {
      at += 2; // "0x" without digits
      continue;
    }
    if (significant > 16)
      throw new ParseError(`address ${text.slice(at, i)} does not fit in 64 bits`, {
        line: lineNo,
      });
    out.push(v);
    at = i;
  }
  return out;
}

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
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
  const rec = parts.records;
  const count = rec.finish();
  const fn = { name: [] as number[], file: [] as number[] };
  const fnIndex = new Map<string, number>();
  const functionOf = (f: TextFrame) => {
    const k = `${f.func}\0${f.file}`;
    let i = fnIndex.get(k);
    if (i === undefined) {
      fnIndex.set(k, (i = fn.name.length));
      fn.name.push(strs.id(f.func));
      fn.file.push(strs.id(f.file));
    }
    return i;
  };
  const loc = {
    address: [] as number[],
    lineStart: [0],
    lineFn: [] as number[],
    lineNo: [] as number[],
  };
  const locIndex = new Map<number, number>();
  const stack = new Uint32Array(rec.pcs.length);
  rec.pcs.forEach((pc, j) => {
    let i = locIndex.get(pc);
    if (i === undefined) {
      locIndex.set(pc, (i = loc.address.length));
      loc.address.push(pc);
      for (const f of rec.frames.get(pc) ?? []) {
        loc.lineFn.push(functionOf(f));
        loc.lineNo.push(f.line);
      }
      loc.lineStart.push(loc.lineFn.length);
    }
    stack[j] = i;
  });
  const bytesKey = strs.id('bytes');
  const n = rec.bytes.length;
  const labelStart = new Uint32Array(count + 1);
  if (n === count) labelStart.forEach((_, i) => (labelStart[i] = i));
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
      lineColumn: new Float64Array(loc.lineNo.length),
    },
    samples: {
      count,
      stackStart: Uint32Array.from(rec.stackStart),
      stack,
      values: Float64Array.from(rec.values),
      labelStart,
      labelKey: new Int32Array(n).fill(bytesKey),
      labelStr: new Int32Array(n),
      labelNum: Float64Array.from(rec.bytes),
      labelUnit: new Int32Array(n),
    },
    ...(parts.memstats ? { memstats: parts.memstats } : {}),
    ...(parts.notes?.length ? { notes: parts.notes } : {}),
  };
}
