/**
 * The byte level of a Go execution trace (Go >= 1.22): the header, unsigned varints and
 * batches, read in place from one Uint8Array (nothing is copied: a 100 MB trace stays one
 * buffer). Sources: $GOROOT/src/internal/trace/batch.go readBatch, version/version.go.
 */
import { ParseError } from '../model/errors.js';
import { Ev, MAX_BATCH_SIZE, TRACE_VERSIONS } from './go-trace-spec.js';

/** "go 1.N trace\0\0\0": 16 bytes for N of two digits. */
const HEADER = /^go 1\.(\d{1,3}) trace\0\0\0/;

/** The trace version (22 for Go 1.22) and where the batches start, or undefined: not a trace. */
export function readTraceHeader(buf: Uint8Array): { version: number; start: number } | undefined {
  const head = String.fromCharCode(...buf.subarray(0, 20));
  const m = HEADER.exec(head);
  if (!m) return undefined;
  const version = Number(m[1]);
  if (!(TRACE_VERSIONS as readonly number[]).includes(version)) {
    const why =
      version < 22
        ? `a Go 1.${version} execution trace: only the Go >= 1.22 format is read (go tool trace reads older ones)`
        : `unknown execution trace version go 1.${version}`;
    throw new ParseError(why, { offset: 0, kind: 'unrecognized' });
  }
  return { version, start: m[0].length };
}

/** A position in the trace that reads varints and bytes, throwing ParseError past the end. */
export class Cursor {
  constructor(
    readonly buf: Uint8Array,
    public pos: number,
    public end: number = buf.length,
  ) {}

  byte(): number {
    if (this.pos >= this.end) throw this.fail('unexpected end of data');
    return this.buf[this.pos++];
  }

  /**
   * An unsigned LEB128 varint (encoding/binary.Uvarint: at most 10 bytes) as a double. Up to
   * 7 bytes (49 bits) it is exact; longer ones are rounded once, as Go's float64(uint64) does.
   */
  uvarint(): number {
    const buf = this.buf;
    let pos = this.pos;
    let x = 0;
    let scale = 1;
    for (let i = 0; i < 7; i++) {
      if (pos >= this.end) throw this.fail('unexpected end of data in a varint');
      const b = buf[pos++];
      if (b < 0x80) {
        this.pos = pos;
        return x + b * scale;
      }
      x += (b & 0x7f) * scale;
      scale *= 128;
    }
    return this.longUvarint();
  }

  /** A uvarint read as Go converts it to a signed ID (ThreadID(uint64)): 2^64-1 is -1. */
  id(): number {
    const at = this.pos;
    const v = this.uvarint();
    if (v < 2 ** 53) return v;
    this.pos = at;
    return Number(BigInt.asIntN(64, this.bigUvarint()));
  }

  private longUvarint(): number {
    return Number(this.bigUvarint());
  }

  private bigUvarint(): bigint {
    let x = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw this.fail('unexpected end of data in a varint');
      const b = this.buf[this.pos++];
      if (i === 9 && b > 1) throw this.fail('varint overflows 64 bits');
      x |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return x;
      shift += 7n;
    }
    throw this.fail('varint longer than 10 bytes');
  }

  fail(what: string): ParseError {
    return new ParseError(what, { offset: this.pos });
  }
}

/** One batch: its header fields and where its data lies in the buffer. */
export interface Batch {
  readonly gen: number;
  readonly m: number;
  /** The batch's base timestamp in trace clock ticks. */
  readonly time: number;
  readonly start: number;
  readonly end: number;
  /** Experiment ID (0: a regular batch). */
  readonly exp: number;
  /** True for the Go 1.26 end-of-generation marker (no other field is set). */
  readonly endOfGeneration?: boolean;
}

/** The next batch, or undefined at the end of the data (readBatch in batch.go). */
export function readBatch(c: Cursor): Batch | undefined {
  if (c.pos >= c.end) return undefined;
  const at = c.pos;
  const typ = c.byte();
  if (typ === Ev.EndOfGeneration)
    return { gen: 0, m: -1, time: 0, start: c.pos, end: c.pos, exp: 0, endOfGeneration: true };
  if (typ !== Ev.EventBatch && typ !== Ev.ExperimentalBatch) {
    throw new ParseError(`expected a batch, got event type ${typ}`, { offset: at });
  }
  const exp = typ === Ev.ExperimentalBatch ? c.byte() : 0;
  const gen = c.uvarint();
  const m = c.id();
  const time = c.uvarint();
  const size = c.uvarint();
  if (size > MAX_BATCH_SIZE) {
    throw new ParseError(`batch of ${size} bytes, the maximum is ${MAX_BATCH_SIZE}`, {
      offset: at,
    });
  }
  if (c.pos + size > c.end) {
    const what = `batch cut short: ${c.end - c.pos} of ${size} bytes (truncated trace?)`;
    throw new ParseError(what, { offset: at });
  }
  const start = c.pos;
  c.pos += size;
  return { gen, m, time, start, end: c.pos, exp };
}
