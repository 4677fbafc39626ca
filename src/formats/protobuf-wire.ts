/**
 * A minimal protobuf wire-format reader over a Uint8Array, written for speed: no objects per
 * field, varints with a one-byte fast path, packed fields straight into typed arrays.
 * Encoding reference: https://protobuf.dev/programming-guides/encoding/
 */
import { ParseError } from '../model/errors.js';

export const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
const WIRE_FIXED32 = 5;

const TWO_32 = 4294967296;

export class WireReader {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    pos: number,
    public end: number,
  ) {
    this.pos = pos;
  }

  /** An unsigned varint as a number (int64 two's complement comes back signed). */
  varint(): number {
    const p = this.pos;
    if (p < this.end) {
      const b = this.buf[p];
      if (b < 0x80) {
        this.pos = p + 1;
        return b;
      }
      if (p + 1 < this.end) {
        const c = this.buf[p + 1];
        if (c < 0x80) {
          this.pos = p + 2;
          return (b & 0x7f) | (c << 7);
        }
      }
    }
    return this.varintSlow();
  }

  private varintSlow(): number {
    const buf = this.buf;
    const start = this.pos;
    let p = start;
    let lo = 0;
    let hi = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (p >= this.end) throw new ParseError('bad varint (truncated)', { offset: start });
      const b = buf[p++];
      if (shift < 28) lo |= (b & 0x7f) << shift;
      else if (shift === 28) {
        lo |= (b & 0x0f) << 28;
        hi = (b & 0x7f) >> 4;
      } else hi |= (b & 0x7f) << (shift - 32);
      if (b < 0x80) {
        this.pos = p;
        return (hi | 0) * TWO_32 + (lo >>> 0);
      }
    }
    throw new ParseError('bad varint (longer than 10 bytes)', { offset: start });
  }

  /** Reads a tag; returns field number * 8 + wire type (the raw key). */
  key(): number {
    return this.varint();
  }

  /** The end offset of a length-delimited field that starts at pos; checks the length. */
  lengthEnd(): number {
    const len = this.varint();
    const end = this.pos + len;
    if (len < 0 || end > this.end)
      throw new ParseError(`length ${len} runs past the end of its message`, { offset: this.pos });
    return end;
  }

  /** Skips one field of the given wire type. */
  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_FIXED64:
        this.advance(8);
        return;
      case WIRE_BYTES:
        this.pos = this.lengthEnd();
        return;
      case WIRE_FIXED32:
        this.advance(4);
        return;
      default:
        throw new ParseError(`unknown wire type ${wireType}`, { offset: this.pos });
    }
  }

  private advance(n: number): void {
    if (this.pos + n > this.end)
      throw new ParseError('fixed-size field runs past the end', { offset: this.pos });
    this.pos += n;
  }

  /** A single varint field; rejects the wrong wire type. */
  scalar(wireType: number): number {
    if (wireType !== WIRE_VARINT)
      throw new ParseError(`type mismatch: wire type ${wireType} for an integer`, {
        offset: this.pos,
      });
    return this.varint();
  }
}
