/**
 * Small helpers for work over many targets: run a function over a list a few at a time, and a
 * keyed background queue (one job per key at once, a bounded number in flight) for work that
 * must not hold up a sampling cycle.
 */

/** Calls `fn` on every item with at most `limit` calls in flight. */
export async function eachLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export class KeyedQueue<K> {
  private readonly busy = new Set<K>();
  private readonly waiting = new Map<K, () => Promise<void>>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly limit: number,
    private readonly onError: (key: K, err: Error) => void,
  ) {}

  /** Queues `job` unless one for `key` is queued or running. */
  push(key: K, job: () => Promise<void>): void {
    if (this.stopped || this.busy.has(key) || this.waiting.has(key)) return;
    this.waiting.set(key, job);
    this.pump();
  }

  get size(): number {
    return this.busy.size + this.waiting.size;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.waiting.clear();
    await Promise.all(this.inFlight);
  }

  private pump(): void {
    for (const [key, job] of this.waiting) {
      if (this.busy.size >= this.limit) return;
      this.waiting.delete(key);
      this.busy.add(key);
      const p: Promise<void> = job()
        .catch((err: Error) => this.onError(key, err))
        .finally(() => {
          this.busy.delete(key);
          this.inFlight.delete(p);
          this.pump();
        });
      this.inFlight.add(p);
    }
  }
}
