/**
 * Runs one memory shape for real: a Go scenario started inside its own v1/v2 memory cgroup
 * (from its first instruction), watched by `gomemlens watch` as a user runs it, until the
 * kernel OOM-kills it or the time is up. Returns the capture watch wrote, when the process died
 * and what the kernel counted. Cleans up the process, its directories and the cgroup.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCapture, type Capture } from '../../src/formats/capture.js';
import { createTestCgroup } from './cgroup.js';
import { runCli } from './cli.js';
import { startScenario, type RunningScenario } from './go-scenario.js';
import { makeTmpfsDir, type TmpfsDir } from './tmpfs.js';

export interface Shape {
  readonly name: string;
  readonly program: string;
  readonly args: readonly string[];
  readonly env?: Record<string, string>;
  readonly limit: number;
  /** Whether the kernel should OOM-kill it. */
  readonly oom: boolean;
  /** The program writes into `-dir DIR`: a tmpfs, or a directory on disk. */
  readonly dir?: 'tmpfs' | 'disk';
}

export interface ShapeRun {
  readonly shape: Shape;
  readonly capture: Capture;
  /** The first sample's time (ms since the epoch). */
  readonly startedAt: number;
  /** When the process was seen to die, or undefined when it outlived the run. */
  readonly diedAt?: number;
  readonly oomKills: number;
  readonly watchCode: number | null;
  readonly stdout: string;
}

/** `keepDir`: where to copy the capture (as SHAPE.ndjson) for a closer look. */
export async function runShape(shape: Shape, maxSec: number, keepDir?: string): Promise<ShapeRun> {
  const work = mkdtempSync(join(tmpdir(), `gomemlens-shape-${shape.name}-`));
  const cg = createTestCgroup(`shape-${shape.name}`);
  let dir: TmpfsDir | undefined;
  let svc: RunningScenario | undefined;
  try {
    cg.setLimit(shape.limit);
    const args = [...shape.args];
    if (shape.dir) {
      dir = shape.dir === 'tmpfs' ? tmpfsOrThrow(4 * shape.limit) : diskDir(work);
      args.push('-dir', dir.dir);
    }
    svc = await startScenario(shape.program, { args, env: shape.env, cgroupDir: cg.dir });
    let diedAt: number | undefined;
    void svc.exited.then(() => (diedAt = Date.now()));
    const out = join(work, 'capture.ndjson');
    const flags = ['--pid', String(svc.pid), '--url', svc.url!, '--out', out];
    const w = await runCli(['watch', ...flags, '--duration', `${maxSec}s`], {
      timeoutMs: (maxSec + 30) * 1000,
    });
    if (keepDir) copyFileSync(out, join(keepDir, `${shape.name}.ndjson`));
    const capture = readCapture(out);
    const oomKills = Number(/oom_kill (\d+)/.exec(cg.read('memory.oom_control'))?.[1] ?? 0);
    const startedAt = capture.samples[0]?.t ?? 0;
    return { shape, capture, startedAt, diedAt, oomKills, watchCode: w.code, stdout: w.stdout };
  } finally {
    // Order: the process, then its files (tmpfs pages are charged to the group), then the group.
    await svc?.stop();
    dir?.cleanup();
    await cg.remove();
    rmSync(work, { recursive: true, force: true });
  }
}

function tmpfsOrThrow(size: number): TmpfsDir {
  const t = makeTmpfsDir(size);
  if ('skip' in t) throw new Error(t.skip);
  return t;
}

/** statfs f_type of a tmpfs (linux/magic.h TMPFS_MAGIC). */
const TMPFS_MAGIC = 0x01021994;

/** A directory on a disk filesystem (not a tmpfs: its page cache is reclaimable). */
function diskDir(work: string): TmpfsDir {
  const base = [work, '/var/tmp', process.cwd()].find((d) => statfsSync(d).type !== TMPFS_MAGIC);
  if (!base) throw new Error('no directory on a disk filesystem (the temp dir is a tmpfs)');
  const dir = base === work ? work : mkdtempSync(join(base, 'gomemlens-disk-'));
  return { dir, how: 'disk', cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function readCapture(path: string): Capture {
  const parsed = parseCapture(readFileSync(path));
  if (parsed.kind !== 'capture') throw new Error(`${path}: not a capture`);
  return parsed.capture;
}
