/**
 * Checks that work grows linearly with its input, in-process: `work` runs on inputs of size n,
 * 2n, 4n, 8n; time is wall time, the least of a few runs after a warm-up (load elsewhere on
 * the machine only ever adds), each run repeated until it lasts MIN_BATCH_MS so millisecond
 * timings are not timer noise; memory is the heap the result keeps after a full collection (gc
 * made callable through the V8 flag, as `node --expose-gc` would). Linear work doubles per
 * doubling, quadratic quadruples: the bound is `factor` per doubling on average over the range
 * (27x for 8n against n; quadratic makes 64x), so one noisy step cannot fail a test alone.
 */
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export interface Growth {
  readonly n: number;
  readonly ms: number;
  readonly bytes: number;
}

const RUNS = 3;
const MIN_BATCH_MS = 20;
const MAX_BATCH = 64;
/** Below this, retained heap is noise (a few stray objects), not what the input costs. */
const HEAP_FLOOR = 1 << 20;

function measure<T>(n: number, input: T, work: (input: T) => unknown): Growth {
  let ms = Infinity;
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    gc();
    const before = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    let kept = work(input);
    const once = performance.now() - t0;
    gc();
    bytes = Math.max(bytes, process.memoryUsage().heapUsed - before);
    if (kept === undefined) throw new Error('work must return what it keeps');
    kept = undefined;
    ms = Math.min(ms, once >= MIN_BATCH_MS ? once : batchTime(input, work));
  }
  return { n, ms, bytes };
}

/** Time per run of `work`, repeated until the batch lasts MIN_BATCH_MS (or MAX_BATCH runs). */
function batchTime<T>(input: T, work: (input: T) => unknown): number {
  const t0 = performance.now();
  let runs = 0;
  do {
    work(input);
    runs++;
  } while (performance.now() - t0 < MIN_BATCH_MS && runs < MAX_BATCH);
  return (performance.now() - t0) / runs;
}

export interface LinearOptions {
  /** Largest growth per doubling, on average over the range (default 3). */
  readonly factor?: number;
  /** Check retained memory too (default true). */
  readonly memory?: boolean;
}

/** Measures `work(make(n))` at `sizes` (each double the last) and asserts linear growth. */
export function assertLinear<T>(
  what: string,
  sizes: readonly number[],
  make: (n: number) => T,
  work: (input: T) => unknown,
  opts: LinearOptions = {},
): Growth[] {
  const inputs = sizes.map((n) => ({ n, input: make(n) }));
  work(inputs[0].input); // warm-up: the first run pays for compiling the code
  let rows = inputs.map(({ n, input }) => measure(n, input, work));
  const factor = opts.factor ?? 3;
  if (perDoubling(rows, (r) => r.ms) > factor) {
    // One more pass when load elsewhere made it look superlinear: keep the best of both.
    const again = inputs.map(({ n, input }) => measure(n, input, work));
    rows = rows.map((r, i) => ({
      n: r.n,
      ms: Math.min(r.ms, again[i].ms),
      bytes: Math.min(r.bytes, again[i].bytes),
    }));
  }
  const table = rows
    .map((r) => `n=${r.n}: ${r.ms.toFixed(2)} ms, ${(r.bytes / 2 ** 20).toFixed(1)} MiB`)
    .join('; ');
  const time = perDoubling(rows, (r) => r.ms);
  assert.ok(time <= factor, `${what}: time x${time.toFixed(2)} per doubling (${table})`);
  if (opts.memory !== false) {
    const heap = perDoubling(rows, (r) => Math.max(r.bytes, HEAP_FLOOR));
    assert.ok(heap <= factor, `${what}: heap x${heap.toFixed(2)} per doubling (${table})`);
  }
  return rows;
}

/** The average growth per doubling, from the first size to the last. */
function perDoubling(rows: readonly Growth[], of: (r: Growth) => number): number {
  return (of(rows[rows.length - 1]) / of(rows[0])) ** (1 / (rows.length - 1));
}

/** n, 2n, 4n, 8n. */
export function doublings(base: number, count = 4): number[] {
  return Array.from({ length: count }, (_, i) => base * 2 ** i);
}
