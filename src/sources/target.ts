/**
 * The one read path: a target (a process, its memory cgroup, its Go runtime's HTTP endpoints)
 * read into one typed result, a Snapshot (model/snapshot.ts). `snapshot()` reads everything
 * (diagnose; watch with each profile); `tick()` reads the cheap part that a watch tick or an
 * exporter needs every second: the cgroup's files, /proc/PID/status, /debug/vars and /metrics.
 * Everything is read in parallel; a side that cannot be read becomes an absent or unreadable
 * observation or a note, never an exception.
 */
import http from 'node:http';
import { absent, describeMissing } from '../model/observation.js';
import { endpointProblems, type Snapshot, type Target } from '../model/snapshot.js';
import { readBinaryInfo } from './binary.js';
import { cgroupReader } from './cgroup.js';
import { cgroupTickReader } from './cgroup-tick.js';
import type { HostFs } from './hostfs.js';
import { readProcess } from './procfs.js';
import { discoverRuntime } from './runtime-discovery.js';
import { deniedNotes, readCpu, readStatus, statusOnly } from './target-process.js';
import { probeRuntime, unreachable, type RuntimeEndpoint } from './runtime.js';
import { fetchServiceProfile, profilePath, type ServiceProfile } from './target-profiles.js';

export interface TargetReaderOptions {
  /** Deadline of each HTTP read (default 2000 ms). */
  readonly timeoutMs?: number;
  /** Full reads look for the endpoints on the process's listening ports when there is no URL. */
  readonly discover?: boolean;
  /** The endpoints a full read asks for (default all four, as diagnose). */
  readonly fullEndpoints?: readonly RuntimeEndpoint[];
  /** The endpoints a tick reads (default /debug/vars and /metrics). */
  readonly tickEndpoints?: readonly RuntimeEndpoint[];
  /** A tick reads only the cgroup files a sample needs (sources/cgroup-tick.ts): the exporter. */
  readonly lightTick?: boolean;
}

export interface ReadOptions {
  readonly timeoutMs?: number;
  /** This tick's endpoints, instead of the reader's (none: the cgroup and /proc only). */
  readonly endpoints?: readonly RuntimeEndpoint[];
  readonly signal?: AbortSignal;
}

export interface TickRead {
  readonly t: number;
  /** The cheap part of a snapshot: what is not read each tick is left out or absent. */
  readonly snapshot: Snapshot;
  /** False once the process is gone (or a zombie), or the URL refused three times in a row. */
  readonly alive: boolean;
}

export interface TargetReader {
  tick(now?: number, opts?: ReadOptions): Promise<TickRead>;
  snapshot(now?: number, opts?: ReadOptions): Promise<Snapshot>;
  /** GET a heap or goroutine profile (sources/target-profiles.ts); `fresh` runs a GC first. */
  /**
   * `seconds`: how long an execution trace ('trace') runs. `bytes` with `error`: a trace cut
   * short (the service died while writing it), kept for what it holds.
   */
  fetchProfile(
    kind: ServiceProfile,
    fresh?: boolean,
    signal?: AbortSignal,
    seconds?: number,
  ): Promise<{ bytes?: Uint8Array; error?: string }>;
  profilePath(kind: ServiceProfile, fresh?: boolean, seconds?: number): string;
  /** Closes the kept-alive connections to the service. */
  close(): void;
}

/** /debug/vars and /metrics of a real service are tens of KiB; a tick reads at most this. */
const TICK_MAX_BYTES = 4 << 20;
const TICK_ENDPOINTS: readonly RuntimeEndpoint[] = ['vars', 'metrics'];

export function createTargetReader(
  fs: HostFs,
  target: Target,
  opts: TargetReaderOptions = {},
): TargetReader {
  const base = target.url?.replace(/\/+$/, '');
  const timeout = (o: ReadOptions) => o.timeoutMs ?? opts.timeoutMs ?? 2000;
  // One connection per endpoint, kept between ticks (idle sockets do not hold the process).
  const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const cgroup = cgroupReader(fs, target);
  const tickCgroup = opts.lightTick ? cgroupTickReader(fs, target) : cgroup;
  let refused = 0;

  async function tick(now = Date.now(), o: ReadOptions = {}): Promise<TickRead> {
    const pid = target.pid;
    const only = o.endpoints ?? opts.tickEndpoints ?? TICK_ENDPOINTS;
    // The process's CPU feeds the GC model's calibration (watch captures); the exporter's
    // light tick leaves it out.
    const readsCpu = pid !== undefined && !opts.lightTick;
    const [cg, status, cpu, runtime] = await Promise.all([
      tickCgroup.read(),
      pid === undefined ? undefined : readStatus(fs, pid),
      readsCpu ? readCpu(fs, pid) : undefined,
      base === undefined || only.length === 0
        ? undefined
        : probeRuntime(base, {
            only,
            timeoutMs: timeout(o),
            maxBytes: TICK_MAX_BYTES,
            keepAlive,
            signal: o.signal,
          }),
    ]);
    const notes: string[] = [];
    if (cg && cg.status !== 'ok') notes.push(`cgroup: ${describeMissing(cg)}`);
    if (status && !status.gone && status.status.status !== 'ok')
      notes.push(describeMissing(status.status)!);
    if (runtime) notes.push(...endpointProblems(runtime));
    // Only a refused or reset connection counts towards "gone": a slow service is alive.
    refused = runtime && unreachable(runtime) ? refused + 1 : 0;
    const snapshot: Snapshot = {
      takenAt: new Date(now).toISOString(),
      target,
      ...(cg ? { cgroup: cg } : {}),
      ...(status ? { process: statusOnly(pid!, status.status, cpu) } : {}),
      ...(runtime ? { runtime } : {}),
      notes,
    };
    return { t: now, snapshot, alive: status ? !status.gone : refused < 3 };
  }

  async function snapshot(now = Date.now(), o: ReadOptions = {}): Promise<Snapshot> {
    const notes: string[] = [];
    const pid = target.pid;
    const [cg, process, binary, runtime] = await Promise.all([
      cgroup.read(),
      pid !== undefined ? readProcess(fs, pid) : undefined,
      pid !== undefined ? readBinaryInfo(fs, `/proc/${pid}/exe`) : undefined,
      base !== undefined
        ? probeRuntime(base, {
            only: opts.fullEndpoints,
            timeoutMs: timeout(o),
            keepAlive,
            signal: o.signal,
          })
        : pid !== undefined && opts.discover
          ? discoverRuntime(fs, pid, timeout(o), notes)
          : undefined,
    ]);
    notes.push(...deniedNotes(process, binary));
    if (pid !== undefined && !(await fs.exists(`/proc/${pid}/stat`)))
      notes.push(`process ${pid} exited while it was being read: the numbers are partial`);
    return {
      takenAt: new Date(now).toISOString(),
      target: runtime && target.url === undefined ? { ...target, url: runtime.baseUrl } : target,
      cgroup: cg ?? absent('cgroup', 'no --pid or --cgroup given'),
      process,
      binary,
      runtime,
      notes,
    };
  }

  return {
    tick,
    snapshot,
    fetchProfile: (kind, fresh = false, signal, seconds) =>
      base === undefined
        ? Promise.resolve({ error: "no --url: profiles need the service's /debug/pprof" })
        : fetchServiceProfile(base, kind, fresh, signal, seconds),
    profilePath,
    close: () => keepAlive.destroy(),
  };
}

export interface CollectOptions {
  readonly fs: HostFs;
  /** Per-endpoint timeout for the Go runtime's HTTP endpoints. */
  readonly timeoutMs: number;
  /** Look for the runtime's endpoints on the process's listening ports when no URL is given. */
  readonly discover: boolean;
  /** Clock, injectable for recorded runs. */
  readonly now?: () => Date;
}

/** One full read of a target (diagnose). */
export async function collectSnapshot(target: Target, opts: CollectOptions): Promise<Snapshot> {
  const reader = createTargetReader(opts.fs, target, opts);
  try {
    return await reader.snapshot((opts.now?.() ?? new Date()).getTime());
  } finally {
    reader.close();
  }
}
