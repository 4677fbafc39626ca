/**
 * Checks that work grows linearly with the input: runs `work` on inputs of size n, 2n, 4n, 8n
 * and asserts that a doubling at most triples the time (best of a few runs, after a warm-up)
 * and the heap the result keeps, on average over the three doublings: linear work gives x2,
 * quadratic x4. The average (8n against n: under 27, where quadratic is 64) keeps one noisy
 * step, from load elsewhere on the machine, from failing the test.
 */
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export interface Scaling {
  readonly n: number;
  readonly ms: number;
  readonly heapBytes: number;
}

const RUNS = 3;
const MAX_RATIO = 3;
/** Below this, retained heap is noise (a few stray objects), not what the input costs. */
const HEAP_FLOOR = 1 << 20;

function measure<T>(input: T, work: (input: T) => unknown): { ms: number; heapBytes: number } {
  let ms = Infinity;
  let heapBytes = 0;
  for (let i = 0; i < RUNS; i++) {
    gc();
    const before = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const kept = work(input);
    ms = Math.min(ms, performance.now() - t0);
    gc();
    heapBytes = Math.max(heapBytes, process.memoryUsage().heapUsed - before);
    if (kept === undefined) throw new Error('work must return what it keeps');
  }
  return { ms, heapBytes };
}

/** Measures `work(make(n))` for n = base, 2 base, 4 base, 8 base and checks the growth. */
export function assertLinear<T>(
  what: string,
  base: number,
  make: (n: number) => T,
  work: (input: T) => unknown,
): Scaling[] {
  const inputs = [1, 2, 4, 8].map((k) => ({ n: base * k, input: make(base * k) }));
  work(inputs[0].input); // warm-up: the first run pays for compiling the code
  let rows = inputs.map(({ n, input }) => ({ n, ...measure(input, work) }));
  if (!grows(rows, (r) => r.ms).ok) {
    // One more pass when load elsewhere made it look superlinear: keep the best of both.
    const again = inputs.map(({ input }) => measure(input, work));
    rows = rows.map((r, i) => ({
      n: r.n,
      ms: Math.min(r.ms, again[i].ms),
      heapBytes: Math.min(r.heapBytes, again[i].heapBytes),
    }));
  }
  const table = rows
    .map((r) => `n=${r.n}: ${r.ms.toFixed(1)} ms, ${(r.heapBytes / 2 ** 20).toFixed(1)} MiB`)
    .join('; ');
  const time = grows(rows, (r) => r.ms);
  assert.ok(time.ok, `${what}: time x${time.ratio.toFixed(2)} per doubling (${table})`);
  const heap = grows(rows, (r) => Math.max(r.heapBytes, HEAP_FLOOR));
  assert.ok(heap.ok, `${what}: heap x${heap.ratio.toFixed(2)} per doubling (${table})`);
  return rows;
}

/** The average growth per doubling, from the first size to the last. */
function grows(rows: readonly Scaling[], of: (r: Scaling) => number) {
  const ratio = (of(rows[rows.length - 1]) / of(rows[0])) ** (1 / (rows.length - 1));
  return { ratio, ok: ratio < MAX_RATIO };
}
