/**
 * The process side of a target read: a tick's /proc/PID/status (is the process still there?),
 * the process as a tick leaves it (status only), and the files another user's process hides.
 */
import { absent, type Observation } from '../model/observation.js';
import type { BinaryInfo, ProcessInfo, ProcStatus } from '../model/snapshot.js';
import { parseProcStatus } from '../formats/proc-status.js';
import { parseObservation } from './cgroup-files.js';
import type { HostFs } from './hostfs.js';
import { AS_OWNER } from './runtime-discovery.js';

export interface StatusRead {
  readonly status: Observation<ProcStatus>;
  /** The process has exited: no status file, or a zombie (State: Z) not reaped yet. */
  readonly gone: boolean;
}

/** /proc/PID/status; one that does not parse is noted and the process still counts as alive. */
export async function readStatus(fs: HostFs, pid: number): Promise<StatusRead> {
  const path = `/proc/${pid}/status`;
  const text = await fs.readText(path);
  if (text.status === 'absent')
    return { status: absent(path, `process ${pid} not found (exited?)`), gone: true };
  if (text.status !== 'ok') return { status: text, gone: false };
  // A zombie has exited; only its parent has not reaped it yet (proc(5), State Z).
  if (/^State:\s+Z/m.test(text.value))
    return { status: absent(path, `process ${pid} exited (a zombie)`), gone: true };
  return { status: parseObservation(text.value, path, parseProcStatus), gone: false };
}

/** A tick's process: its status only; the rest is read with the full snapshot. */
export function statusOnly(pid: number, status: Observation<ProcStatus>): ProcessInfo {
  const notRead = (file: string) => absent<never>(`/proc/${pid}/${file}`, 'not read this tick');
  return {
    pid,
    status,
    smapsRollup: notRead('smaps_rollup'),
    environ: notRead('environ'),
    cmdline: notRead('cmdline'),
    exe: notRead('exe'),
  };
}

export function deniedNotes(
  process: ProcessInfo | undefined,
  binary: Observation<BinaryInfo> | undefined,
): string[] {
  const denied = [process?.status, process?.smapsRollup, process?.environ, process?.exe, binary]
    .filter((o) => o?.status === 'unreadable' && o.reason === 'permission denied')
    .map((o) => o!.source);
  if (denied.length === 0) return [];
  return [`cannot read ${[...new Set(denied)].join(', ')}: permission denied${AS_OWNER}`];
}
