/** Text for `watch`: one line per tick, the live view's lines, and the post-mortem. */
import type { Forecast } from '../analysis/forecast.js';
import type { PostMortem } from '../analysis/postmortem.js';
import type { Finding } from '../model/finding.js';
import type { Sample } from '../model/series.js';
import { formatBytes, formatDuration } from '../model/units.js';
import { describeFinding } from './messages/index.js';

const b = (n: number | undefined) => (n === undefined ? '-' : formatBytes(n));
const clock = (t: number) => new Date(t).toISOString().slice(11, 19);
const rate = (slope: number) => `${slope >= 0 ? '+' : ''}${formatBytes(slope)}/s`;

/** "12:00:01 ws 120 MiB/256 MiB 47.0% rss 118 MiB heap 110 MiB goal 220 MiB gc 12 | heap leak +5 MiB/s, OOM in 25s (22s..28s)" */
export function tickLine(s: Sample, f: Forecast): string {
  const c = s.cgroup;
  const share =
    c?.workingSet !== undefined && c.limit
      ? ` ${((100 * c.workingSet) / c.limit).toFixed(1)}%`
      : '';
  const parts = [
    clock(s.t),
    `ws ${b(c?.workingSet)}/${c?.limit ? b(c.limit) : 'unlimited'}${share}`,
    `rss ${b(s.proc?.rss)}`,
    `heap ${b(s.go?.heapInuse)}`,
    `goal ${b(s.go?.nextGC)}`,
    `gc ${s.go?.numGC ?? '-'}`,
  ];
  return `${parts.join(' ')} | ${forecastText(f)}`;
}

export function forecastText(f: Forecast): string {
  if (f.kind === 'insufficient') return 'trend: collecting';
  const limit = limitText(f);
  if (f.kind === 'shmem') return `tmpfs/shmem ${rate(f.charged!.slope)}${etaText(f)}${limit}`;
  if (f.kind !== 'leak') return `trend: ${f.kind}${limit}`;
  return `${leakText(f)}${thrashText(f)}${etaText(f)}${limit}`;
}

/** ", at the limit under reclaim (memory.failcnt +12 in 4.0s)": where "OOM in 0s" would be false. */
function limitText(f: Forecast): string {
  const r = f.reclaim;
  if (!r) return f.atLimit ? ', at the limit' : '';
  const seen = `${r.source} +${r.rise} in ${formatDuration(r.windowSec * 1000)}`;
  return `, at the limit under reclaim (${seen})`;
}

const GROWS = { heap: 'heap leak', stacks: 'goroutine stack leak', memory: 'leak' } as const;

/** "heap leak +10 MiB/s, charged +4 MiB/s": the charge is shown where it differs from the growth. */
function leakText(f: Forecast): string {
  const g = f.grows ?? 'memory';
  const grows = f.heap?.slope ?? f.growth!.slope;
  const charged = f.charged?.slope;
  const differs = charged !== undefined && Math.abs(charged - grows) > 0.2 * Math.abs(grows);
  return `${GROWS[g]} ${rate(grows)}${differs && g !== 'memory' ? `, charged ${rate(charged)}` : ''}`;
}

function thrashText(f: Forecast): string {
  if (f.thrashing) return ', GC thrashing at GOMEMLIMIT';
  if (f.thrashEtaSec === undefined) return '';
  return `, GC thrash at GOMEMLIMIT in ${formatDuration(f.thrashEtaSec * 1000)}${f.viaThrash ? ', then' : ''}`;
}

/** ", OOM in 25s (22s..28s)", or nothing without an ETA. Never "in 0": a live process under its limit has room. */
function etaText(f: Forecast): string {
  if (f.etaSec === undefined || f.etaSec <= 0) return '';
  const lo = f.etaLowSec !== undefined ? formatDuration(f.etaLowSec * 1000) : '?';
  const hi =
    f.etaHighSec !== undefined && Number.isFinite(f.etaHighSec)
      ? formatDuration(f.etaHighSec * 1000)
      : '?';
  const sep = f.viaThrash && f.thrashEtaSec !== undefined && !f.thrashing ? ' ' : ', ';
  return `${sep}OOM in ${formatDuration(f.etaSec * 1000)} (${lo}..${hi})`;
}

/** The live view: a few lines redrawn in place on a terminal. */
export function liveLines(
  s: Sample,
  f: Forecast,
  findings: readonly Finding[],
  events: readonly string[],
): string[] {
  const c = s.cgroup;
  const lines = [
    `gomemlens watch  ${clock(s.t)}`,
    `  limit ${c?.limit ? b(c.limit) : 'unlimited'}  usage ${b(c?.usage)}  working set ${b(c?.workingSet)}  rss ${b(s.proc?.rss)}`,
    `  Go heap in use ${b(s.go?.heapInuse)}  goal ${b(s.go?.nextGC)}  live ${b(s.go?.live)}  GOMEMLIMIT ${s.go?.gomemlimit ? b(s.go.gomemlimit) : 'off'}  goroutines ${s.go?.goroutines ?? '-'}`,
    `  ${forecastText(f)}`,
    ...findings.slice(0, 4).map((fd) => `  [${fd.severity}] ${describeFinding(fd).title}`),
    ...events.slice(-3).map((e) => `  ${e}`),
  ];
  return lines;
}

export function renderPostMortemText(pm: PostMortem): string {
  if (!pm.died) return 'post-mortem: the target was still running when watching stopped.';
  const lines = [
    pm.oomKilled
      ? `post-mortem: OOM-KILLED (${pm.evidence.join('; ')})`
      : `post-mortem: the target exited, no OOM kill recorded`,
  ];
  const last = pm.lastSample;
  if (last)
    lines.push(
      `  last state ${clock(last.t)}: ${tickLine(last, { kind: 'insufficient', at: last.t }).split(' | ')[0].slice(9)}`,
    );
  for (const c of pm.captures)
    lines.push(
      `  ${c.kind} profile at ${clock(c.t)} (${c.reason}), ${c.secBeforeEnd.toFixed(1)} s before the end`,
    );
  for (const s of pm.grownSites.slice(0, 5))
    lines.push(
      `  grew: ${s.func} +${formatBytes(s.growthBytes)} (now ${formatBytes(s.inuseBytes)}, ${(s.share * 100).toFixed(0)}%)`,
    );
  return lines.join('\n');
}
