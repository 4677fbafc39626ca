/**
 * cgroup v1 memory controller files (Documentation/admin-guide/cgroup-v1/memory.rst):
 * memory.stat and memory.oom_control. memory.stat prints this group's own counters and the
 * hierarchical total_* ones; cAdvisor and the kubelet use the total_* values, so do we.
 */
import type { MemoryStat, OomControl } from '../model/snapshot.js';
import { parseLimit } from '../model/units.js';
import { ParseError } from '../model/errors.js';
import { keyedCounts } from './kernel-text.js';

/** memory.stat v1, normalised to v2 names (total_rss -> anon, total_cache -> file ...). */
export function parseV1MemoryStat(text: string): MemoryStat {
  // raw holds the limit lines approximately (they can exceed 2^53); the model field uses parseLimit.
  const raw = Object.fromEntries(keyedCounts(text));
  const hasTotals = 'total_rss' in raw || 'total_cache' in raw || 'total_inactive_file' in raw;
  const pick = (name: string): number | undefined => raw[hasTotals ? `total_${name}` : name];
  const limitText = /^hierarchical_memory_limit (\d+)$/m.exec(text)?.[1];
  return {
    anon: pick('rss'),
    file: pick('cache'),
    activeFile: pick('active_file'),
    inactiveFile: pick('inactive_file'),
    activeAnon: pick('active_anon'),
    inactiveAnon: pick('inactive_anon'),
    shmem: pick('shmem'),
    hierarchicalMemoryLimit: limitText === undefined ? undefined : parseLimit(limitText),
    raw,
  };
}

/** memory.oom_control: oom_kill_disable, under_oom, and (Linux >= 4.13) oom_kill. */
export function parseOomControl(text: string): OomControl {
  const values = keyedCounts(text);
  const disable = values.get('oom_kill_disable');
  const under = values.get('under_oom');
  if (disable === undefined || under === undefined)
    throw new ParseError('missing oom_kill_disable or under_oom');
  return { oomKillDisable: disable === 1, underOom: under === 1, oomKill: values.get('oom_kill') };
}
