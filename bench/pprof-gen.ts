/**
 * Writes synthetic profile.proto files for the pprof benchmark, shaped like Go heap profiles
 * (the four heap sample types, a `bytes` numeric label, one mapping, locations with inlined
 * lines) but with stacks and labels drawn at random from a seed, so a shape of any size is
 * made in a second and never committed. `go tool pprof` reads them like the runtime's own.
 */
import { seededRandom } from '../test/support/random.js';

/** A growable protobuf writer (profile.proto needs only varints and length-delimited fields). */
export class ProtoWriter {
  buf: Uint8Array;
  pos = 0;

  constructor(size = 64) {
    this.buf = new Uint8Array(size);
  }

  /** Empties the writer for reuse (nested messages are written into scratch writers). */
  reset(): this {
    this.pos = 0;
    return this;
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  varint(v: number): void {
    this.room(10);
    if (v < 0) return this.negative(v);
    while (v >= 0x80) {
      this.buf[this.pos++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.pos++] = v;
  }

  private negative(v: number): void {
    let x = BigInt.asUintN(64, BigInt(v));
    while (x >= 0x80n) {
      this.buf[this.pos++] = Number(x & 0x7fn) | 0x80;
      x >>= 7n;
    }
    this.buf[this.pos++] = Number(x);
  }

  uint(field: number, v: number): void {
    this.varint(field * 8);
    this.varint(v);
  }

  packed(field: number, vs: ArrayLike<number>): void {
    const body = scratch.reset();
    for (let i = 0; i < vs.length; i++) body.varint(vs[i]);
    this.message(field, body);
  }

  string(field: number, s: string): void {
    const b = new TextEncoder().encode(s);
    this.varint(field * 8 + 2);
    this.varint(b.length);
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  message(field: number, body: ProtoWriter): void {
    this.varint(field * 8 + 2);
    this.varint(body.pos);
    this.room(body.pos);
    this.buf.set(body.buf.subarray(0, body.pos), this.pos);
    this.pos += body.pos;
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}

const scratch = new ProtoWriter(1024);

export interface Shape {
  readonly samples: number;
  readonly minDepth: number;
  readonly maxDepth: number;
  /**
   * Distinct functions. Each calls FANOUT others from as many call sites (one location
   * each) and allocates at one more: stacks are random walks down this call graph, so
   * they are mostly distinct while callers and callees stay few, as in real programs.
   */
  readonly functions: number;
  /** String labels per sample (keys k0.., values from a small set each), besides `bytes`. */
  readonly labels?: number;
  readonly seed?: number;
}

class Strings {
  readonly list: string[] = [''];
  private readonly index = new Map<string, number>([['', 0]]);
  id(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

/** An uncompressed profile.proto of the given shape, written in the Go runtime's field order. */
export function generateProfile(shape: Shape): Uint8Array {
  const rnd = seededRandom(shape.seed ?? 1); // the same bytes on every run
  const strs = new Strings();
  const w = new ProtoWriter(1 << 20);
  for (const [t, u] of [
    ['alloc_objects', 'count'],
    ['alloc_space', 'bytes'],
    ['inuse_objects', 'count'],
    ['inuse_space', 'bytes'],
  ]) {
    const vt = new ProtoWriter();
    vt.uint(1, strs.id(t));
    vt.uint(2, strs.id(u));
    w.message(1, vt);
  }
  const locations = writeSamples(w, shape, rnd, strs);
  writeMapping(w, strs);
  writeLocations(w, shape, locations, rnd);
  writeFunctions(w, shape, strs);
  const pt = new ProtoWriter();
  pt.uint(1, strs.id('space'));
  pt.uint(2, strs.id('bytes'));
  w.message(11, pt);
  w.uint(12, 512 * 1024);
  w.uint(9, 1_780_000_000_000_000_000);
  for (const s of strs.list) w.string(6, s);
  return w.bytes();
}

const FANOUT = 6;
const ROOTS = 20;

/** Location IDs 1..n: call site k (k = FANOUT: the allocation) of function f is one. */
const siteOf = (f: number, k: number) => (f - 1) * (FANOUT + 1) + k + 1;
const functionOfSite = (id: number) => Math.floor((id - 1) / (FANOUT + 1)) + 1;

/** The function that call site k of f calls: fixed per site (a hash of both). */
function calleeOf(f: number, k: number, functions: number): number {
  const h = Math.imul(f * 31 + k, 0x9e3779b1) >>> 0;
  return 1 + (h % functions);
}

/**
 * One call site in eight has its callee inlined: the site's location gets the callee's line
 * before the caller's, and the stack goes on from the callee's own call site k (the call
 * graph stays consistent: an inlined function is called by the functions it is inlined into).
 */
const inlines = (site: number) => site % 8 === 0;

/** The function the stack goes on in after call site k of f, inlined callee or not. */
function nextFunction(f: number, k: number, functions: number): number {
  const callee = calleeOf(f, k, functions);
  return inlines(siteOf(f, k)) ? calleeOf(callee, k, functions) : callee;
}

function writeSamples(w: ProtoWriter, shape: Shape, rnd: () => number, strs: Strings): number {
  const nLoc = siteOf(shape.functions, FANOUT);
  const stack = new Float64Array(shape.maxDepth);
  const values = [0, 0, 0, 0];
  const sampleBody = new ProtoWriter(1024);
  const label = new ProtoWriter();
  const bytesKey = strs.id('bytes');
  const labelKeys = Array.from({ length: shape.labels ?? 0 }, (_, k) => strs.id(`k${k}`));
  const labelValues = labelKeys.map((_, k) =>
    Array.from({ length: 4 + k * 3 }, (_, v) => strs.id(`value-${k}-${v}`)),
  );
  for (let s = 0; s < shape.samples; s++) {
    const depth = shape.minDepth + Math.floor(rnd() * (shape.maxDepth - shape.minDepth + 1));
    let f = 1 + Math.floor(rnd() * ROOTS);
    for (let d = depth - 1; d > 0; d--) {
      const k = Math.floor(rnd() * FANOUT);
      stack[d] = siteOf(f, k);
      f = nextFunction(f, k, shape.functions);
    }
    stack[0] = siteOf(f, FANOUT);
    const size = 16 << Math.floor(rnd() * 8);
    const objs = 1 + Math.floor(rnd() * 20);
    values[0] = objs;
    values[1] = objs * size;
    values[2] = rnd() < 0.3 ? 0 : Math.floor(objs / 2);
    values[3] = values[2] * size;
    const body = sampleBody.reset();
    body.packed(1, stack.subarray(0, depth));
    body.packed(2, values);
    const num = label.reset();
    num.uint(1, bytesKey);
    num.uint(3, size);
    body.message(3, num);
    labelKeys.forEach((key, k) => {
      const l = label.reset();
      l.uint(1, key);
      l.uint(2, labelValues[k][Math.floor(rnd() * labelValues[k].length)]);
      body.message(3, l);
    });
    w.message(2, body);
  }
  return nLoc;
}

function writeMapping(w: ProtoWriter, strs: Strings): void {
  const m = new ProtoWriter();
  m.uint(1, 1);
  m.uint(2, 0x400000);
  m.uint(3, 0x4000000);
  m.uint(5, strs.id('/app/service'));
  m.uint(6, strs.id('0123456789abcdef'));
  for (const f of [7, 8, 9, 10]) m.uint(f, 1);
  w.message(3, m);
}

/** Locations of sites that inline their callee have two lines (callee, then caller). */
function writeLocations(w: ProtoWriter, shape: Shape, n: number, rnd: () => number): void {
  for (let id = 1; id <= n; id++) {
    const l = new ProtoWriter();
    l.uint(1, id);
    l.uint(2, 1);
    l.uint(3, 0x401000 + id * 0x40);
    const fn = functionOfSite(id);
    const k = (id - 1) % (FANOUT + 1);
    if (inlines(id)) writeLine(l, calleeOf(fn, k, shape.functions), 10 + (id % 50));
    writeLine(l, fn, 20 + Math.floor(rnd() * 200));
    w.message(4, l);
  }
}

function writeLine(l: ProtoWriter, fn: number, line: number): void {
  const ln = new ProtoWriter();
  ln.uint(1, fn);
  ln.uint(2, line);
  l.message(4, ln);
}

function writeFunctions(w: ProtoWriter, shape: Shape, strs: Strings): void {
  for (let id = 1; id <= shape.functions; id++) {
    const pkg = `github.com/acme/service/internal/pkg${id % 97}`;
    const name = `${pkg}.(*Type${id % 13}).Method${id}`;
    const f = new ProtoWriter();
    f.uint(1, id);
    f.uint(2, strs.id(name));
    f.uint(3, strs.id(name));
    f.uint(4, strs.id(`/src/${pkg}/file${id % 7}.go`));
    f.uint(5, 10 + (id % 40));
    w.message(5, f);
  }
}
