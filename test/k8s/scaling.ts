/**
 * Measures how a function's time and retained memory grow as its input doubles, in-process:
 * wall time, the least of a few runs after a warm-up (noise from other work on the machine
 * only ever adds; CPU time would count the collector's background threads), and the heap the
 * result keeps after a full collection (gc made callable through the V8 flag, as
 * `node --expose-gc` would).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export interface Growth {
  readonly n: number;
  readonly ms: number;
  readonly bytes: number;
}

export function growth<T>(
  sizes: readonly number[],
  make: (n: number) => T,
  run: (input: T) => unknown,
  runs = 3,
): Growth[] {
  run(make(sizes[0])); // JIT warm-up, so the smallest size is not the slowest per item
  return sizes.map((n) => {
    const input = make(n);
    let ms = Infinity;
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      gc();
      const before = process.memoryUsage().heapUsed;
      const t0 = performance.now();
      let kept: unknown = run(input);
      ms = Math.min(ms, performance.now() - t0);
      gc();
      bytes = Math.max(bytes, process.memoryUsage().heapUsed - before);
      kept = undefined;
      void kept;
    }
    return { n, ms, bytes };
  });
}

/**
 * Linear growth: over the whole range (n to 8n in three doublings) time and memory grow at
 * most factor^doublings (27x; a quadratic step makes 64x), and no single doubling more than
 * quadruples them. Memory under a megabyte is noise and is not compared.
 */
export function assertLinear(
  g: readonly Growth[],
  { factor = 3, memory = true }: { factor?: number; memory?: boolean } = {},
): void {
  const table = g.map((x) => `${x.n}: ${x.ms.toFixed(1)} ms, ${(x.bytes / 1e6).toFixed(1)} MB`);
  const fail = (what: string) => {
    throw new Error(`${what}\n${table.join('\n')}`);
  };
  const first = g[0];
  const last = g[g.length - 1];
  const bound = factor ** (g.length - 1);
  if (last.ms / first.ms > bound) fail(`time x${(last.ms / first.ms).toFixed(1)} over the range`);
  if (memory && last.bytes > 1e6 && last.bytes / Math.max(first.bytes, 1e6 / bound) > bound)
    fail(`memory x${(last.bytes / first.bytes).toFixed(1)} over the range`);
  for (let i = 1; i < g.length; i++)
    if (g[i].ms / g[i - 1].ms > 4) fail(`time x${(g[i].ms / g[i - 1].ms).toFixed(2)} on doubling`);
}
