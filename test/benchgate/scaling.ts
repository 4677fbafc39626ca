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

const RUNS = 2;
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
  const rows = inputs.map(({ n, input }) => ({ n, ...measure(input, work) }));
  const table = rows
    .map((r) => `n=${r.n}: ${r.ms.toFixed(1)} ms, ${(r.heapBytes / 2 ** 20).toFixed(1)} MiB`)
    .join('; ');
  const [first, last] = [rows[0], rows[rows.length - 1]];
  const perDoubling = (ratio: number) => ratio ** (1 / (rows.length - 1));
  const time = perDoubling(last.ms / first.ms);
  assert.ok(time < MAX_RATIO, `${what}: time x${time.toFixed(2)} per doubling (${table})`);
  const floor = (b: number) => Math.max(b, HEAP_FLOOR);
  const heap = perDoubling(floor(last.heapBytes) / floor(first.heapBytes));
  assert.ok(heap < MAX_RATIO, `${what}: heap x${heap.toFixed(2)} per doubling (${table})`);
  return rows;
}
