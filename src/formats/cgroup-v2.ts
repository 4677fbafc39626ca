/**
 * cgroup v2 memory files (Documentation/admin-guide/cgroup-v2.rst, "Memory Interface
 * Files"): memory.stat ("anon 1234" lines, bytes or event counts) and memory.events /
 * memory.events.local (low, high, max, oom, oom_kill, oom_group_kill).
 */
import type { MemoryEvents, MemoryStat } from '../model/snapshot.js';
import { ParseError } from '../model/errors.js';
import { keyedCounts } from './kernel-text.js';

export function parseV2MemoryStat(text: string): MemoryStat {
  const raw = Object.fromEntries(keyedCounts(text));
  return {
    anon: raw.anon,
    file: raw.file,
    activeFile: raw.active_file,
    inactiveFile: raw.inactive_file,
    activeAnon: raw.active_anon,
    inactiveAnon: raw.inactive_anon,
    shmem: raw.shmem,
    kernel: raw.kernel,
    slab: raw.slab,
    sock: raw.sock,
    pglazyfree: raw.pglazyfree,
    pglazyfreed: raw.pglazyfreed,
    raw,
  };
}

const REQUIRED_EVENTS = ['low', 'high', 'max', 'oom', 'oom_kill'] as const;

/** memory.events or memory.events.local; oom_group_kill exists only on newer kernels (optional). */
export function parseMemoryEvents(text: string): MemoryEvents {
  const values = keyedCounts(text);
  const missing = REQUIRED_EVENTS.filter((k) => !values.has(k));
  if (missing.length > 0) throw new ParseError(`missing ${missing.join(', ')}`);
  return {
    low: values.get('low')!,
    high: values.get('high')!,
    max: values.get('max')!,
    oom: values.get('oom')!,
    oomKill: values.get('oom_kill')!,
    oomGroupKill: values.get('oom_group_kill'),
  };
}
