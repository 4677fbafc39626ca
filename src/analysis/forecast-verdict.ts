/**
 * Leak, warm-up or neither, from both sides. Go's numbers say whether Go's memory keeps growing
 * (the heap and goroutine stacks; under GOMEMLIMIT's goal the live heap, since the GC holds the
 * sampled heap at the goal); the kernel's charge must keep growing too, or there is nothing to
 * forecast: a heap that grows into memory already charged (garbage between two GCs far apart)
 * will be collected, and buffers never written are never charged. Under
 * GOMEMLIMIT the GC holds the charge flat while the leak goes on, so the Go side alone decides.
 * Without Go's numbers, the charge decides alone; with them, a charge that grows while Go's memory
 * does not is page cache, tmpfs or kernel memory (forecast.ts tells them apart), not a warm-up.
 */
import type { Sample } from '../model/series.js';
import { heldByGomemlimit } from './forecast-gomemlimit.js';
import type { GoMemory } from './forecast-signals.js';
import { judgeGrowth, type Growth, type GrowthOptions, type Verdict } from './growth-verdict.js';
import type { Series } from './steps.js';
import type { TrendFit } from './trend.js';

export interface Judged {
  readonly verdict: Verdict;
  /** The growth of the series that decided (Go's memory when read, else the charge). */
  readonly growth: Growth;
}

export function judge(
  win: readonly Sample[],
  go: GoMemory | undefined,
  charge: Series,
  o: GrowthOptions,
): Judged | undefined {
  if (!go) {
    const kernel = judgeGrowth(charge, o);
    return kernel && { verdict: kernel.verdict, growth: kernel };
  }
  const goSide = judgeGrowth(go.series, o);
  if (!goSide) return undefined;
  if (goSide.verdict !== 'leak') return { verdict: goSide.verdict, growth: goSide };
  const held = heldByGomemlimit(win[win.length - 1].go);
  // A leak the kernel does not charge is nothing the kernel will kill for: flat, not warm-up.
  const confirmed = held || charges(judgeGrowth(charge, o), o);
  return { verdict: confirmed ? 'leak' : 'none', growth: goSide };
}

/**
 * The charge grew over the window and still grows over its latest half, by a quarter of the
 * least growth or more. Half, not a quarter: a Go heap that makes garbage is charged in steps,
 * when its heap goal passes the highest the heap has been.
 */
function charges(k: Growth | undefined, o: GrowthOptions): boolean {
  if (!k || k.verdict === 'none' || !k.recent) return false;
  const grown = (f: TrendFit | undefined) => (f ? f.slope * f.spanSec : 0);
  return grown(k.recent) + grown(k.before) >= o.minGrowthBytes / 4;
}
