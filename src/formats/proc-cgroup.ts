/**
 * /proc/PID/cgroup (man 7 cgroups, "/proc/[pid]/cgroup"): one line per hierarchy,
 * "hierarchy-ID:controller-list:cgroup-path". cgroup v1 lines name their controllers
 * ("4:memory:/kubepods/pod1/abc"); the cgroup v2 line is "0::/path". The path is relative
 * to the reader's cgroup namespace root and may itself contain ':'.
 */
import { ParseError } from '../model/errors.js';
import { lines } from './kernel-text.js';

export interface CgroupEntry {
  readonly hierarchyId: number;
  /** v1 controllers ("memory", "cpu", "name=systemd"); empty for the v2 line. */
  readonly controllers: readonly string[];
  readonly path: string;
}

export function parseProcCgroup(text: string): CgroupEntry[] {
  const entries = lines(text).map((line, i) => {
    const m = /^(\d+):([^:]*):(\/.*)$/.exec(line);
    if (!m) throw new ParseError('expected "id:controllers:/path"', { line: i + 1, text: line });
    return {
      hierarchyId: Number(m[1]),
      controllers: m[2] === '' ? [] : m[2].split(','),
      path: m[3],
    };
  });
  if (entries.length === 0) throw new ParseError('empty file');
  return entries;
}

/** The v1 line that carries the memory controller, if any. */
export function memoryV1Entry(entries: readonly CgroupEntry[]): CgroupEntry | undefined {
  return entries.find((e) => e.hierarchyId !== 0 && e.controllers.includes('memory'));
}

/** The cgroup v2 line "0::/path", if any. */
export function unifiedEntry(entries: readonly CgroupEntry[]): CgroupEntry | undefined {
  return entries.find((e) => e.hierarchyId === 0 && e.controllers.length === 0);
}
