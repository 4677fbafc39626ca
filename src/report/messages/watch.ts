import type { WatchArgs } from '../../analysis/series-rules/index.js';
import type { WatchCode } from '../../model/codes/index.js';
import type { ArgValue } from '../../model/finding.js';
import { formatBytes, formatDuration } from '../../model/units.js';
import type { MessagesFor } from './types.js';

const bytes = (v: ArgValue | undefined) => formatBytes(Number(v));
const secs = (v: ArgValue | undefined) => formatDuration(Number(v) * 1000);
const perSec = (v: ArgValue | undefined) => `${formatBytes(Number(v))}/s`;
const GROWS: Record<string, string> = {
  heap: 'the Go heap',
  stacks: 'goroutine stacks',
  memory: 'memory',
};
const grows = (v: ArgValue | undefined) => GROWS[String(v)] ?? 'memory';

export const watchMessages: MessagesFor<WatchCode, WatchArgs> = {
  'oom-forecast': {
    title: 'Memory is on course to reach the container limit',
    summary: (a) =>
      `What the cgroup cannot reclaim (usage minus reclaimable page cache: ${grows(a.grows)} ` +
      `and everything else charged) grows by ${perSec(a.slopeBytesPerSec)}` +
      (a.heapSlopeBytesPerSec !== undefined && a.grows === 'heap'
        ? ` while the live heap grows by ${perSec(a.heapSlopeBytesPerSec)}`
        : '') +
      // Captures from before `charged` was recorded give only the limit.
      (a.charged !== undefined
        ? `; it is at ${bytes(a.charged)} of the ${bytes(a.limit)} limit and reaches it in about `
        : `; it reaches the ${bytes(a.limit)} limit in about `) +
      `${secs(a.etaSec)} (${secs(a.etaLowSec)} to ${Number(a.etaHighSec) < 0 ? 'later' : secs(a.etaHighSec)})` +
      (a.thrashEtaSec !== undefined
        ? `, after the GC starts to thrash at GOMEMLIMIT in about ${secs(a.thrashEtaSec)}`
        : '') +
      '. The kernel OOM killer then sends SIGKILL.',
    fix: () =>
      'Take a heap profile now (gomemlens captures one before the kill) and look at the sites ' +
      'that grow; raise the limit only if the growth is expected to stop.',
  },
  'gomemlimit-thrash-forecast': {
    title: 'The live heap is on course to reach GOMEMLIMIT',
    summary: (a) =>
      (a.thrashing
        ? `The live heap has reached the heap goal GOMEMLIMIT (${bytes(a.gomemlimit)}) sets ` +
          `(${bytes(a.heapGoal)}) and still grows by ${perSec(a.slopeBytesPerSec)}: the GC runs almost continuously. `
        : `The live heap grows by ${perSec(a.slopeBytesPerSec)} and reaches the heap goal ` +
          `GOMEMLIMIT (${bytes(a.gomemlimit)}) sets (${bytes(a.heapGoal)}) in about ${secs(a.etaSec)}. ` +
          'From there the GC runs almost continuously. ') +
      'The GC CPU limiter caps it at about 50% CPU, and then memory grows past the limit.',
    fix: () =>
      'Find the growing allocation sites; GOMEMLIMIT is a soft limit and cannot stop a leak.',
  },
  'heap-leak': {
    title: 'The Go heap grows steadily (leak)',
    summary: (a) =>
      `Over ${secs(a.windowSec)} the Go heap grew by ${perSec(a.slopeBytesPerSec)} ` +
      `(95% interval ${perSec(a.slopeLowBytesPerSec)} to ${perSec(a.slopeHighBytesPerSec)}) ` +
      'without levelling off, and the memory the kernel charges for it grows too.',
    fix: () =>
      'Compare the first and last heap profiles (growth diff) to find the site that keeps memory.',
  },
  'memory-leak': {
    title: 'Memory grows steadily (leak)',
    summary: (a) =>
      `Over ${secs(a.windowSec)} ${grows(a.grows)} grew by ${perSec(a.slopeBytesPerSec)} ` +
      `(95% interval ${perSec(a.slopeLowBytesPerSec)} to ${perSec(a.slopeHighBytesPerSec)}) ` +
      'without levelling off.',
    fix: (a) =>
      a.grows === 'stacks'
        ? 'Take a goroutine profile (/debug/pprof/goroutine?debug=1) and look for goroutines that never return.'
        : 'Give watch the service URL (--url) so the Go runtime says what grows; look at cgo, mmap and kernel memory.',
  },
  'warmup-levels-off': {
    title: 'Memory grew, then levelled off (warm-up)',
    summary: (a) =>
      `Memory grew by ${perSec(a.earlySlopeBytesPerSec)} early on and by only ` +
      `${perSec(a.lateSlopeBytesPerSec)} lately: this looks like caches warming up, not a leak.`,
    fix: () => 'Watch longer to confirm; size the limit for the level it settles at plus headroom.',
  },
  'page-cache-growth': {
    title: 'Growth is page cache, not the Go heap',
    summary: (a) =>
      `Cgroup usage grows by ${perSec(a.usageSlopeBytesPerSec)} while the Go heap is flat; the ` +
      `reclaimable file cache (memory.stat file - shmem) grows by ${perSec(a.fileSlopeBytesPerSec)}. ` +
      'The kernel reclaims page cache before it OOM-kills, so this is not a leak. tmpfs and ' +
      'shared memory are left out: they cannot be reclaimed without swap.',
    fix: () => 'Judge memory by the working set (usage - inactive_file), not by raw usage.',
  },
  'shmem-growth': {
    title: 'tmpfs or shared memory fills the cgroup (not reclaimable)',
    summary: (a) =>
      `memory.stat shmem (tmpfs, shared memory) grows by ${perSec(a.shmemSlopeBytesPerSec)}, ` +
      `and with it what the kernel cannot reclaim without swap (usage - (file - shmem), now ` +
      `${bytes(a.charged)}) by ${perSec(a.slopeBytesPerSec)}. ` +
      (a.etaSec === undefined
        ? 'There is no memory limit to reach.'
        : `It reaches the cgroup limit of ${bytes(a.limit)} in about ${secs(a.etaSec)} ` +
          `(${secs(a.etaLowSec)} to ${Number(a.etaHighSec) < 0 ? 'later' : secs(a.etaHighSec)}). ` +
          'It is counted as page cache but is not reclaimed: the OOM killer then sends SIGKILL, ' +
          'and killing the process does not delete files in tmpfs.'),
    fix: () =>
      'Find what writes to tmpfs (an emptyDir with medium: Memory, /dev/shm, /run) and delete ' +
      'old files, cap it (emptyDir sizeLimit, tmpfs size=), or move it to disk.',
  },
  'memory-high-rising': {
    title: 'The cgroup is being throttled at memory.high',
    summary: (a) =>
      `memory.events high rose by ${a.delta} in ${secs(a.windowSec)}: the group is pushed into ` +
      'direct reclaim, which slows every allocation.',
    fix: () =>
      'Lower memory use or raise memory.high; set GOMEMLIMIT below memory.high so the GC acts first.',
  },
  'gc-rate-high': {
    title: 'The GC runs very often',
    summary: (a) =>
      `${a.gcs} GC cycles in ${secs(a.windowSec)} (${Number(a.perSec).toFixed(1)}/s).`,
    fix: () =>
      'Allocate less, or give the heap more room (higher GOGC, or GOMEMLIMIT further above the live heap).',
  },
  'gc-pause-long': {
    title: 'A GC pause was long',
    summary: (a) =>
      `A stop-the-world GC pause took ${Number(a.pauseMs).toFixed(1)} ms (GC #${a.gc}).`,
    fix: () =>
      'Check CPU throttling (cpu.max) and GOMAXPROCS; long pauses usually mean the process was descheduled.',
  },
  'top-site-growing': {
    title: 'One allocation site holds most of the heap and grows',
    summary: (a) =>
      `${a.func} holds ${Number(a.sharePercent).toFixed(0)}% of inuse_space ` +
      `(${bytes(a.inuseBytes)}) and grew by ${bytes(a.growthBytes)} since the previous profile.`,
    fix: () => 'Look at what this function keeps (maps, caches, slices that are never trimmed).',
  },
  'goroutines-growing': {
    title: 'The goroutine count grows',
    summary: (a) =>
      `Goroutines grew from ${a.first} to ${a.last} (${Number(a.perMin).toFixed(1)} per minute).`,
    fix: () =>
      'Take a goroutine profile (/debug/pprof/goroutine?debug=1) and look for blocked goroutines.',
  },
  'oom-kill-observed': {
    title: 'The target was OOM-killed',
    summary: (a) =>
      `The kernel OOM killer killed the target (${a.evidence}); last working set ` +
      `${bytes(a.lastWorkingSet)} of ${bytes(a.limit)}.`,
    fix: () => 'See the post-mortem: the heap profile taken before the kill shows what grew.',
  },
  'target-exited': {
    title: 'The target exited',
    summary: (a) => `The target exited (${a.how}); no OOM kill was recorded.`,
    fix: () => 'Check the service logs for why it stopped.',
  },
};
