/**
 * The process a madvise trace watches: it must exist, be readable and be a Go program. Its
 * Go version and GODEBUG (build default DefaultGODEBUG, then the environment) come from the
 * same readers diagnose uses.
 */
import { readSettings, type GoSettings } from '../analysis/settings.js';
import { InputError } from '../model/errors.js';
import { valueOf, type Observation } from '../model/observation.js';
import type { BinaryInfo, ProcessInfo, SmapsRollup } from '../model/snapshot.js';
import { readBinaryInfo } from '../sources/binary.js';
import type { HostFs } from '../sources/hostfs.js';
import { readProcess } from '../sources/procfs.js';
import { AS_OWNER } from '../sources/runtime-discovery.js';

export interface TraceTarget {
  readonly pid: number;
  readonly settings: GoSettings;
  readonly smaps?: SmapsRollup;
  readonly smapsSource: string;
}

/** Throws InputError (exit 2) for a process that is gone, hidden or not Go. */
export async function readTraceTarget(fs: HostFs, pid: number): Promise<TraceTarget> {
  const [process, binary] = await Promise.all([
    readProcess(fs, pid),
    readBinaryInfo(fs, `/proc/${pid}/exe`),
  ]);
  if (process.status.status === 'absent') throw new InputError(`process ${pid} not found`);
  refuseUnreadable(binary);
  if (binary.status === 'absent')
    throw new InputError(`process ${pid} has no binary to read (a kernel thread, or it exited)`);
  if (binary.status === 'ok' && !binary.value.isGo)
    throw new InputError(`process ${pid} is not a Go program: ${binary.value.reason}`);
  const settings = readSettings(snapshotOf(pid, process, binary));
  return {
    pid,
    settings,
    smaps: valueOf(process.smapsRollup),
    smapsSource: process.smapsRollup.source,
  };
}

/** smaps_rollup now; undefined once the process is gone. */
export async function readSmaps(fs: HostFs, pid: number): Promise<SmapsRollup | undefined> {
  return valueOf((await readProcess(fs, pid)).smapsRollup);
}

function refuseUnreadable(binary: Observation<BinaryInfo>): void {
  if (binary.status !== 'unreadable') return;
  const owner = binary.reason === 'permission denied' ? AS_OWNER : '';
  throw new InputError(`cannot read ${binary.source}: ${binary.reason}${owner}`);
}

function snapshotOf(pid: number, process: ProcessInfo, binary: Observation<BinaryInfo>) {
  return { takenAt: new Date().toISOString(), target: { pid }, process, binary, notes: [] };
}
