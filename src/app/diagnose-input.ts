/**
 * Where diagnose's snapshot comes from: a live target read through the one read path
 * (sources/target.ts), or a snapshot saved by `diagnose --save-snapshot` (a file or "-" for
 * stdin), capped and checked before any analysis sees it. A capture's last snapshot is read by
 * app/capture.ts.
 */
import { parseSnapshotFile } from '../formats/snapshot-check.js';
import { InputError } from '../model/errors.js';
import type { Snapshot, Target } from '../model/snapshot.js';
import { hostFs } from '../sources/hostfs.js';
import { inputName, readInputText } from '../sources/input-file.js';
import { collectSnapshot } from '../sources/target.js';

export interface LiveOptions {
  /** Read /proc and /sys under this directory (a host mounted elsewhere). */
  readonly root?: string;
  readonly timeoutMs: number;
  readonly discover: boolean;
}

/** Reads a live target; a process or cgroup that is not there is an input error. */
export async function liveSnapshot(target: Target, o: LiveOptions): Promise<Snapshot> {
  const fs = hostFs(o.root ?? '/');
  if (target.pid !== undefined && !(await fs.exists(`/proc/${target.pid}`))) {
    throw new InputError(`no process with PID ${target.pid}${o.root ? ` under ${o.root}` : ''}`);
  }
  if (target.cgroupDir !== undefined && !(await fs.exists(target.cgroupDir))) {
    throw new InputError(`no cgroup directory ${target.cgroupDir}`);
  }
  return collectSnapshot(target, { fs, timeoutMs: o.timeoutMs, discover: o.discover });
}

/** Largest snapshot file read: a real one is about 20 KiB. */
const MAX_SNAPSHOT_BYTES = 16 << 20;

export async function loadSnapshot(file: string): Promise<Snapshot> {
  const text = await readInputText(file, { maxBytes: MAX_SNAPSHOT_BYTES, what: 'snapshot' });
  return parseSnapshotFile(text, inputName(file));
}
