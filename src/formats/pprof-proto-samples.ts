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
  private sample = 0;
  private sp = 0;
  private vp = 0;
  private lp = 0;
  private extraValues = 0;
  private readonly dense: Int32Array | undefined;

  constructor(
    counts: { samples: number; stackEntries: number; labels: number; locations: number },
    private readonly width: number,
    private readonly locIndex: IdIndex,
    private readonly keepLabels = true,
  ) {
    this.stackStart = new Uint32Array(counts.samples + 1);
    this.stack = indexArray(counts.locations, counts.stackEntries);
    this.values = new Int32Array(counts.samples * width);
    this.labelStart = new Uint32Array(counts.samples + 1);
    const labels = keepLabels ? counts.labels : 0;
    this.labelKey = new Int32Array(labels);
    this.labelStr = new Int32Array(labels);
    this.labelNum = new Float64Array(labels);
    this.dense = locIndex.dense;
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
      stack: this.stack,
      values: this.values,
      labelStart: this.labelStart,
      labelKey: this.labelKey,
      labelStr: this.labelStr,
      labelNum: this.labelNum,
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
      // Location IDs are small: one or two varint bytes inline, the reader for the rest.
      let id = buf[p++];
      if (id >= 0x80) {
        if (p < end && buf[p] < 0x80) id = (id & 0x7f) | (buf[p++] << 7);
        else {
          r.pos = p - 1;
          id = r.varint();
          p = r.pos;
        }
      }
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
      else if (key === 0x20)
        r.varint(); // num_unit: not used by top/diff
      else if (key >>> 3 >= 1 && key >>> 3 <= 4)
        throw new ParseError(`type mismatch: wire type ${key & 7} for label field ${key >>> 3}`, {
          offset: r.pos,
        });
      else r.skip(key & 7);
    }
    r.end = outer;
  }
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
