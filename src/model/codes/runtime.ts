/**
 * Finding codes of `diagnose` (a live process) and `ps`. Wording: src/report/messages/runtime.ts;
 * one page each in docs/rules/<code>.md.
 */
export const RUNTIME_CODES = [
  'gomemlimit-unset',
  'gomemlimit-above-limit',
  'gomemlimit-too-close',
  'gomemlimit-malformed',
  'gomemlimit-tiny',
  'gogc-off-without-limit',
  'gcstoptheworld',
  'madv-free-rss',
  'gotraceback-oom',
  'oom-killed',
  'memory-high-throttling',
  'gc-thrashing',
  'gc-pause-outlier',
  'rss-heap-gap',
  'no-memory-limit',
  'not-a-go-binary',
] as const;

export type RuntimeCode = (typeof RUNTIME_CODES)[number];
