/**
 * The hot loop of profile.proto decoding: Sample messages (location_id=1, value=2, label=3)
 * straight into preallocated columns. Location IDs become location indexes on the way in
 * (Uint8/Uint16 when there are at most 256/65536 locations); values go into an Int32Array until one
 * does not fit, then into a Float64Array.
 */
import { ParseError } from '../model/errors.js';
import type { SampleTable } from '../model/profile.js';
import type { IdIndex } from './pprof-link.js';
import { WIRE_BYTES, WIRE_VARINT, WireReader } from './protobuf-wire.js';

export class SampleDecoder {
  readonly stackStart: Uint32Array;
  readonly stack: Uint8Array | Uint16Array | Uint32Array;
  values: Int32Array | Float64Array;
  readonly labelStart: Uint32Array;
  readonly labelKey: Int32Array;
  readonly labelStr: Int32Array;
  readonly labelNum: Float64Array;
  readonly labelUnit: Int32Array;
  private sample = 0;
  private sp = 0;
  private vp = 0;
  private lp = 0;
  private extraValues = 0;
  private readonly dense: Int32Array | undefined;

  constructor(
    counts: { samples: number; sampleBytes: number; labels: number; locations: number },
    private readonly width: number,
    private readonly locIndex: IdIndex,
    private readonly keepLabels = true,
  ) {
    this.stackStart = new Uint32Array(counts.samples + 1);
    // A bound, not a count (pprof-proto-scan.ts): table() hands out the part written.
    this.stack = indexArray(counts.locations, counts.sampleBytes);
    this.values = new Int32Array(counts.samples * width);
    this.labelStart = new Uint32Array(counts.samples + 1);
    const labels = keepLabels ? counts.labels : 0;
    this.labelKey = new Int32Array(labels);
    this.labelStr = new Int32Array(labels);
    this.labelNum = new Float64Array(labels);
    this.labelUnit = new Int32Array(labels);
    this.dense = locIndex.dense;
  }

  /**
   * Decodes the Sample message at r.pos (its key read) and the ones right after it: the Go
   * runtime writes all samples in a row, so this loop runs over all of them and the JIT
   * compiles it (on-stack) early in a fresh process. A sample laid out as Go and pprof write
   * them (packed location IDs, packed values, labels; one-byte keys and short lengths) is
   * read here with no call per field (measured 1.4x on the whole decode); anything else goes
   * through decode().
   */
  decodeRun(r: WireReader): void {
    const buf = r.buf;
    let first = true;
    while (first || (r.pos < r.end && buf[r.pos] === 0x12)) {
      if (!first) r.pos++;
      first = false;
      const end = r.lengthEnd();
      const start = r.pos;
      if (!this.decodeGoLayout(buf, start, end)) {
        r.pos = start;
        this.decode(r, end);
      }
      r.pos = end;
    }
  }

  /** The fast path of decodeRun: false (nothing kept) when the sample is laid out otherwise. */
  private decodeGoLayout(buf: Uint8Array, p: number, end: number): boolean {
    const { dense, stack, width } = this;
    if (dense === undefined || !(this.values instanceof Int32Array)) return false;
    const values = this.values;
    let sp = this.sp;
    let vp = this.vp;
    const limit = (this.sample + 1) * width;
    let labels = 0;
    while (p < end) {
      const key = buf[p];
      const len = buf[p + 1];
      if (len >= 0x80 && key !== 0x0a) return false;
      if (key === 0x0a) {
        // Packed location IDs; the length may take two bytes. Read without a branch: one
        // taken only by the first long stack would deoptimize the compiled loop (measured).
        const two = len >> 7;
        if ((two & (buf[p + 2] >> 7)) !== 0) return false;
        const n = (len & 0x7f) | ((buf[p + 2] << 7) & -two);
        const q0 = p + 2 + two;
        const fieldEnd = q0 + n;
        if (fieldEnd > end) return false;
        for (let q = q0; q < fieldEnd;) {
          // Inline (not varint4): this loop runs once per stack frame.
          const b0 = buf[q];
          const b1 = buf[q + 1];
          const b2 = buf[q + 2];
          const c0 = b0 >> 7;
          const c1 = c0 & (b1 >> 7);
          if ((c1 & (b2 >> 7)) !== 0) return false;
          const id = (b0 & 0x7f) | (((b1 & 0x7f) << 7) & -c0) | ((b2 << 14) & -c1);
          q += 1 + c0 + c1;
          const idx = id < dense.length ? dense[id] : -1;
          if (idx < 0 || id === 0 || sp >= stack.length || q > fieldEnd) return false;
          stack[sp++] = idx;
        }
        p = fieldEnd;
      } else if (key === 0x12) {
        const fieldEnd = p + 2 + len;
        if (fieldEnd > end) return false;
        for (let q = p + 2; q < fieldEnd;) {
          const v = varint4(buf, q);
          if (v < 0 || vp >= limit) return false;
          values[vp++] = v;
          q += varintLength;
          if (q > fieldEnd) return false;
        }
        p = fieldEnd;
      } else if (key === 0x1a) {
        if (!this.goLabel(buf, p + 2, p + 2 + len)) return false;
        labels++;
        p += 2 + len;
      } else return false;
    }
    if (p !== end || vp !== limit) return false;
    // Labels are read again by decode() only when they are kept.
    if (labels > 0 && this.keepLabels) return false;
    this.sp = sp;
    this.vp = vp;
    this.sample++;
    this.stackStart[this.sample] = sp;
    this.labelStart[this.sample] = this.lp;
    return true;
  }

  /**
   * A Label of one-byte keys 1-4 with varint values: checked, not kept (the fast path). Every
   * operation runs for every varint: one first reached by a later sample (a value's second
   * byte) would deoptimize the compiled decode loop (measured: a recompile of 5-10 ms).
   */
  private goLabel(buf: Uint8Array, p: number, end: number): boolean {
    while (p < end) {
      const key = buf[p++];
      if (key !== 0x08 && key !== 0x10 && key !== 0x18 && key !== 0x20) return false;
      let b = 0;
      do b = buf[p++];
      while (p < end && b >= 0x80);
      if (b >= 0x80) return false;
    }
    return p === end;
  }

  /** Decodes one Sample message spanning r.pos .. end. */
  decode(r: WireReader, end: number): void {
    const outer = r.end;
    r.end = end;
    while (r.pos < end) {
      const key = r.key();
      const field = key >>> 3;
      if (field === 1) this.readStack(r, key & 7);
      else if (field === 2) this.readValues(r, key & 7);
      else if (field === 3 && (key & 7) === WIRE_BYTES) this.readLabel(r);
      else if (field === 3 || field === 0)
        throw new ParseError(`type mismatch: wire type ${key & 7} for sample field ${field}`, {
          offset: r.pos,
        });
      else r.skip(key & 7);
    }
    r.end = outer;
    const got = this.vp - this.sample * this.width + this.extraValues;
    if (got !== this.width)
      throw new ParseError(
        `malformed profile: mismatch: sample has ${got} values vs. ${this.width} types`,
      );
    this.sample++;
    this.stackStart[this.sample] = this.sp;
    this.labelStart[this.sample] = this.lp;
  }

  table(): SampleTable {
    return {
      count: this.sample,
      stackStart: this.stackStart,
      stack: this.stack.subarray(0, this.sp),
      values: this.values,
      labelStart: this.labelStart,
      labelKey: this.labelKey,
      labelStr: this.labelStr,
      labelNum: this.labelNum,
      labelUnit: this.labelUnit,
    };
  }

  private readStack(r: WireReader, wire: number): void {
    if (wire === WIRE_VARINT) return this.pushLocation(r.varint());
    if (wire !== WIRE_BYTES)
      throw new ParseError(`type mismatch: wire type ${wire} for location_id`, { offset: r.pos });
    const end = r.lengthEnd();
    const outer = r.end;
    r.end = end;
    const dense = this.dense;
    const stack = this.stack;
    const buf = r.buf;
    let sp = this.sp;
    let p = r.pos;
    while (p < end) {
      // Location IDs of up to three varint bytes (< 2^21) are decoded without branches:
      // a varint's length depends on the data, so branches on it mispredict (measured 2x).
      // Bytes past the buffer read as undefined, i.e. 0; a varint past `end` fails below.
      const b0 = buf[p];
      const b1 = buf[p + 1];
      const b2 = buf[p + 2];
      const c0 = b0 >> 7;
      const c1 = c0 & (b1 >> 7);
      let id = (b0 & 0x7f) | (((b1 & 0x7f) << 7) & -c0) | ((b2 << 14) & -c1);
      if ((c1 & (b2 >> 7)) === 0) p += 1 + c0 + c1;
      else {
        r.pos = p;
        id = r.varint();
        p = r.pos;
      }
      if (p > end) throw new ParseError('bad varint (truncated)', { offset: p });
      const idx = dense !== undefined && id < dense.length ? dense[id] : this.locIndex.get(id);
      if (idx < 0 || id === 0) throw unknownLocation(id);
      if (sp >= stack.length) throw new ParseError('more location IDs than counted', { offset: p });
      stack[sp++] = idx;
    }
    r.pos = p;
    this.sp = sp;
    r.end = outer;
  }

  private pushLocation(id: number): void {
    const idx = this.locIndex.get(id);
    if (idx < 0) throw unknownLocation(id);
    if (this.sp >= this.stack.length)
      throw new ParseError('malformed profile: more location IDs than counted');
    this.stack[this.sp++] = idx;
  }

  private readValues(r: WireReader, wire: number): void {
    if (wire === WIRE_VARINT) return this.pushValue(r.varint());
    if (wire !== WIRE_BYTES)
      throw new ParseError(`type mismatch: wire type ${wire} for value`, { offset: r.pos });
    const end = r.lengthEnd();
    const outer = r.end;
    r.end = end;
    const limit = (this.sample + 1) * this.width;
    // Fast path: non-negative values of up to 3 varint bytes into the Int32Array.
    const buf = r.buf;
    const values = this.values;
    let p = r.pos;
    let vp = this.vp;
    while (p < end && vp < limit) {
      let v = buf[p];
      if (v < 0x80) {
        p += 1;
      } else if (p + 1 < end && buf[p + 1] < 0x80) {
        v = (v & 0x7f) | (buf[p + 1] << 7);
        p += 2;
      } else if (p + 2 < end && buf[p + 2] < 0x80) {
        v = (v & 0x7f) | ((buf[p + 1] & 0x7f) << 7) | (buf[p + 2] << 14);
        p += 3;
      } else break;
      values[vp++] = v;
    }
    r.pos = p;
    this.vp = vp;
    while (r.pos < end) this.pushValue(r.varint());
    r.end = outer;
  }

  private pushValue(v: number): void {
    const limit = (this.sample + 1) * this.width;
    if (this.vp >= limit) {
      this.extraValues++; // reported once the whole sample is read, like pprof does
      return;
    }
    if ((v | 0) !== v && this.values instanceof Int32Array)
      this.values = Float64Array.from(this.values);
    this.values[this.vp++] = v;
  }

  private readLabel(r: WireReader): void {
    const end = r.lengthEnd();
    const outer = r.end;
    r.end = end;
    const i = this.keepLabels ? this.lp++ : 0;
    while (r.pos < end) {
      const key = r.key();
      if (key === 0x08) this.labelKey[i] = r.varint();
      else if (key === 0x10) this.labelStr[i] = r.varint();
      else if (key === 0x18) this.labelNum[i] = r.varint();
      else if (key === 0x20) this.labelUnit[i] = r.varint();
      else if (key >>> 3 >= 1 && key >>> 3 <= 4)
        throw new ParseError(`type mismatch: wire type ${key & 7} for label field ${key >>> 3}`, {
          offset: r.pos,
        });
      else r.skip(key & 7);
    }
    r.end = outer;
  }
}

/** The length of the varint varint4 read last (a module variable: no object per call). */
let varintLength = 0;

/**
 * A varint of up to four bytes (< 2^28) at p, read without branches on its length (branches
 * on data-dependent lengths mispredict: measured 2x on the stack loop); -1 when longer.
 * Bytes past the buffer read as undefined, i.e. 0; callers check the field's end.
 */
function varint4(buf: Uint8Array, p: number): number {
  const b0 = buf[p];
  const b1 = buf[p + 1];
  const b2 = buf[p + 2];
  const b3 = buf[p + 3];
  const c0 = b0 >> 7;
  const c1 = c0 & (b1 >> 7);
  const c2 = c1 & (b2 >> 7);
  if ((c2 & (b3 >> 7)) !== 0) return -1;
  varintLength = 1 + c0 + c1 + c2;
  return (
    (b0 & 0x7f) | (((b1 & 0x7f) << 7) & -c0) | (((b2 & 0x7f) << 14) & -c1) | ((b3 << 21) & -c2)
  );
}

/** Location indexes no wider than needed: then the stacks take no more room than on the wire. */
function indexArray(locations: number, n: number): Uint8Array | Uint16Array | Uint32Array {
  if (locations <= 0x100) return new Uint8Array(n);
  if (locations <= 0x10000) return new Uint16Array(n);
  return new Uint32Array(n);
}

function unknownLocation(id: number): ParseError {
  return new ParseError(
    `malformed profile: sample references location ID ${id} that does not exist`,
  );
}
