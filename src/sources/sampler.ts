/**
 * One watch tick: the cgroup, /proc/PID/status and the Go runtime (/debug/vars and /metrics)
 * read at the same time and stamped with one timestamp. A tick reads only what the series
 * need (not smaps_rollup or the heap profile), so it stays cheap; profiles are fetched by
 * `fetchProfile` at a slower cadence and on triggers.
 */
import type { MemStats, ProcessInfo, PromGoMetrics, ProcStatus } from '../model/snapshot.js';
import type { TickReadings } from '../model/series.js';
import { parseExpvar } from '../formats/expvar.js';
import { parseProcStatus } from '../formats/proc-status.js';
import { parsePromText, toPromGoMetrics } from '../formats/prom-text.js';
import {
  locateCgroupDir,
  locateCgroupForPid,
  readCgroupAt,
  type CgroupLocation,
} from './cgroup.js';
import http from 'node:http';
import { fetchLimited, type FetchOptions } from './http.js';
import { checkInflatedSize } from './profile-fetch.js';
import { MAX_CAPTURE_PROFILE_BYTES } from '../formats/capture-check.js';
import { readProcess } from './procfs.js';
import type { HostFs } from './hostfs.js';

export interface SamplerTarget {
  readonly pid?: number;
  readonly url?: string;
  readonly cgroupDir?: string;
}

export interface TickResult extends TickReadings {
  /** False once the process is gone (or a zombie), or the URL stopped answering. */
  readonly alive: boolean;
}

export interface TickOptions {
  /** Deadline of the tick's HTTP reads (default: the sampler's timeout). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface Sampler {
  tick(now?: number, opts?: TickOptions): Promise<TickResult>;
  /**
   * GET a profile: heap (gzipped profile.proto) or goroutine (?debug=1 text); `fresh` adds
   * ?gc=1 so a heap profile shows now, not the last GC cycle. A body over the capture's
   * profile cap, also once inflated, is refused (a gzip bomb from a hostile endpoint).
   */
  fetchProfile(
    kind: 'heap' | 'goroutine',
    fresh?: boolean,
    signal?: AbortSignal,
  ): Promise<{ bytes?: Uint8Array; error?: string }>;
  /** The path fetchProfile asks for. */
  profilePath(kind: 'heap' | 'goroutine', fresh?: boolean): string;
  /** /proc/PID in full (status, smaps_rollup, GO* environment, cmdline, exe) for snapshots. */
  processInfo(): Promise<ProcessInfo | undefined>;
  /** The cgroup directory found on the first tick (read again after the target died). */
  readonly cgroupDir: () => string | undefined;
  /** Closes the kept-alive connections to the service. */
  close(): void;
}

/** A profile fetch's own deadline (off the tick: it never delays a sample). */
export const PROFILE_TIMEOUT_MS = 10_000;

export interface SamplerOptions {
  readonly timeoutMs?: number;
}

export function createSampler(
  fs: HostFs,
  target: SamplerTarget,
  opts: SamplerOptions = {},
): Sampler {
  let dir = target.cgroupDir;
  let failures = 0;
  const timeoutMs = opts.timeoutMs ?? 2000;
  const base = target.url?.replace(/\/+$/, '');
  // One connection per endpoint, kept between ticks (idle sockets do not hold the process).
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

  // The group is located once (mount table, /proc/PID/cgroup), then only its files are read.
  let location: CgroupLocation | undefined;
  async function readCgroup() {
    if (!location) {
      const found =
        dir !== undefined
          ? await locateCgroupDir(fs, dir)
          : target.pid !== undefined
            ? await locateCgroupForPid(fs, target.pid)
            : undefined;
      if (found === undefined || found.status !== 'ok') return found;
      location = found.value;
      dir = location.dir;
    }
    return readCgroupAt(fs, location);
  }

  async function tick(now = Date.now(), o: TickOptions = {}): Promise<TickResult> {
    const http = { timeoutMs: o.timeoutMs ?? timeoutMs, agent, signal: o.signal };
    const [cg, status, go] = await Promise.all([
      readCgroup(),
      target.pid === undefined ? undefined : readStatus(fs, target.pid),
      base === undefined ? undefined : readGo(base, http),
    ]);
    const notes: string[] = [];
    if (cg && cg.status !== 'ok')
      notes.push(`cgroup: ${cg.status === 'absent' ? (cg.note ?? 'not found') : cg.reason}`);
    if (go?.error) notes.push(go.error);
    // Only a refused or reset connection counts towards "gone": a slow service is alive.
    failures = go?.unreachable ? failures + 1 : 0;
    const alive = target.pid !== undefined ? status !== undefined : failures < 3;
    return {
      t: now,
      alive,
      notes,
      ...(cg?.status === 'ok' ? { cgroup: cg.value } : {}),
      ...(status ? { status } : {}),
      ...(go?.memstats ? { memstats: go.memstats } : {}),
      ...(go?.prom ? { prom: go.prom } : {}),
    };
  }

  // A heap profile reports the state at the last completed GC (runtime/pprof WriteHeapProfile);
  // ?gc=1 runs one first (net/http/pprof), so a pre-OOM capture shows the heap as it is now.
  const profilePath = (kind: 'heap' | 'goroutine', fresh = false) =>
    kind === 'heap' ? `/debug/pprof/heap${fresh ? '?gc=1' : ''}` : '/debug/pprof/goroutine?debug=1';

  async function fetchProfile(kind: 'heap' | 'goroutine', fresh = false, signal?: AbortSignal) {
    if (base === undefined) return { error: "no --url: profiles need the service's /debug/pprof" };
    const path = profilePath(kind, fresh);
    const maxBytes = MAX_CAPTURE_PROFILE_BYTES;
    const r = await fetchLimited(base + path, { timeoutMs: PROFILE_TIMEOUT_MS, maxBytes, signal });
    if (r.outcome !== 'ok' || !r.body)
      return { error: `${path}: ${r.outcome}${r.detail ? ` (${r.detail})` : ''}` };
    const size = await checkInflatedSize(r.body, maxBytes);
    return 'size' in size ? { bytes: r.body } : { error: `${path}: refused, ${size.error}` };
  }

  const processInfo = async () =>
    target.pid === undefined ? undefined : readProcess(fs, target.pid);
  const close = () => agent.destroy();
  return { tick, fetchProfile, profilePath, processInfo, cgroupDir: () => dir, close };
}

/** /proc/PID/status, or undefined when the process is gone or a zombie (state Z). */
async function readStatus(fs: HostFs, pid: number): Promise<ProcStatus | undefined> {
  const text = await fs.readText(`/proc/${pid}/status`);
  if (text.status !== 'ok' || /^State:\s+Z/m.test(text.value)) return undefined;
  try {
    return parseProcStatus(text.value);
  } catch {
    return undefined;
  }
}

interface GoRead {
  readonly memstats?: MemStats;
  readonly prom?: PromGoMetrics;
  readonly error?: string;
  /** Both endpoints refused or reset the connection (no HTTP answer at all). */
  readonly unreachable: boolean;
}

async function readGo(base: string, o: FetchOptions): Promise<GoRead> {
  const [vars, metrics] = await Promise.all([
    fetchLimited(`${base}/debug/vars`, { ...o, maxBytes: 4 << 20 }),
    fetchLimited(`${base}/metrics`, { ...o, maxBytes: 4 << 20 }),
  ]);
  const unreachable = [vars, metrics].every(
    (r) => r.outcome === 'error' && r.httpStatus === undefined && r.detail !== 'stopped',
  );
  const errors: string[] = [];
  const parse = <T>(r: typeof vars, fn: (text: string) => T | undefined): T | undefined => {
    if (r.outcome !== 'ok' || !r.body)
      return void errors.push(`${new URL(r.url).pathname}: ${r.outcome}`);
    try {
      return fn(new TextDecoder().decode(r.body));
    } catch (err) {
      return void errors.push(`${new URL(r.url).pathname}: ${(err as Error).message}`);
    }
  };
  const memstats = parse(vars, (t) => parseExpvar(t).memstats);
  const prom = parse(metrics, (t) => toPromGoMetrics(parsePromText(t)));
  return { memstats, prom, unreachable, ...(errors.length ? { error: errors.join('; ') } : {}) };
}
