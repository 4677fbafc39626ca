/**
 * The Go execution trace reader (Go >= 1.22 format): events in the order and with the times
 * Go's own reader gives them. Per generation, one cursor per M walks its batches; the cursor
 * with the earliest next event advances if the ordering allows, else the others are tried in
 * time order; CPU samples are slipped in by time; a Sync event opens each generation and
 * closes the trace. Source: $GOROOT/src/internal/trace/reader.go (ReadEvent, installGen,
 * nextGenWithSpill) and batchcursor.go (nextEvent, the frontier min-heap).
 *
 * Times are nanoseconds since the first generation's start (Go prints absolute trace-clock
 * nanoseconds, which pass 2^53 after 104 days of uptime; `base` gives the offset exactly).
 */
import { ParseError } from '../model/errors.js';
import { Ev, SPECS } from './go-trace-spec.js';
import {
  type CpuSample,
  type Generation,
  type SpillRead,
  readGeneration,
  readGenerationWithSpill,
  ticksToNs,
} from './go-trace-gen.js';
import { TraceEvent } from './go-trace-event.js';
import { Ordering } from './go-trace-order.js';
import { type Batch, Cursor, readTraceHeader } from './go-trace-wire.js';

class BatchCursor {
  idx = 0;
  pos = -1;
  lastTs = 0;
  ev!: TraceEvent;
  readonly cursor: Cursor;
  constructor(
    readonly m: number,
    readonly batches: Batch[],
    buf: Uint8Array,
  ) {
    this.cursor = new Cursor(buf, 0);
  }
}

export class GoTraceReader {
  readonly version: number;
  /** Absolute trace-clock nanoseconds of time 0 (the first generation's start), as a bigint. */
  base = 0n;
  private baseNs = NaN;
  private readonly cursor: Cursor;
  private readonly order = new Ordering();
  private gen: Generation | undefined;
  private frontier: BatchCursor[] = [];
  private samples: CpuSample[] = [];
  private sampleIdx = 0;
  private lastTs = 0;
  private syncs = 0;
  private done = false;
  private pendingError: ParseError | undefined;
  private spill: Batch | undefined;
  private spillError: ParseError | undefined;
  private spillErrorSynced = false;

  /** Throws ParseError kind 'unrecognized' when buf is not a Go >= 1.22 execution trace. */
  constructor(buf: Uint8Array) {
    const head = readTraceHeader(buf);
    if (!head)
      throw new ParseError('not a Go execution trace (no "go 1.N trace" header)', {
        kind: 'unrecognized',
      });
    this.version = head.version;
    this.cursor = new Cursor(buf, head.start);
  }

  /** Bytes of the trace read so far (generations are read whole). */
  get offset(): number {
    return this.cursor.pos;
  }

  /** The next event, or undefined at the end; a ParseError once the trace turns out broken. */
  next(): TraceEvent | undefined {
    if (this.done) return undefined;
    const ev = this.read();
    if (!ev) return undefined;
    if (ev.typ !== Ev.ReaderSync) this.validateTableIds(ev);
    if (ev.time <= this.lastTs) ev.time = this.lastTs + 1;
    this.lastTs = ev.time;
    return ev;
  }

  private read(): TraceEvent | undefined {
    const queued = this.order.next();
    if (queued) return queued;
    if (this.frontier.length === 0 && this.sampleIdx === this.samples.length)
      return this.nextGeneration();
    const samples = this.samples;
    if (this.sampleIdx < samples.length) {
      const s = samples[this.sampleIdx];
      if (this.frontier.length === 0 || this.offsetOf(s.time) < this.frontier[0].ev.time) {
        this.sampleIdx++;
        return this.sampleEvent(s);
      }
    }
    if (this.frontier.length === 0) throw new ParseError('broken trace: no events left to order');
    if (!this.tryAdvance(0)) {
      this.frontier.sort((a, b) => a.ev.time - b.ev.time);
      let ok = false;
      for (let i = 1; i < this.frontier.length && !ok; i++) ok = this.tryAdvance(i);
      if (!ok)
        throw new ParseError(`broken trace: no M can advance in generation ${this.gen?.gen}`);
    }
    const ev = this.order.next();
    if (!ev) throw new Error('internal error: advanced, but nothing queued');
    return ev;
  }

  private sampleEvent(s: CpuSample): TraceEvent {
    const ev = new TraceEvent(Ev.CPUSample, this.offsetOf(s.time));
    ev.a0 = s.stack;
    ev.g = s.g;
    ev.p = s.p;
    ev.m = s.m;
    ev.table = this.gen;
    return ev;
  }

  private tryAdvance(i: number): boolean {
    const bc = this.frontier[i];
    const gen = this.gen as Generation;
    if (!this.order.advance(bc.ev, gen, bc.m, gen.gen)) return false;
    if (this.nextEvent(bc, gen.nsPerTick)) heapUpdate(this.frontier, i);
    else this.frontier = heapRemove(this.frontier, i);
    return true;
  }

  private syncEvent(time: number): TraceEvent {
    const ev = new TraceEvent(Ev.ReaderSync, time);
    ev.a0 = ++this.syncs;
    ev.table = this.gen;
    return ev;
  }

  private nextGeneration(): TraceEvent | undefined {
    if (this.version < 26) return this.nextGenerationWithSpill();
    if (this.pendingError) {
      this.done = true;
      throw this.pendingError;
    }
    let gen: Generation | undefined;
    try {
      gen = readGeneration(this.cursor, this.version);
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      this.pendingError = err;
      this.gen = undefined;
      return this.syncEvent(this.lastTs);
    }
    return this.install(gen);
  }

  private nextGenerationWithSpill(): TraceEvent | undefined {
    if (this.spillError) {
      if (this.spillErrorSynced) {
        this.done = true;
        throw this.spillError;
      }
      this.spillErrorSynced = true;
      return this.syncEvent(this.lastTs);
    }
    if (this.gen && !this.spill) {
      this.done = true;
      return this.syncEvent(this.lastTs);
    }
    let r: SpillRead;
    try {
      r = readGenerationWithSpill(this.cursor, this.spill, this.version);
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      r = { error: err };
    }
    this.spill = r.spill;
    this.spillError = r.error;
    if (!r.gen) {
      this.gen = undefined;
      this.spillErrorSynced = true;
      return this.syncEvent(this.lastTs);
    }
    return this.install(r.gen);
  }

  private install(gen: Generation | undefined): TraceEvent {
    if (!gen) {
      this.gen = undefined;
      this.done = true;
      return this.syncEvent(this.lastTs);
    }
    this.gen = gen;
    if (Number.isNaN(this.baseNs)) {
      this.baseNs = ticksToNs(gen.minTs, gen.nsPerTick);
      this.base = BigInt(this.baseNs);
      this.lastTs = -this.baseNs;
    }
    this.samples = gen.cpuSamples;
    this.sampleIdx = 0;
    for (const [m, batches] of gen.batches) {
      const bc = new BatchCursor(m, batches, this.cursor.buf);
      if (this.nextEvent(bc, gen.nsPerTick)) this.frontier = heapInsert(this.frontier, bc);
    }
    return this.syncEvent(this.offsetOf(ticksToNs(gen.minTs, gen.nsPerTick)));
  }

  /** Absolute nanoseconds to the reader's time (exact also past 2^53). */
  private offsetOf(ns: number): number {
    if (Math.abs(ns) <= Number.MAX_SAFE_INTEGER && Math.abs(this.baseNs) <= Number.MAX_SAFE_INTEGER)
      return ns - this.baseNs;
    return Number(BigInt(ns) - this.base);
  }

  /** batchCursor.nextEvent: reads the cursor's next event; false when its batches are done. */
  private nextEvent(bc: BatchCursor, nsPerTick: number): boolean {
    let b = bc.batches[bc.idx];
    if (bc.pos < 0 && b) bc.pos = b.start;
    while (b && bc.pos === b.end) {
      b = bc.batches[++bc.idx];
      bc.pos = b ? b.start : -1;
    }
    if (!b) return false;
    if (bc.pos === b.start) bc.lastTs = this.offsetOf(ticksToNs(b.time, nsPerTick));
    const c = bc.cursor;
    const typ = c.buf[bc.pos];
    const spec = SPECS[typ];
    if (spec.args < 0)
      throw new ParseError(`event type ${typ} without a timestamp in an event batch`, {
        offset: bc.pos,
      });
    c.pos = bc.pos + 1;
    c.end = b.end;
    const dt = c.uvarint();
    const time = ticksToNs(dt, nsPerTick) + bc.lastTs;
    const ev = new TraceEvent(typ, time);
    const n = spec.args;
    if (n > 0) ev.a0 = c.uvarint();
    if (n > 1) ev.a1 = c.uvarint();
    if (n > 2) ev.a2 = c.uvarint();
    if (n > 3) ev.a3 = c.uvarint();
    bc.ev = ev;
    bc.pos = c.pos;
    bc.lastTs = bc.ev.time;
    return true;
  }

  /** Event.validateTableIDs: strings and stacks an event names must be in its table. */
  private validateTableIds(ev: TraceEvent): void {
    if (!NAMES_IDS[ev.typ]) return;
    const spec = SPECS[ev.typ];
    const t = ev.table;
    if (!t) return;
    for (const i of spec.stacks) {
      const id = ev.arg(i);
      if (id !== 0 && !t.stacks.has(id))
        throw new ParseError(`stack ${id} of a ${spec.name} event not in the table`);
    }
    for (const i of spec.strings) {
      const id = ev.arg(i);
      if (id !== 0 && !t.strings.has(id))
        throw new ParseError(`string ${id} of a ${spec.name} event not in the table`);
    }
  }
}

/** Event types that name a string or a stack (the rest need no table check). */
const NAMES_IDS = SPECS.map((s) => s.stacks.length > 0 || s.strings.length > 0);

function heapInsert(heap: BatchCursor[], bc: BatchCursor): BatchCursor[] {
  heap.push(bc);
  siftUp(heap, heap.length - 1);
  return heap;
}

function heapUpdate(heap: BatchCursor[], i: number): void {
  if (siftUp(heap, i) !== i) return;
  siftDown(heap, i);
}

function heapRemove(heap: BatchCursor[], i: number): BatchCursor[] {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    [heap[parent], heap[i]] = [heap[i], heap[parent]];
    i = parent;
  }
  [heap[0], heap[heap.length - 1]] = [heap[heap.length - 1], heap[0]];
  heap.pop();
  siftDown(heap, 0);
  return heap;
}

function siftUp(heap: BatchCursor[], i: number): number {
  while (i > 0 && heap[(i - 1) >> 1].ev.time > heap[i].ev.time) {
    const parent = (i - 1) >> 1;
    [heap[parent], heap[i]] = [heap[i], heap[parent]];
    i = parent;
  }
  return i;
}

function siftDown(heap: BatchCursor[], i: number): void {
  for (;;) {
    let m = i;
    let minT = i < heap.length ? heap[i].ev.time : Infinity;
    const l = 2 * i + 1;
    if (l < heap.length && heap[l].ev.time < minT) {
      minT = heap[l].ev.time;
      m = l;
    }
    if (l + 1 < heap.length && heap[l + 1].ev.time < minT) m = l + 1;
    if (m === i) return;
    [heap[i], heap[m]] = [heap[m], heap[i]];
    i = m;
  }
}
