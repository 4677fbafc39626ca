/**
 * The working set as cAdvisor computes it, which is what the kubelet's eviction manager,
 * `kubectl top` and the VPA recommender use: usage minus inactive file pages, clamped at 0.
 * Usage is memory.usage_in_bytes (v1) or memory.current (v2); inactive file is
 * total_inactive_file (v1) or inactive_file (v2). When the stat has no inactive file line,
 * cAdvisor leaves the usage as it is.
 * Source: google/cadvisor container/libcontainer/handler.go, setMemoryStats
 * (inactiveFileKeyName = "total_inactive_file", or "inactive_file" in cgroup2 unified mode).
 */
import type { MemoryStat } from '../model/snapshot.js';

export function workingSet(usage: number, stat: MemoryStat): number {
  const inactive = stat.inactiveFile;
  if (inactive === undefined) return usage;
  return usage < inactive ? 0 : usage - inactive;
}

/**
 * Page cache the kernel can reclaim without swap: file - shmem. memory.stat `file` (v1
 * `total_cache`) includes tmpfs and shared memory (`shmem`, v1 `total_shmem`), which are
 * swap-backed: they sit on the anon LRU lists, so never in inactive_file, and without swap they
 * stay until deleted (Documentation/admin-guide/cgroup-v2.rst, memory.stat `shmem` and the note
 * on the LRU lists). An unknown shmem counts as 0.
 */
export function reclaimableFile(file: number, shmem: number | undefined): number {
  return Math.max(0, file - (shmem ?? 0));
}

/** What reclaim cannot free without swap: usage - (file - shmem) = anon, shmem, kernel memory. */
export function unreclaimable(usage: number, file: number, shmem: number | undefined): number {
  return Math.max(0, usage - reclaimableFile(file, shmem));
}
