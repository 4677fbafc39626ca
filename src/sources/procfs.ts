/**
 * What /proc says about one process: status, smaps_rollup, the Go-relevant environment,
 * cmdline and the exe link, read in parallel. A process that exits while we read leaves
 * "absent" observations behind, never an exception.
 */
import { absent, type Observation } from '../model/observation.js';
import type { ProcessInfo, ProcStatus, SmapsRollup } from '../model/snapshot.js';
import { parseCmdline } from '../formats/cmdline.js';
import { parseGoEnviron } from '../formats/environ.js';
import { parseProcStatus } from '../formats/proc-status.js';
import { parseSmapsRollup } from '../formats/smaps-rollup.js';
import { parseObservation, readParsed } from './cgroup-files.js';
import type { HostFs } from './hostfs.js';

/** environ and cmdline are bounded by ARG_MAX-like limits; more than this is not a real one. */
const ARGS_MAX_BYTES = 2 * 1024 * 1024;

export async function readProcess(fs: HostFs, pid: number): Promise<ProcessInfo> {
  const base = `/proc/${pid}`;
  const [status, smapsText, environ, cmdline, exe] = await Promise.all([
    readParsed(fs, `${base}/status`, parseProcStatus),
    fs.readText(`${base}/smaps_rollup`),
    readBinary(fs, `${base}/environ`, parseGoEnviron),
    readBinary(fs, `${base}/cmdline`, parseCmdline),
    fs.readLink(`${base}/exe`),
  ]);
  const why = whyMissing(pid, status);
  return {
    pid,
    status: explain(status, why),
    smapsRollup: explain(smapsObservation(smapsText), why),
    environ: explain(environ, why),
    cmdline: explain(cmdline, why),
    exe: explain(exe, why),
  };
}

/**
 * Why a /proc/PID file is missing: the process is gone, or it never had user memory (kernel
 * threads and zombies have a status without VmRSS, and no exe, environ or smaps_rollup).
 */
function whyMissing(pid: number, status: Observation<ProcStatus>): string {
  if (status.status !== 'ok') return `process ${pid} not found (exited?)`;
  if (status.value.vmRss === undefined) return 'a kernel thread or a zombie has no user memory';
  return `process ${pid} exited while being read`;
}

function explain<T>(obs: Observation<T>, why: string): Observation<T> {
  if (obs.status !== 'absent' || obs.note !== undefined) return obs;
  return absent(obs.source, why);
}

/** smaps_rollup (Linux 4.14+) reads empty for zombies and kernel threads: absent, not malformed. */
function smapsObservation(read: Observation<string>): Observation<SmapsRollup> {
  if (read.status !== 'ok') return read;
  if (read.value === '') return absent(read.source);
  return parseObservation(read.value, read.source, parseSmapsRollup);
}

async function readBinary<T>(
  fs: HostFs,
  path: string,
  parse: (b: Uint8Array) => T,
): Promise<Observation<T>> {
  const read = await fs.readBytes(path, ARGS_MAX_BYTES);
  if (read.status !== 'ok') return read;
  return parseObservation(read.value, path, parse);
}
