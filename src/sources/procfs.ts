/**
 * What /proc says about one process: status, smaps_rollup, the Go-relevant environment,
 * cmdline and the exe link, read in parallel. A process that exits while we read leaves
 * "absent" observations behind, never an exception.
 */
import { absent, type Observation } from '../model/observation.js';
import type { ProcessInfo } from '../model/snapshot.js';
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
  const gone = `process ${pid} not found (exited?)`;
  const [status, smapsText, environ, cmdline, exe] = await Promise.all([
    readParsed(fs, `${base}/status`, parseProcStatus, gone),
    fs.readText(`${base}/smaps_rollup`),
    readBinary(fs, `${base}/environ`, parseGoEnviron, gone),
    readBinary(fs, `${base}/cmdline`, parseCmdline, gone),
    fs.readLink(`${base}/exe`),
  ]);
  return {
    pid,
    status,
    smapsRollup: smapsObservation(smapsText, gone),
    environ,
    cmdline,
    exe: exe.status === 'absent' ? absent(exe.source, `${gone} or a kernel thread`) : exe,
  };
}

/** smaps_rollup reads empty for zombies and kernel threads: absent, not malformed. */
function smapsObservation(read: Observation<string>, gone: string) {
  if (read.status === 'absent')
    return absent<never>(read.source, `${gone}; smaps_rollup needs Linux 4.14+`);
  if (read.status === 'unreadable') return read;
  if (read.value === '')
    return absent<never>(read.source, 'empty: the process is exiting or is a kernel thread');
  return parseObservation(read.value, read.source, parseSmapsRollup);
}

async function readBinary<T>(
  fs: HostFs,
  path: string,
  parse: (b: Uint8Array) => T,
  note: string,
): Promise<Observation<T>> {
  const read = await fs.readBytes(path, ARGS_MAX_BYTES);
  if (read.status === 'absent') return absent(path, note);
  if (read.status === 'unreadable') return read;
  return parseObservation(read.value, path, parse);
}
