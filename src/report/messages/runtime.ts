/**
 * The wording of every diagnose finding. Claims follow the facts cited in docs/rules/<code>.md;
 * numbers come from the finding's args.
 */
import type { RuntimeArgs } from '../../analysis/rules/index.js';
import type { AdviceArgs } from '../../analysis/gomemlimit-advice.js';
import type { RuntimeCode } from '../../model/codes/index.js';
import { formatBytes } from '../../model/units.js';
import { hintNotes } from './gomemlimit-hint.js';
import type { Args, MessagesFor } from './types.js';

const b = (v: unknown) => (typeof v === 'number' ? formatBytes(v) : '?');
const ms = (ns: unknown) =>
  typeof ns === 'number' ? `${(ns / 1e6).toFixed(ns < 1e7 ? 2 : 0)} ms` : '?';
const pct = (v: unknown) => (typeof v === 'number' ? `${(100 * v).toFixed(1)}%` : '?');

/** "Set GOMEMLIMIT=460MiB" or the reason we cannot recommend a value. */
function recommendation(a: Args<AdviceArgs>): string {
  if (!a.recommended) {
    return `Memory outside the Go runtime (${b(a.nonGoBytes)}) leaves no room under the limit: raise the limit or reduce that memory first.`;
  }
  const basis = a.nonGoMeasured
    ? `90% of the limit minus ${b(a.nonGoBytes)} measured outside the Go runtime`
    : '90% of the limit; non-Go memory was not measured (give --url to measure it)';
  const advice = `Set GOMEMLIMIT=${a.recommended} (${basis}). Go's syntax has only binary units: write MiB/GiB, never Mi or M.`;
  return a.recommendedBelowLiveHeap
    ? `${advice} But the live heap (${b(a.liveHeap)}) is already above that: the GC would run continuously. Raise the container limit or shrink the heap first.`
    : advice;
}

export const runtimeMessages: MessagesFor<RuntimeCode, RuntimeArgs> = {
  'gomemlimit-unset': {
    title: 'GOMEMLIMIT is not set under a memory limit',
    summary: (a) =>
      `The container may use ${b(a.limit)}, but the Go runtime has no memory limit` +
      (a.explicitOff ? ' (GOMEMLIMIT=off)' : '') +
      `: neither Go nor Kubernetes sets GOMEMLIMIT, so the GC paces by GOGC alone and may let the heap grow into the OOM killer.` +
      (a.confirmedByRuntime
        ? a.limitSetterModule
          ? ` The binary links ${a.limitSetterModule} ${a.limitSetterVersion}, yet the runtime reports no limit (turned off, or no cgroup limit found).`
          : ''
        : a.limitSetterModule
          ? ` The binary links ${a.limitSetterModule} ${a.limitSetterVersion}, which likely sets it at start-up; expose go_gc_gomemlimit_bytes to confirm.`
          : ' (Read from the environment; the program could still call debug.SetMemoryLimit itself.)') +
      (a.goSupportsLimit === false ? ` ${a.goVersion} predates GOMEMLIMIT (Go 1.19).` : ''),
    fix: (a) =>
      (a.goSupportsLimit === false ? 'Upgrade to Go >= 1.19, then: ' : '') + recommendation(a),
  },
  'gomemlimit-above-limit': {
    title: 'GOMEMLIMIT is at or above the container limit',
    summary: (a) =>
      `GOMEMLIMIT is ${b(a.gomemlimit)} but the effective cgroup limit is ${b(a.limit)}: the GC only works harder near GOMEMLIMIT, which the process cannot reach, so the kernel OOM-kills it first.`,
    fix: recommendation,
  },
  'gomemlimit-too-close': {
    title: 'GOMEMLIMIT leaves too little room for memory it does not count',
    summary: (a) =>
      a.nonGoMeasured
        ? `GOMEMLIMIT is ${b(a.gomemlimit)} of a ${b(a.limit)} limit, and ${b(a.nonGoBytes)} in the cgroup is outside what GOMEMLIMIT counts (cgo, mmap, binary, page cache, kernel memory): ` +
          `${b(a.headroomBytes)} of headroom, less than the 5% Go's GC guide asks for.`
        : `GOMEMLIMIT is ${b(a.gomemlimit)} of a ${b(a.limit)} limit: less than 5% headroom (Go's GC guide asks for 5-10%) for memory GOMEMLIMIT does not count (cgo, mmap, binary, page cache, kernel memory), which was not measured.`,
    fix: recommendation,
  },
  'gomemlimit-malformed': {
    title: "GOMEMLIMIT is not in Go's syntax",
    summary: (a) =>
      a.ignoredByGo
        ? `GOMEMLIMIT="${a.value}" is malformed; ${a.goVersion} ignores GOMEMLIMIT (added in Go 1.19), but an upgrade will refuse to start.`
        : `GOMEMLIMIT="${a.value}" is malformed: Go >= 1.19 exits at start-up with "malformed GOMEMLIMIT". Go accepts digits with B, KiB, MiB, GiB or TiB, or "off".`,
    fix: (a) =>
      a.suggestion
        ? `Write GOMEMLIMIT=${a.suggestion} instead${hintNotes(a, a.suggestionCapped ? `lowered to the value recommended under the ${b(a.limit)} limit` : undefined)}.`
        : `Write the value in bytes or with KiB, MiB, GiB or TiB (e.g. 460MiB)${a.reason ? `; Go refuses ${a.reason}` : ''}${a.meantBytes !== undefined && a.limit !== undefined ? `; memory outside the Go runtime leaves no room under the ${b(a.limit)} limit` : ''}.`,
  },
  'gomemlimit-tiny': {
    title: 'GOMEMLIMIT is tiny: probably a units mistake',
    summary: (a) =>
      `GOMEMLIMIT is ${b(a.gomemlimit)}${a.gomemlimitText ? ` ("${a.gomemlimitText}")` : ''}. A plain number is bytes: the Kubernetes downward API with divisor: 1Mi yields "512", which Go reads as 512 bytes, and the GC then runs almost continuously.`,
    fix: (a) =>
      a.suggestionCapped
        ? `If MiB were meant (${a.gomemlimitText}MiB), that leaves too little headroom under the ${b(a.limit)} limit: write GOMEMLIMIT=${a.suggestion}.`
        : a.suggestion
          ? `If MiB were meant, write GOMEMLIMIT=${a.suggestion}; better, set a value with headroom below the limit.`
          : "Set GOMEMLIMIT in Go's syntax with headroom below the container limit.",
  },
  'gogc-off-without-limit': {
    title: 'GOGC=off without GOMEMLIMIT: the heap is unbounded',
    summary: () =>
      'With GOGC=off and no GOMEMLIMIT the GC never runs on its own: the heap grows until the process is OOM-killed.',
    fix: () =>
      'Keep GOGC=off only together with GOMEMLIMIT (it still applies with GOGC=off, so the GC runs only when needed), or remove GOGC=off.',
  },
  gcstoptheworld: {
    title: 'GODEBUG=gcstoptheworld is set',
    summary: (a) =>
      `GODEBUG gcstoptheworld=${a.mode}: every GC stops the world for its whole mark phase` +
      (a.mode === 2 ? ' and sweeping is not concurrent either.' : '.') +
      ' It is a debugging aid.',
    fix: () => 'Remove gcstoptheworld from GODEBUG in production.',
  },
  'madv-free-rss': {
    title: 'MADV_FREE is keeping released memory in RSS',
    summary: (a) =>
      `${b(a.lazyFree)} is LazyFree: memory Go returned with MADV_FREE that stays in RSS and cgroup usage until the kernel is under memory pressure` +
      (a.cause === 'go-version-default'
        ? ` (${a.goVersion} uses MADV_FREE by default; Go 1.16+ does not).`
        : ' (GODEBUG madvdontneed=0 opts into it).') +
      ' The working set leaves these pages out; RSS-based alerts do not.',
    fix: (a) =>
      a.cause === 'go-version-default'
        ? 'Upgrade to a supported Go (>= 1.16 returns memory with MADV_DONTNEED), or set GODEBUG=madvdontneed=1.'
        : 'Remove madvdontneed=0 from GODEBUG (Go >= 1.16 defaults to MADV_DONTNEED), or judge memory by the working set.',
  },
  'gotraceback-oom': {
    title: 'GOTRACEBACK=crash will not fire on an OOM kill',
    summary: (a) =>
      'GOTRACEBACK=crash dumps core on a Go fatal error or an unrecovered panic, but a cgroup OOM kill is SIGKILL, which cannot be caught: no traceback, no core, no deferred calls (exit code 137).' +
      (typeof a.oomKills === 'number' && a.oomKills > 0
        ? ` ${a.oomKills} OOM kill(s) already happened here.`
        : ''),
    fix: () =>
      'Capture a heap profile before the kill: watch memory from outside (gomemlens watch) or inside the process and dump when it nears the limit.',
  },
  'oom-killed': {
    title: 'The OOM killer has already killed processes in this cgroup',
    summary: (a) =>
      `${a.oomKills} OOM kill(s) counted` +
      (a.underOom ? '; the group is under OOM right now.' : '.'),
    fix: () =>
      'Find what grows (gomemlens watch, heap profiles), set GOMEMLIMIT with headroom, or raise the limit.',
  },
  'memory-high-throttling': {
    title: 'The cgroup is throttled at memory.high',
    summary: (a) =>
      `Usage is ${b(a.usage)}` +
      (a.usagePercentOfHigh === undefined ? ' against' : `, ${a.usagePercentOfHigh}% of`) +
      ` memory.high (${b(a.high)}); the kernel has throttled allocations into reclaim ${a.highEvents} time(s).`,
    fix: () =>
      'Raise memory.high, lower the working set (GOMEMLIMIT below memory.high makes the Go GC react first), or find what grows.',
  },
  'gc-thrashing': {
    title: 'The heap is at GOMEMLIMIT and the GC runs hard',
    summary: (a) =>
      `Go memory is ${b(a.goMapped)} against GOMEMLIMIT ${b(a.gomemlimit)}; the GC has used ${pct(a.gcCpuFraction)} of CPU since start` +
      (typeof a.gcPerSecond === 'number'
        ? ` and ran ${a.gcPerSecond} times a second over its last ${a.gcRateCycles} cycles.`
        : '.') +
      (a.liveHeapNearLimit
        ? ` The live heap (${b(a.liveHeap)}) itself is near or above the limit: the GC runs almost continuously, its CPU limiter (~50%) lets memory grow past the limit, and the OOM killer ends it.`
        : ' Near the limit the GC runs more often; if the live heap keeps growing this becomes a death spiral.'),
    fix: () =>
      'Reduce the live heap or raise GOMEMLIMIT (with the container limit); check for a leak with heap profiles.',
  },
  'gc-pause-outlier': {
    title: 'Long stop-the-world GC pauses',
    summary: (a) =>
      `${a.outliers} of the last ${a.pausesConsidered} GC pauses exceeded ${ms(a.thresholdNs)} (median ${ms(a.medianNs)}, longest ${ms(a.maxNs)}, ${a.worstCyclesAgo} cycle(s) ago).`,
    fix: () =>
      'Check for GODEBUG=gcstoptheworld, CPU throttling (cgroup cpu.max) and very many goroutines; compare with /sched/pauses/total/gc:seconds.',
  },
  'rss-heap-gap': {
    title: 'RSS is much larger than the Go heap',
    summary: (a) =>
      `RSS is ${b(a.rss)} but the heap in use is ${b(a.heapInuse)}: ${b(a.gapBytes)} elsewhere, most of it ${CAUSES[String(a.cause)] ?? a.cause} (${b(a.causeBytes)}).`,
    fix: (a) => FIXES[String(a.cause)] ?? 'See the breakdown.',
  },
  'no-memory-limit': {
    title: 'No memory limit',
    summary: () =>
      'No cgroup on the path to the root sets a memory limit: the process can grow until the host runs short.',
    fix: () => 'Set a memory limit for the container, then GOMEMLIMIT about 10% below it.',
  },
  'not-a-go-binary': {
    title: 'Not a Go binary',
    summary: (a) =>
      `The executable has no Go build info (${a.reason}); Go-specific rules were skipped.`,
    fix: () => 'Point gomemlens at the Go process (--pid) or its endpoints (--url).',
  },
};

const CAUSES: Record<string, string> = {
  'idle-not-released': 'heap memory Go holds idle and has not yet returned to the OS',
  lazyfree: 'memory returned with MADV_FREE that is still resident (LazyFree)',
  stacks: 'goroutine stacks',
  'runtime-metadata': 'runtime metadata (GC, spans, profiling)',
  'non-go': 'memory outside the Go runtime (cgo, syscall.Mmap, binary text)',
};

const FIXES: Record<string, string> = {
  'idle-not-released':
    'Usually harmless: the scavenger returns idle memory over time, faster near GOMEMLIMIT. debug.FreeOSMemory forces it.',
  lazyfree: 'See madv-free-rss: drop GODEBUG=madvdontneed=0 or upgrade Go (>= 1.16).',
  stacks: 'Look for goroutine leaks in /debug/pprof/goroutine?debug=1.',
  'runtime-metadata': 'Large metadata follows a large or fragmented heap; look at heap profiles.',
  'non-go':
    'Check cgo libraries and mmap users; GOMEMLIMIT does not count this memory, so keep it in the headroom.',
};
