/**
 * Generations of a Go execution trace: the runtime writes its events in generations of about
 * one second, each with its own string and stack tables, clock frequency and per-M batches.
 * Go 1.26 ends each with an EndOfGeneration byte; 1.22-1.25 start the next one with a batch
 * of the next generation number (read ahead and "spilled" into it). Source:
 * $GOROOT/src/internal/trace/generation.go (readGeneration, readGenerationWithSpill,
 * processBatch, addStrings, addStacks, addCPUSamples, setSyncBatch).
 */
import { ParseError } from '../model/errors.js';
import { Ev, MAX_FRAMES_PER_STACK, MAX_STRING_SIZE } from './go-trace-spec.js';
import { type Batch, Cursor, readBatch } from './go-trace-wire.js';

export interface CpuSample {
  time: number;
  readonly m: number;
  readonly p: number;
  readonly g: number;
}

export interface Generation {
  gen: number;
  /** Event batches per M, in the order the Ms first appear. */
  readonly batches: Map<number, Batch[]>;
  /** Smallest batch timestamp (ticks) of the generation. */
  minTs: number;
  /** Nanoseconds per tick (internal/trace frequency: 1 / (ticksPerSec / 1e9)). */
  nsPerTick: number;
  hasClockSnapshot: boolean;
  readonly strings: Map<number, string>;
  readonly cpuSamples: CpuSample[];
}

function newGeneration(): Generation {
  return {
    gen: 0,
    batches: new Map(),
    minTs: 0,
    nsPerTick: 0,
    hasClockSnapshot: false,
    strings: new Map(),
    cpuSamples: [],
  };
}

/** Go 1.26: batches up to EndOfGeneration; undefined at a clean end of the data. */
export function readGeneration(c: Cursor, version: number): Generation | undefined {
  const g = newGeneration();
  for (;;) {
    const at = c.pos;
    const b = readBatch(c);
    if (!b) {
      if (g.batches.size !== 0 || g.gen !== 0)
        throw new ParseError('incomplete generation: the trace is truncated', { offset: at });
      return undefined;
    }
    if (g.gen === 0) g.gen = b.gen;
    if (b.endOfGeneration) break;
    if (b.gen === 0) throw new ParseError('invalid generation number 0', { offset: at });
    if (b.gen !== g.gen)
      throw new ParseError('missing end-of-generation, or generations interleaved', { offset: at });
    addBatch(g, b, c.buf, version);
  }
  return finish(g, version);
}

/** Go 1.22-1.25: the spilled batch of the previous read, and the read error held back. */
export interface SpillRead {
  readonly gen?: Generation;
  readonly spill?: Batch;
  readonly error?: ParseError;
}

/** readGenerationWithSpill: an error after the first batch is returned with what was read. */
export function readGenerationWithSpill(c: Cursor, spill: Batch | undefined, version: number): SpillRead {
  const g = newGeneration();
  if (spill) {
    g.gen = spill.gen;
    g.minTs = spill.time;
    addBatch(g, spill, c.buf, version);
  }
  let next: Batch | undefined;
  let error: ParseError | undefined;
  for (;;) {
    let b: Batch | undefined;
    try {
      b = readBatch(c);
    } catch (err) {
      if (g.gen === 0 || !(err instanceof ParseError)) throw err;
      error = err;
      break;
    }
    if (!b) break;
    if (b.endOfGeneration || b.gen === 0) throw new ParseError('invalid generation number 0', { offset: b.start });
    if (g.gen === 0) g.gen = b.gen;
    if (b.gen === g.gen + 1) {
      next = b;
      break;
    }
    if (b.gen !== g.gen) throw new ParseError('generations out of order', { offset: b.start });
    if (g.minTs === 0 || b.time < g.minTs) g.minTs = b.time;
    addBatch(g, b, c.buf, version);
  }
  if (g.gen === 0) return {};
  return { gen: finish(g, version), spill: next, error };
}

function finish(g: Generation, version: number): Generation {
  if (g.nsPerTick === 0) throw new ParseError(`generation ${g.gen}: no frequency event`);
  if (version >= 25 && !g.hasClockSnapshot)
    throw new ParseError(`generation ${g.gen}: no clock snapshot event`);
  for (const s of g.cpuSamples) s.time = Math.trunc(s.time * g.nsPerTick);
  g.cpuSamples.sort((a, b) => a.time - b.time);
  return g;
}

/** processBatch: tables and samples are read now; event batches are kept per M. */
function addBatch(g: Generation, b: Batch, buf: Uint8Array, version: number): void {
  if (version >= 26 && (g.minTs === 0 || b.time < g.minTs)) g.minTs = b.time;
  const first = b.end > b.start ? buf[b.start] : -1;
  const c = new Cursor(buf, b.start + 1, b.end);
  if (b.exp !== 0) return; // experimental data (AllocFree): not used here
  if (first === Ev.Strings) return readStrings(c, g.strings);
  if (first === Ev.Stacks) return skipStacks(c);
  if (first === Ev.CPUSamples) return readCpuSamples(c, g.cpuSamples);
  if ((version < 25 && first === Ev.Frequency) || (version >= 25 && first === Ev.Sync)) {
    return readSync(version < 25 ? new Cursor(buf, b.start, b.end) : c, g, b.time, version);
  }
  const list = g.batches.get(b.m);
  if (list) list.push(b);
  else g.batches.set(b.m, [b]);
}

function readStrings(c: Cursor, strings: Map<number, string>): void {
  const decoder = new TextDecoder();
  while (c.pos < c.end) {
    if (c.byte() !== Ev.String) throw c.fail('expected a string in the strings batch');
    const id = c.uvarint();
    const len = c.uvarint();
    if (len > MAX_STRING_SIZE) throw c.fail(`string of ${len} bytes, the maximum is ${MAX_STRING_SIZE}`);
    if (c.pos + len > c.end) throw c.fail('string cut short');
    if (strings.has(id) || id === 0) throw c.fail(`two strings with ID ${id}`);
    strings.set(id, decoder.decode(c.buf.subarray(c.pos, c.pos + len)));
    c.pos += len;
  }
}

/** Stack tables are checked for shape only: the GC analysis needs no stacks. */
function skipStacks(c: Cursor): void {
  while (c.pos < c.end) {
    if (c.byte() !== Ev.Stack) throw c.fail('expected a stack in the stacks batch');
    c.uvarint();
    const frames = c.uvarint();
    if (frames > MAX_FRAMES_PER_STACK) throw c.fail(`stack of ${frames} frames, the maximum is ${MAX_FRAMES_PER_STACK}`);
    for (let i = 0; i < frames * 4; i++) c.uvarint();
  }
}

function readCpuSamples(c: Cursor, out: CpuSample[]): void {
  while (c.pos < c.end) {
    if (c.byte() !== Ev.CPUSample) throw c.fail('expected a CPU sample');
    const time = c.uvarint();
    const m = c.uvarint();
    const p = c.uvarint();
    const g = c.uvarint();
    c.uvarint(); // stack
    out.push({ time, m, p, g: g === 0 ? -1 : g });
  }
}

/** setSyncBatch: the frequency (and from Go 1.25 the clock snapshot). */
function readSync(c: Cursor, g: Generation, batchTime: number, version: number): void {
  while (c.pos < c.end) {
    const ev = c.byte();
    if (ev === Ev.Frequency) {
      if (g.nsPerTick !== 0) throw c.fail('two frequency events');
      const f = c.uvarint();
      g.nsPerTick = 1.0 / (f / 1e9);
      if (!Number.isFinite(g.nsPerTick)) throw c.fail('frequency 0');
    } else if (ev === Ev.ClockSnapshot && version >= 25) {
      if (g.hasClockSnapshot) throw c.fail('two clock snapshot events');
      g.hasClockSnapshot = true;
      for (let i = 0; i < 4; i++) c.uvarint(); // dt, mono, sec, nsec
    } else throw c.fail(`expected a frequency or clock snapshot event, got ${ev}`);
  }
  void batchTime;
}
