/**
 * The watch schedule's timing policy: each tick's HTTP deadline, how late a tick may start
 * before it counts as late, and a sleep that a stop cuts short.
 */

/**
 * The deadline of one tick's HTTP reads: within its interval, so a slow /debug/vars or
 * /metrics costs that tick its Go numbers, never the next tick its slot.
 */
export function tickTimeoutMs(intervalMs: number): number {
  return Math.min(2000, Math.max(50, Math.round(intervalMs * 0.9)));
}

/** How late a tick may start before it is recorded as late. */
export function lateTolerance(intervalMs: number): number {
  return Math.max(20, intervalMs / 10);
}

export function sleep(ms: number, stop: AbortSignal): Promise<void> {
  return new Promise((res) => {
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(timer);
      stop.removeEventListener('abort', done);
      res();
    }
    stop.addEventListener('abort', done);
  });
}
