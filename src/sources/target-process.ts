/**
 * The process side of a target read: a tick's /proc/PID/status (is the process still there?),
 * the process as a tick leaves it (status only), and the files another user's process hides.
 */
import { absent, type Observation } from '../model/observation.js';
import type { BinaryInfo, ProcCpu, ProcessInfo, ProcStatus } from '../model/snapshot.js';
import { parseProcStatCpu } from '../formats/proc-stat.js';
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

/** /proc/PID/stat's CPU times (the GC model compares them with the runtime's, docs/advise.md). */
export async function readCpu(fs: HostFs, pid: number): Promise<Observation<ProcCpu>> {
  const path = `/proc/${pid}/stat`;
  const text = await fs.readText(path);
  return text.status === 'ok' ? parseObservation(text.value, path, parseProcStatCpu) : text;
}

/** A tick's process: its status and CPU times; the rest is read with the full snapshot. */
export function statusOnly(
  pid: number,
  status: Observation<ProcStatus>,
  cpu?: Observation<ProcCpu>,
): ProcessInfo {
  const notRead = (file: string) => absent<never>(`/proc/${pid}/${file}`, 'not read this tick');
  return {
    pid,
    status,
    smapsRollup: notRead('smaps_rollup'),
    environ: notRead('environ'),
    cmdline: notRead('cmdline'),
    exe: notRead('exe'),
    ...(cpu ? { cpu } : {}),
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
