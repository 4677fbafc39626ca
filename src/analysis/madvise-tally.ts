/**
 * Counts madvise calls as they arrive: calls, bytes and a size histogram per advice, per
 * thread and per calling path. Memory does not grow with the number of calls: threads past
 * MAX_THREADS are folded into one row, and each path keeps one example stack.
 */
import {
  adviceName,
  MADVISE_PATH_LABELS,
  type MadviseCall,
  type MadvisePath,
} from '../model/madvise.js';
import { classifyStack } from './madvise-paths.js';

/** Go programs run tens of threads; a thousand distinct ones is already unusual. */
export const MAX_THREADS = 1000;

export interface Counts {
  calls: number;
  bytes: number;
  /** Calls that returned an error, and their bytes (not released). */
  failed: number;
  failedBytes: number;
}

/** Power-of-two buckets: `buckets[k]` counts calls of [2^k, 2^(k+1)) bytes; zero-length in `zero`. */
export interface SizeHistogram {
  zero: number;
  buckets: number[];
}

export interface AdviceRow extends Counts {
  readonly advice: number;
  readonly name: string;
  readonly sizes: SizeHistogram;
}

export interface ThreadRow extends Counts {
  /** The thread id, or "other" for the threads past MAX_THREADS folded together. */
  readonly tid: number | 'other';
  readonly byAdvice: Record<string, Counts>;
}

export interface PathRow extends Counts {
  readonly path: MadvisePath;
  readonly label: string;
  readonly byAdvice: Record<string, Counts>;
  /** The first stack seen on this path (innermost first), as evidence. */
  readonly example: readonly string[];
}

export interface MadviseTotals extends Counts {
  readonly byAdvice: readonly AdviceRow[];
  readonly byThread: readonly ThreadRow[];
  readonly byPath: readonly PathRow[];
}

const zero = (): Counts => ({ calls: 0, bytes: 0, failed: 0, failedBytes: 0 });

function count(c: Counts, call: MadviseCall): void {
  c.calls++;
  c.bytes += call.bytes;
  if (call.result === undefined || call.result === 'ok') return;
  c.failed++;
  c.failedBytes += call.bytes;
}

export class MadviseTally {
  private readonly total = zero();
  private readonly advice = new Map<number, AdviceRow>();
  private readonly threads = new Map<number | 'other', ThreadRow>();
  private readonly paths = new Map<MadvisePath, PathRow>();

  add(call: MadviseCall): void {
    count(this.total, call);
    const a = this.adviceRow(call.advice);
    count(a, call);
    addSize(a.sizes, call.bytes);
    const name = adviceName(call.advice);
    const t = this.threadRow(call.tid);
    count(t, call);
    count((t.byAdvice[name] ??= zero()), call);
    const path = classifyStack(call.stack);
    let p = this.paths.get(path);
    if (!p) {
      p = { path, label: MADVISE_PATH_LABELS[path], ...zero(), byAdvice: {}, example: call.stack };
      this.paths.set(path, p);
    }
    count(p, call);
    count((p.byAdvice[name] ??= zero()), call);
  }

  get calls(): number {
    return this.total.calls;
  }

  totals(): MadviseTotals {
    // Busiest first; ties in a fixed order, so two tracers' tallies of one run compare equal.
    const byCalls = <T extends Counts>(a: T, b: T) => b.calls - a.calls || b.bytes - a.bytes;
    return {
      ...this.total,
      byAdvice: [...this.advice.values()].sort((a, b) => a.advice - b.advice),
      byThread: [...this.threads.values()].sort(
        (a, b) => byCalls(a, b) || String(a.tid).localeCompare(String(b.tid)),
      ),
      byPath: [...this.paths.values()].sort(
        (a, b) => byCalls(a, b) || a.path.localeCompare(b.path),
      ),
    };
  }

  private adviceRow(advice: number): AdviceRow {
    let row = this.advice.get(advice);
    if (!row) {
      row = { advice, name: adviceName(advice), ...zero(), sizes: { zero: 0, buckets: [] } };
      this.advice.set(advice, row);
    }
    return row;
  }

  private threadRow(tid: number): ThreadRow {
    const key = this.threads.has(tid) || this.threads.size < MAX_THREADS ? tid : 'other';
    let row = this.threads.get(key);
    if (!row) {
      row = { tid: key, ...zero(), byAdvice: {} };
      this.threads.set(key, row);
    }
    return row;
  }
}

function addSize(h: SizeHistogram, bytes: number): void {
  if (bytes <= 0) {
    h.zero++;
    return;
  }
  // A length past 2^64 is not a real one; the last bucket holds it.
  const k = Math.min(64, Math.floor(Math.log2(bytes)));
  while (h.buckets.length <= k) h.buckets.push(0);
  h.buckets[k]++;
}
