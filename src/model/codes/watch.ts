/**
 * Finding codes of `watch` and `report` (series rules, forecast, post-mortem). Wording:
 * src/report/messages/watch.ts; one page each in docs/rules/<code>.md.
 */
export const WATCH_CODES = [
  'oom-forecast',
  'gomemlimit-thrash-forecast',
  'heap-leak',
  'memory-leak',
  'warmup-levels-off',
  'page-cache-growth',
  'shmem-growth',
  'memory-high-rising',
  'gc-rate-high',
  'gc-pause-long',
  'top-site-growing',
  'goroutines-growing',
  'oom-kill-observed',
  'target-exited',
] as const;

export type WatchCode = (typeof WATCH_CODES)[number];
