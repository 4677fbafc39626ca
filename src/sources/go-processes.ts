/**
 * Follows the Go processes of a host as `ps` finds them (the build info in /proc/PID/exe,
 * sources/binary.ts) from one scan to the next. Only new PIDs are parsed. A shell that execs a
 * Go program keeps its PID and changes its /proc/PID/exe link, so a PID found not to be Go is
 * looked at again (one readlink) at its next scans; once it has kept its link for SETTLED
 * scans, only every RECHECK_EVERY scans: a node's thousand other processes cost little.
 */
import type { GoBuildInfo } from '../model/snapshot.js';
import { readBinaryInfo } from './binary.js';
import type { HostFs } from './hostfs.js';
import { listPids } from './processes.js';

export interface GoProcess {
  readonly pid: number;
  readonly buildInfo: GoBuildInfo;
}

export interface ScanResult {
  readonly added: readonly GoProcess[];
  /** PIDs followed before that are gone or are no longer Go. */
  readonly removed: readonly number[];
  readonly goCount: number;
  /** Processes whose binary this user may not read (another user's, without CAP_SYS_PTRACE). */
  readonly denied: number;
}

interface Known {
  readonly link: string;
  readonly go?: GoProcess;
  readonly denied?: boolean;
  /** Scans that found the same link. */
  readonly seen: number;
}

/** A non-Go process with the same link for this many scans has settled (no exec to come). */
const SETTLED = 3;
/** A settled one is looked at again every this many scans. */
const RECHECK_EVERY = 20;

/** Parallel reads per batch: enough to overlap I/O, few enough for open files. */
const BATCH = 128;

export class GoProcessScanner {
  private known = new Map<number, Known>();
  private scans = 0;

  constructor(
    private readonly fs: HostFs,
    private readonly skip: ReadonlySet<number> = new Set(),
  ) {}

  async scan(): Promise<ScanResult> {
    this.scans++;
    const pids = (await listPids(this.fs)).filter((p) => !this.skip.has(p));
    const next = new Map<number, Known>();
    const added: GoProcess[] = [];
    for (let i = 0; i < pids.length; i += BATCH) {
      const slice = pids.slice(i, i + BATCH);
      const found = await Promise.all(slice.map((pid) => this.check(pid)));
      found.forEach((k, j) => {
        if (!k) return;
        next.set(slice[j], k);
        const prev = this.known.get(slice[j]);
        if (k.go && (!prev?.go || prev.link !== k.link)) added.push(k.go);
      });
    }
    const removed = [...this.known]
      .filter(([pid, k]) => k.go && next.get(pid)?.link !== k.link)
      .map(([pid]) => pid);
    this.known = next;
    let goCount = 0;
    let denied = 0;
    for (const k of next.values()) {
      if (k.go) goCount++;
      if (k.denied) denied++;
    }
    return { added, removed, goCount, denied };
  }

  /** The process's entry: the previous one when its exe link is unchanged. */
  private async check(pid: number): Promise<Known | undefined> {
    const before = this.known.get(pid);
    // A Go process's exit is seen by its own reads; a settled one is trusted between rechecks.
    if (before && (before.go || before.seen >= SETTLED) && (this.scans + pid) % RECHECK_EVERY !== 0)
      return before;
    const exe = `/proc/${pid}/exe`;
    const link = await this.fs.readLink(exe);
    if (link.status === 'absent') return undefined; // exited, or a kernel thread
    const text = link.status === 'ok' ? link.value : `!${link.reason}`;
    if (before && before.link === text) return { ...before, seen: before.seen + 1 };
    if (link.status !== 'ok')
      return { link: text, denied: link.reason === 'permission denied', seen: 1 };
    const bin = await readBinaryInfo(this.fs, exe);
    if (bin.status === 'unreadable' && bin.reason === 'permission denied')
      return { link: text, denied: true, seen: 1 };
    if (bin.status !== 'ok' || !bin.value.isGo) return { link: text, seen: 1 };
    return { link: text, go: { pid, buildInfo: bin.value.buildInfo }, seen: 1 };
  }
}
