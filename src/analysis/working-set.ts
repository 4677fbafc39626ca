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
