/**
 * Generations of a Go execution trace: the runtime writes its events in generations of about
 * one second, each with its own string and stack tables, clock frequency and per-M batches.
 * Go 1.26 ends each with an EndOfGeneration byte; 1.22-1.25 start the next one with a batch
 * of the next generation number (read ahead and "spilled" into it). Source:
 * $GOROOT/src/internal/trace/generation.go (readGeneration, readGenerationWithSpill,
 * processBatch, addStrings, addStacks, addCPUSamples, setSyncBatch, validateStackStrings).
 */
import { ParseError } from '../model/errors.js';
import { Ev, MAX_FRAMES_PER_STACK, MAX_STRING_SIZE } from './go-trace-spec.js';
import { type Batch, Cursor, readBatch } from './go-trace-wire.js';

export interface CpuSample {
  /** Ticks when read, nanoseconds (Go's freq.mul) once the generation is complete. */
  time: number;
  readonly m: number;
  readonly p: number;
  readonly g: number;
  readonly stack: number;
}

/** The string and stack tables events of one generation refer to (internal/trace evTable). */
export interface EvTable {
  readonly strings: Map<number, string>;
  readonly stacks: Set<number>;
}

export interface Generation extends EvTable {
  gen: number;
  /** Event batches per M; Map order is the order the Ms first appear (batchMs). */
  readonly batches: Map<number, Batch[]>;
  /** Smallest batch timestamp (ticks) of the generation. */
  minTs: number;
  /** Nanoseconds per tick (internal/trace frequency: 1 / (ticksPerSec / 1e9)). */
  nsPerTick: number;
  hasClockSnapshot: boolean;
  readonly cpuSamples: CpuSample[];
  /** String IDs stack frames name (function, file), checked once all strings are read. */
  readonly frameStrings: Set<number>;
  batchCount: number;
}

/**
 * Bounds per generation on what a trace can make the reader hold (a hostile trace can
 * declare a stack every 3 bytes): far above real ones (a busy service's second has
 * thousands of stacks and batches).
 */
const MAX_TABLE_ENTRIES = 2_000_000;
const MAX_BATCHES = 1_000_000;

function tooMany(what: string, max: number): ParseError {
  return new ParseError(`more than ${max} ${what} in one generation: refused, to bound memory`, {
    kind: 'too-large',
  });
}

function newGeneration(): Generation {
  return {
    gen: 0,
    batches: new Map(),
    minTs: 0,
    nsPerTick: 0,
    hasClockSnapshot: false,
    strings: new Map(),
    stacks: new Set(),
    cpuSamples: [],
    frameStrings: new Set(),
    batchCount: 0,
  };
}

/** Go's frequency.mul: float64(ticks) * nsPerTick, truncated to an integer. */
export function ticksToNs(ticks: number, nsPerTick: number): number {
  return Math.trunc(ticks * nsPerTick);
}

/** Go 1.26: batches up to EndOfGeneration; undefined at a clean end of the data. */
export function readGeneration(c: Cursor, version: number): Generation | undefined {
  const g = newGeneration();
  let any = false;
  for (;;) {
    const at = c.pos;
    const b = readBatch(c);
    if (!b) {
      if (any)
        throw new ParseError('incomplete generation: the trace is truncated', { offset: at });
      return undefined;
    }
    if (g.gen === 0) g.gen = b.gen;
    if (b.endOfGeneration) break;
    if (b.gen === 0) throw new ParseError('invalid generation number 0', { offset: at });
    if (b.gen !== g.gen) {
      const what = 'missing end-of-generation, or generations interleaved';
      throw new ParseError(what, { offset: at });
    }
    if (g.minTs === 0 || b.time < g.minTs) g.minTs = b.time;
    addBatch(g, b, c.buf, version);
    any = true;
  }
  return finish(g, version);
}

/** Go 1.22-1.25: a generation, the next one's first batch, and a read error held back. */
export interface SpillRead {
  readonly gen?: Generation;
  readonly spill?: Batch;
  readonly error?: ParseError;
}

/** readGenerationWithSpill: a read error after the first batch comes back with what was read. */
export function readGenerationWithSpill(
  c: Cursor,
  spill: Batch | undefined,
  version: number,
): SpillRead {
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
    if (b.gen === 0) throw new ParseError('invalid generation number 0', { offset: b.start });
    if (g.gen === 0) g.gen = b.gen;
    if (b.gen === g.gen + 1) {
      next = b;
      break;
    }
    if (b.gen !== g.gen) throw new ParseError('generations out of order', { offset: b.start });
    if (g.minTs === 0 || b.time < g.minTs) g.minTs = b.time;
    addBatch(g, b, c.buf, version);
  }
  return { gen: finish(g, version), spill: next, error };
}

function finish(g: Generation, version: number): Generation {
  if (g.nsPerTick === 0) throw new ParseError(`generation ${g.gen}: no frequency event`);
  if (version >= 25 && !g.hasClockSnapshot)
    throw new ParseError(`generation ${g.gen}: no clock snapshot event`);
  for (const id of g.frameStrings) {
    if (id !== 0 && !g.strings.has(id))
      throw new ParseError(
        `generation ${g.gen}: a stack frame names string ${id}, not in the table`,
      );
  }
  for (const s of g.cpuSamples) s.time = ticksToNs(s.time, g.nsPerTick);
  g.cpuSamples.sort((a, b) => a.time - b.time);
  return g;
}

/** processBatch: tables and samples are read now; event batches are kept per M. */
function addBatch(g: Generation, b: Batch, buf: Uint8Array, version: number): void {
  if (b.exp !== 0) return; // experimental data (AllocFree): not used here
  if (b.end === b.start) return addEventBatch(g, b);
  const first = buf[b.start];
  const c = new Cursor(buf, b.start + 1, b.end);
  if (first === Ev.Strings) return readStrings(c, g.strings);
  if (first === Ev.Stacks) return readStacks(c, g);
  if (first === Ev.CPUSamples) return readCpuSamples(c, g.cpuSamples);
  if (version < 25 && first === Ev.Frequency)
    return readSync(new Cursor(buf, b.start, b.end), g, b, version);
  if (version >= 25 && first === Ev.Sync) return readSync(c, g, b, version);
  if (first === Ev.EndOfGeneration)
    throw new ParseError('unexpected end-of-generation batch', { offset: b.start });
  addEventBatch(g, b);
}

function addEventBatch(g: Generation, b: Batch): void {
  if (++g.batchCount > MAX_BATCHES) throw tooMany('batches', MAX_BATCHES);
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
    if (len > MAX_STRING_SIZE)
      throw c.fail(`string of ${len} bytes, the maximum is ${MAX_STRING_SIZE}`);
    if (c.pos + len > c.end) throw c.fail('string cut short');
    if (id === 0 || strings.has(id)) throw c.fail(`two strings with ID ${id}`);
    if (strings.size >= MAX_TABLE_ENTRIES) throw tooMany('strings', MAX_TABLE_ENTRIES);
    strings.set(id, decoder.decode(c.buf.subarray(c.pos, c.pos + len)));
    c.pos += len;
  }
}

/** Stack tables: the GC analysis needs no frames, only which IDs exist and their strings. */
function readStacks(c: Cursor, g: Generation): void {
  while (c.pos < c.end) {
    if (c.byte() !== Ev.Stack) throw c.fail('expected a stack in the stacks batch');
    const id = c.uvarint();
    const frames = c.uvarint();
    if (frames > MAX_FRAMES_PER_STACK)
      throw c.fail(`stack of ${frames} frames, the maximum is ${MAX_FRAMES_PER_STACK}`);
    for (let i = 0; i < frames; i++) {
      c.uvarint(); // pc
      g.frameStrings.add(c.uvarint()); // function
      g.frameStrings.add(c.uvarint()); // file
      c.uvarint(); // line
    }
    if (id === 0 || g.stacks.has(id)) throw c.fail(`two stacks with ID ${id}`);
    if (g.stacks.size + g.frameStrings.size >= MAX_TABLE_ENTRIES)
      throw tooMany('stacks', MAX_TABLE_ENTRIES);
    g.stacks.add(id);
  }
}

function readCpuSamples(c: Cursor, out: CpuSample[]): void {
  while (c.pos < c.end) {
    if (c.byte() !== Ev.CPUSample) throw c.fail('expected a CPU sample');
    const time = c.uvarint();
    const m = c.uvarint();
    const p = c.uvarint();
    const g = c.uvarint();
    const stack = c.uvarint();
    if (out.length >= MAX_TABLE_ENTRIES) throw tooMany('CPU samples', MAX_TABLE_ENTRIES);
    out.push({ time, m, p, g: g === 0 ? -1 : g, stack });
  }
}

/** setSyncBatch: the frequency (and from Go 1.25 the clock snapshot). */
function readSync(c: Cursor, g: Generation, b: Batch, version: number): void {
  while (c.pos < c.end) {
    const ev = c.byte();
    if (ev === Ev.Frequency) {
      if (g.nsPerTick !== 0) throw c.fail('two frequency events');
      g.nsPerTick = 1.0 / (c.uvarint() / 1e9);
      if (!Number.isFinite(g.nsPerTick) || g.nsPerTick <= 0) throw c.fail('clock frequency 0');
    } else if (ev === Ev.ClockSnapshot && version >= 25) {
      if (g.hasClockSnapshot) throw c.fail('two clock snapshot events');
      g.hasClockSnapshot = true;
      for (let i = 0; i < 4; i++) c.uvarint(); // dt, mono, sec, nsec
    } else throw c.fail(`expected a frequency or clock snapshot event, got ${ev}`);
  }
  void b;
}
