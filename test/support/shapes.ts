/**
 * The memory shapes the OOM forecast is judged on (docs/watch.md, "How good the forecast is"):
 * the leaks real services have, each ending in a real OOM kill in a 256 MiB cgroup, and three
 * shapes that must raise no alarm. Rates are set so each leak lives about a minute.
 */
import type { Shape } from './shape-run.js';

const LIMIT = 256 << 20;
const leak = (name: string, args: string[], env?: Record<string, string>): Shape => ({
  name,
  program: 'leaky',
  args: ['-every', '100ms', ...args],
  env,
  limit: LIMIT,
  oom: true,
});

export const SHAPES: readonly Shape[] = [
  leak('constant', ['-rate', '384KiB']),
  // The same leak in a service that makes 10 MiB/s of garbage, whose charge follows the heap
  // goal (twice the live heap) up in steps.
  leak('constant-with-garbage', ['-rate', '384KiB', '-garbage', '1MiB']),
  // Heap in use grows 2.5x faster than what the kernel charges.
  leak('partly-touched', ['-rate', '1MiB', '-touch', '0.4']),
  leak('burst', ['-rate', '384KiB', '-burst', '50']),
  // 5 MiB/s at first, 2.9 MiB/s when it is killed.
  leak('slowing', ['-rate', '512KiB', '-halve-after', '90s']),
  leak('warmup-then-leak', ['-warmup', '96MiB', '-warmup-for', '10s', '-rate', '256KiB']),
  // A service that also makes garbage: the GC keeps the heap near GOMEMLIMIT, then thrashes.
  leak('gomemlimit', ['-rate', '384KiB', '-garbage', '1MiB'], { GOMEMLIMIT: '200MiB' }),
  {
    name: 'goroutines',
    program: 'goroutine-leak',
    args: ['-rate', '6', '-stack', '64KiB', '-every', '100ms'],
    limit: LIMIT,
    oom: true,
  },
  {
    name: 'tmpfs',
    program: 'tmpfs-fill',
    args: ['-rate', '384KiB', '-every', '100ms'],
    limit: LIMIT,
    oom: true,
    dir: 'tmpfs',
  },
  {
    name: 'page-cache',
    program: 'file-fill',
    args: ['-rate', '512KiB', '-every', '100ms'],
    limit: LIMIT,
    oom: false,
    dir: 'disk',
  },
  {
    name: 'steady-churn',
    program: 'steady',
    args: ['-retain', '48MiB', '-garbage', '2MiB', '-every', '50ms'],
    limit: LIMIT,
    oom: false,
  },
  {
    ...leak('warmup-levels-off', ['-warmup', '120MiB', '-warmup-for', '12s', '-rate', '0']),
    oom: false,
  },
];
