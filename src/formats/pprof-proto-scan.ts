/**
 * First pass over a profile.proto: counts what the second pass will store (samples, stack
 * entries, labels, lines, strings...) and collects the location IDs, so every array is
 * allocated once at its exact size (no doubling, no copies) and sample stacks are resolved
 * to location indexes as they are decoded. Counting a packed run of varints only counts the
 * bytes without the continuation bit. Broken structure is left for the second pass to report.
 */
import { WIRE_BYTES, WIRE_VARINT, WireReader } from './protobuf-wire.js';

export interface ProtoCounts {
  samples: number;
  stackEntries: number;
  labels: number;
  sampleTypes: number;
  locations: number;
  lines: number;
  functions: number;
  strings: number;
  /** The ID of each location, in wire order (0 when absent). */
  readonly locationIds: number[];
}

export function scanProfile(buf: Uint8Array): ProtoCounts {
  const c: ProtoCounts = {
    samples: 0,
    stackEntries: 0,
    labels: 0,
    sampleTypes: 0,
    locations: 0,
    lines: 0,
    functions: 0,
    strings: 0,
    locationIds: [],
  };
  const r = new WireReader(buf, 0, buf.length);
  while (r.pos < r.end) {
    const key = r.key();
    if ((key & 7) !== WIRE_BYTES) {
      r.skip(key & 7);
      continue;
    }
    const end = r.lengthEnd();
    switch (key >>> 3) {
      case 1:
        c.sampleTypes++;
        break;
      case 2:
        c.samples++;
        countSample(buf, r, end, c);
        break;
      case 4:
        c.locations++;
        scanLocation(r, end, c);
        break;
      case 5:
        c.functions++;
        break;
      case 6:
        c.strings++;
        break;
    }
    r.pos = end;
  }
  return c;
}

/** Number of varints in buf[start, end): bytes without the continuation bit. */
function countVarints(buf: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) n += (buf[i] >> 7) ^ 1;
  return n;
}

function countSample(buf: Uint8Array, r: WireReader, end: number, c: ProtoCounts): void {
  const outer = r.end;
  r.end = end;
  while (r.pos < end) {
    const key = r.key();
    const wire = key & 7;
    if (key === ((1 << 3) | WIRE_BYTES)) {
      const e = r.lengthEnd();
      c.stackEntries += countVarints(buf, r.pos, e);
      r.pos = e;
    } else if (key === ((1 << 3) | WIRE_VARINT)) {
      c.stackEntries++;
      r.varint();
    } else {
      if (key >>> 3 === 3) c.labels++;
      r.skip(wire);
    }
  }
  r.end = outer;
}

function scanLocation(r: WireReader, end: number, c: ProtoCounts): void {
  const outer = r.end;
  r.end = end;
  let id = 0;
  while (r.pos < end) {
    const key = r.key();
    if (key === ((1 << 3) | WIRE_VARINT)) id = r.varint();
    else {
      if (key === ((4 << 3) | WIRE_BYTES)) c.lines++;
      r.skip(key & 7);
    }
  }
  r.end = outer;
  c.locationIds.push(id);
}
