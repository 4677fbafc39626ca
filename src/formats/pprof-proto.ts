/**
 * Decodes profile.proto (uncompressed) into the columnar Profile model, in two passes: a
 * scan that counts (pprof-proto-scan.ts), then one decode into arrays of exact size. Field
 * numbers follow google/pprof proto/profile.proto; IDs are resolved to table indexes and
 * checked the way pprof's CheckValid checks them (pprof-link.ts).
 */
import { ParseError } from '../model/errors.js';
import type { Profile } from '../model/profile.js';
import { indexIds, linkProfile, type RawTables } from './pprof-link.js';
import { scanProfile } from './pprof-proto-scan.js';
import { SampleDecoder } from './pprof-proto-samples.js';
import {
  readFunction,
  readLocation,
  readMapping,
  readValueType,
  type OtherTables,
} from './pprof-proto-messages.js';
import { WIRE_BYTES as B, WIRE_VARINT as V, WireReader } from './protobuf-wire.js';

const key = (field: number, wire: number) => (field << 3) | wire;

export interface ProtoOptions {
  /** Keep sample labels (default true); top, diff and leak suspects do not need them. */
  readonly labels?: boolean;
}

/**
 * Decodes an uncompressed profile.proto message. profile.proto has no magic bytes, so input
 * that does not decode is a ParseError of kind "unrecognized" (it may be a text profile:
 * pprof's Parse tries those next); concatenated profiles are surely this format, but broken.
 */
export function decodeProfileProto(buf: Uint8Array, opts: ProtoOptions = {}): Profile {
  const tables = undecodable(() => readTables(buf, opts.labels ?? true));
  if (tables === 'concatenated')
    throw new ParseError('parsing profile: concatenated profiles detected');
  return undecodable(() => linkProfile(buf, tables));
}

function undecodable<T>(decode: () => T): T {
  try {
    return decode();
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    throw new ParseError(err.what, { ...err.where, text: err.text, kind: 'unrecognized' });
  }
}

/** The tables, or 'concatenated' at a second time_nanos (pprof's errConcatProfile). */
function readTables(buf: Uint8Array, labels: boolean): RawTables | 'concatenated' {
  const counts = scanProfile(buf);
  const locIndex = indexIds(counts.locationIds, 'location');
  const samples = new SampleDecoder(counts, counts.sampleTypes, locIndex, labels);
  const t: RawTables = {
    ...newOtherTables(counts),
    samples,
    scalars: {
      dropFrames: 0,
      keepFrames: 0,
      timeNanos: 0,
      durationNanos: 0,
      period: 0,
      defaultSampleType: 0,
      docUrl: 0,
    },
    sampleTypes: [],
    comments: [],
  };
  const r = new WireReader(buf, 0, buf.length);
  let sawTime = false;
  while (r.pos < r.end) {
    const k = r.key();
    switch (k) {
      case key(2, B):
        samples.decode(r, r.lengthEnd());
        break;
      case key(4, B):
        readLocation(r, t);
        break;
      case key(5, B):
        readFunction(r, t);
        break;
      case key(6, B): {
        const end = r.lengthEnd();
        t.strOffset[t.strings] = r.pos;
        t.strLength[t.strings++] = end - r.pos;
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
        if (sawTime) return 'concatenated';
        sawTime = true;
        t.scalars.timeNanos = r.varint();
        break;
      case key(11, B):
        t.periodType = readValueType(r);
        break;
      case key(13, V):
        t.comments.push(r.varint());
        break;
      case key(13, B): {
        const end = r.lengthEnd();
        while (r.pos < end) t.comments.push(r.varint());
        break;
      }
      default:
        readScalarOrSkip(r, k, t);
    }
  }
  return t;
}

function newOtherTables(c: {
  locations: number;
  lines: number;
  functions: number;
  strings: number;
}): OtherTables {
  return {
    loc: {
      n: 0,
      id: new Float64Array(c.locations),
      mapping: new Float64Array(c.locations),
      address: new Float64Array(c.locations),
      lineStart: new Uint32Array(c.locations + 1),
      lines: 0,
      lineFn: new Float64Array(c.lines),
      lineNo: new Float64Array(c.lines),
    },
    fn: {
      n: 0,
      id: new Float64Array(c.functions),
      name: new Float64Array(c.functions),
      systemName: new Float64Array(c.functions),
      filename: new Float64Array(c.functions),
      startLine: new Float64Array(c.functions),
    },
    strOffset: new Uint32Array(c.strings),
    strLength: new Uint32Array(c.strings),
    strings: 0,
    mappings: [],
  };
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
  if (field >= 1 && field <= 15)
    throw new ParseError(`type mismatch: wire type ${wire} for field ${field}`, { offset: r.pos });
  if (field === 0) throw new ParseError('field number 0', { offset: r.pos });
  r.skip(wire);
}
