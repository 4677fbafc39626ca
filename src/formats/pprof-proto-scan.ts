/**
 * First pass over a profile.proto: counts what the second pass will store (samples, labels,
 * lines, strings...) and collects the location IDs, so every array is allocated once (no
 * doubling, no copies) and sample stacks are resolved to location indexes as they are
 * decoded. Samples are not looked into (that took a third of the decode of a Go heap
 * profile): their bytes bound their stack entries, each at least one byte, and the stack
 * array is allocated at that bound; the pages past its real end are never written, so they
 * take no memory (Linux maps zeroed pages on first write). Labels are counted only when they
 * are kept. Broken structure is left for the second pass to report.
 */
import { WIRE_BYTES, WIRE_VARINT, WireReader } from './protobuf-wire.js';

export interface ProtoCounts {
  samples: number;
  /** Bytes of all Sample messages: at least their number of stack entries. */
  sampleBytes: number;
  /** Labels, when counted (scanProfile's `labels`); else 0. */
  labels: number;
  sampleTypes: number;
  locations: number;
  lines: number;
  functions: number;
  strings: number;
  /** The ID of each location, in wire order (0 when absent). */
  readonly locationIds: number[];
}

export function scanProfile(buf: Uint8Array, labels: boolean): ProtoCounts {
  const c: ProtoCounts = {
    samples: 0,
    sampleBytes: 0,
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
        c.sampleBytes += end - r.pos;
        if (labels) countLabels(r, end, c);
        else r.pos = skipSamples(buf, end, c);
        continue;
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

/**
 * The samples that follow the one ending at p (Go writes them all in a row), skipped in one
 * plain loop: this runs once per sample, mostly before the JIT has compiled anything. Stops
 * at anything else, or at a length over two bytes or past the end, for the caller to read.
 */
function skipSamples(buf: Uint8Array, p: number, c: ProtoCounts): number {
  const n = buf.length;
  while (p + 2 < n && buf[p] === 0x12) {
    let len = buf[p + 1];
    let q = p + 2;
    if (len >= 0x80) {
      if (buf[p + 2] >= 0x80) break;
      len = (len & 0x7f) | (buf[p + 2] << 7);
      q++;
    }
    if (q + len > n) break;
    c.samples++;
    c.sampleBytes += len;
    p = q + len;
  }
  return p;
}

function countLabels(r: WireReader, end: number, c: ProtoCounts): void {
  const outer = r.end;
  r.end = end;
  while (r.pos < end) {
    const key = r.key();
    if (key >>> 3 === 3) c.labels++;
    r.skip(key & 7);
  }
  r.end = outer;
}

/**
 * A location's ID and its number of lines. Plain loops over the bytes (one-byte keys, varints
 * of up to 7 bytes): this runs once per location, tens of thousands of times, mostly before
 * the JIT has compiled it. Anything else is read by scanLocationSlow.
 */
function scanLocation(r: WireReader, end: number, c: ProtoCounts): void {
  const buf = r.buf;
  let p = r.pos;
  let id = 0;
  let lines = 0;
  while (p < end) {
    const key = buf[p++];
    const wire = key & 7;
    if (key >= 0x80 || (wire !== WIRE_VARINT && wire !== WIRE_BYTES))
      return scanLocationSlow(r, end, c);
    let v = 0;
    let scale = 1;
    let b = 0x80;
    for (let n = 0; n < 7 && p < end && b >= 0x80; n++, scale *= 128) {
      b = buf[p++];
      v += (b & 0x7f) * scale;
    }
    if (b >= 0x80) return scanLocationSlow(r, end, c);
    if (key === ((1 << 3) | WIRE_VARINT)) id = v;
    else if (wire === WIRE_BYTES) {
      if (key === ((4 << 3) | WIRE_BYTES)) lines++;
      p += v;
    }
  }
  if (p !== end) return scanLocationSlow(r, end, c);
  c.lines += lines;
  c.locationIds.push(id);
}

function scanLocationSlow(r: WireReader, end: number, c: ProtoCounts): void {
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
