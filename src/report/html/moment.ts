/**
 * The reconciled breakdown of one sample, from the container limit down to the live heap,
 * each row naming its source. Runs in the page when a moment is picked on a chart.
 * Go's runtime total is Sys; what it holds in RAM is Sys - HeapReleased (the part GOMEMLIMIT
 * limits); RSS beyond that is memory the Go runtime does not account for (binary text, cgo,
 * mmap by libraries).
 */
import type { Sample } from '../../model/series.js';

export interface BreakdownRow {
  readonly label: string;
  readonly bytes?: number;
  readonly depth: number;
  readonly source: string;
}

export function sampleBreakdown(s: Sample): BreakdownRow[] {
  const c = s.cgroup ?? {};
  const p = s.proc ?? {};
  const g = s.go ?? {};
  const goResident = g.sys !== undefined ? g.sys - (g.heapReleased ?? 0) : undefined;
  const idleKept = g.heapIdle !== undefined ? g.heapIdle - (g.heapReleased ?? 0) : undefined;
  const rows: (BreakdownRow | false)[] = [
    {
      label: 'cgroup limit (effective)',
      bytes: c.limit,
      depth: 0,
      source: 'memory.limit_in_bytes / memory.max',
    },
    c.high !== undefined && {
      label: 'memory.high',
      bytes: c.high,
      depth: 0,
      source: 'memory.high',
    },
    { label: 'usage', bytes: c.usage, depth: 1, source: 'memory.usage_in_bytes / memory.current' },
    {
      label: 'inactive page cache (reclaimable)',
      bytes: c.inactiveFile,
      depth: 2,
      source: 'memory.stat inactive_file',
    },
    {
      label: 'working set',
      bytes: c.workingSet,
      depth: 2,
      source: 'usage - inactive_file (cAdvisor)',
    },
    c.shmem !== undefined && {
      label: 'shmem: tmpfs, shared memory (not reclaimable without swap)',
      bytes: c.shmem,
      depth: 3,
      source: 'memory.stat shmem / total_shmem',
    },
    { label: 'process RSS', bytes: p.rss, depth: 3, source: '/proc/PID/status VmRSS' },
    { label: 'anonymous', bytes: p.rssAnon, depth: 4, source: '/proc/PID/status RssAnon' },
    { label: 'file-backed', bytes: p.rssFile, depth: 4, source: '/proc/PID/status RssFile' },
    {
      label: 'Go runtime, resident (Sys - HeapReleased)',
      bytes: goResident,
      depth: 3,
      source: 'MemStats',
    },
    { label: 'heap in use', bytes: g.heapInuse, depth: 4, source: 'MemStats.HeapInuse' },
    {
      label: 'heap idle, not yet returned',
      bytes: idleKept,
      depth: 4,
      source: 'MemStats.HeapIdle - HeapReleased',
    },
    { label: 'stacks', bytes: g.stackInuse, depth: 4, source: 'MemStats.StackInuse' },
    {
      label: 'returned to the OS',
      bytes: g.heapReleased,
      depth: 4,
      source: 'MemStats.HeapReleased',
    },
    p.rss !== undefined &&
      goResident !== undefined && {
        label: 'RSS the Go runtime does not explain',
        bytes: Math.max(0, p.rss - goResident),
        depth: 3,
        source: 'VmRSS - (Sys - HeapReleased)',
      },
    { label: 'heap goal', bytes: g.nextGC, depth: 3, source: 'MemStats.NextGC' },
    {
      label: `live heap (${g.liveSource === 'metric' ? 'measured' : 'estimated'})`,
      bytes: g.live,
      depth: 3,
      source:
        g.liveSource === 'metric'
          ? '/gc/heap/live:bytes'
          : 'min(NextGC / (1 + GOGC/100), HeapAlloc)',
    },
    g.gomemlimit !== undefined && {
      label: 'GOMEMLIMIT',
      bytes: g.gomemlimit,
      depth: 3,
      source: 'go_gc_gomemlimit_bytes',
    },
  ];
  return rows.filter((r): r is BreakdownRow => r !== false);
}
