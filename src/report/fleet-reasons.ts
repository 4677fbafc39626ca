/**
 * Words for the recommendation's reasoning steps and for why it differs from KRR and the VPA
 * (analysis/fleet/recommend.ts, differences.ts). The steps are data with numbers; this table
 * is the only place they become sentences.
 */
import type { ReasonStep } from '../model/fleet.js';
import { formatBytes, formatDuration } from '../model/units.js';

type A = ReasonStep['args'];
const b = (v: unknown) => (typeof v === 'number' ? formatBytes(v) : '?');
const pct = (v: unknown) => (typeof v === 'number' ? `${(100 * v).toFixed(1)}%` : '?');

const STEPS: Record<string, (a: A) => string> = {
  'live-heap': (a) => `peak live heap ${b(a.bytes)} (${a.source})`,
  gogc: (a) =>
    a.reason === 'budget'
      ? `GOGC ${a.gogc}: the GC used ${pct(a.measuredShare)} of ${a.of === 'process' ? "the process's CPU" : 'GOMAXPROCS capacity'} at GOGC ${a.currentGogc}${a.ranAt !== a.currentGogc ? ` (GOMEMLIMIT held it to ${a.ranAt})` : ''}; its share scales as 1/GOGC, so GOGC ${a.wanted} meets the ${pct(a.budget)} budget (kept within 50-400)`
      : `GOGC ${a.gogc}: ${a.reason === 'current' ? 'kept (no GC CPU measurement to size it from)' : "Go's default (GOGC was off or unknown)"}`,
  'go-peak': (a) =>
    `Go peak ${b(a.bytes)} = heap at the GOGC goal ${b(a.heapPeak)} (live x ${1 + Number(a.gogc) / 100}) + runtime stacks and metadata ${b(a.overhead)}${a.assumed ? ' (assumed: no go_memstats_sys_bytes)' : ''}`,
  'gomemlimit-floor': (a) =>
    `GOMEMLIMIT at least ${b(a.bytes)} (${pct(a.margin)} above the Go peak: it backs up the GOGC goal on spikes instead of pacing every cycle)`,
  'non-go': (a) =>
    a.measured
      ? `memory GOMEMLIMIT does not cover ${b(a.bytes)} (${a.source})`
      : 'memory GOMEMLIMIT does not cover: not measured (0 assumed)',
  limit: (a) =>
    `limit ${b(a.bytes)} = (GOMEMLIMIT + non-Go) / ${1 - Number(a.headroom)} (10% headroom, Go's GC guide), rounded up to MiB`,
  'oom-floor': (a) =>
    `limit raised to ${b(a.bytes)}: ${a.oomKills} OOM kill(s) at ${b(a.killedAt)}, so at least 20% more`,
  gomemlimit: (a) =>
    `GOMEMLIMIT ${a.text} = 90% of the ${b(a.limit)} limit minus non-Go memory, at most 95% (as diagnose and k8s fix advise)`,
  request: (a) =>
    `request ${b(a.bytes)} = Go peak + non-Go memory (what it needs at its GOGC goal)`,
  'gc-frequency': (a) =>
    `about ${Number(a.perMinute).toFixed(1)} GCs a minute at ${b(a.allocRate)}/s allocated per replica`,
  leak: (a) =>
    `the memory grows like a leak${Number(a.etaSec) >= 0 ? ` (limit reached in ~${formatDuration(Number(a.etaSec) * 1000)})` : ''}: no size fixes that, find what grows`,
  'working-set': (a) =>
    `no Go runtime series: sized from the working set like KRR (max ${b(a.max)} + ${pct(a.buffer)})`,
  'no-data': () => 'no working set or Go runtime series: nothing to size from',
};

const WHY: Record<string, (a: A) => string> = {
  leak: () => 'all three would grow with a leak; a leak is fixed in the code, not by sizing',
  'krr-undefined': (a) => `KRR gives no memory value here: ${a.reason}`,
  'working-set-follows-gomemlimit': (a) =>
    `the working set (max ${b(a.workingSetMax)}) includes heap the GC leaves until GOMEMLIMIT (${b(a.gomemlimit)}) makes it collect; KRR and VPA size from it, so they keep paying for that garbage (${b(a.needed)} is needed)`,
  'working-set-gogc-off': (a) =>
    `with GOGC=off the heap keeps its garbage until a limit makes the GC run: the working set (max ${b(a.workingSetMax)}) measures that setting, not the ${b(a.needed)} needed`,
  'working-set-above-need': (a) =>
    `the working set (max ${b(a.workingSetMax)}) is above what the Go peak and non-Go memory need (${b(a.needed)}): page cache or an idle heap the scavenger has not returned`,
  'working-set-cut-by-oom': (a) =>
    `${a.oomKills} OOM kill(s) cut the working set at the limit: its max (${b(a.workingSetMax)}) understates the need, so KRR repeats the limit that was killed`,
  'vpa-oom-ratchet': (a) =>
    `VPA's OOM bump (max(+100 MiB, x1.2)) raises the request; with GOMEMLIMIT (${b(a.gomemlimit)}) following the request (${b(a.request)}), the heap grows into the new room and the next kill bumps again`,
  'reference-sets-no-go-settings': (a) =>
    `KRR and VPA set no GOMEMLIMIT or GOGC: a limit they change leaves GOMEMLIMIT behind; here GOMEMLIMIT=${a.gomemlimit} and GOGC=${a.gogc} move with the limit`,
};

export function describeStep(s: ReasonStep): string {
  return (STEPS[s.step] ?? generic)(s.args);
}

export function describeDifference(s: ReasonStep): string {
  return (WHY[s.step] ?? generic)(s.args);
}

function generic(a: A): string {
  return Object.entries(a)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}
