/**
 * Follows the Go processes of a host as `ps` finds them (the build info in /proc/PID/exe,
 * sources/binary.ts) from one scan to the next. A scan reads one link per process
 * (/proc/PID/exe): a PID whose link is unchanged keeps its verdict, so a node's thousand
 * processes cost a thousand readlink calls, and only new or exec'd ones are parsed (a shell
 * that execs a Go program keeps its PID and changes its link).
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
}

/** Parallel reads per batch: enough to overlap I/O, few enough for open files. */
const BATCH = 128;

export class GoProcessScanner {
  private known = new Map<number, Known>();

  constructor(
    private readonly fs: HostFs,
    private readonly skip: ReadonlySet<number> = new Set(),
  ) {}

  async scan(): Promise<ScanResult> {
    const pids = (await listPids(this.fs)).filter((p) => !this.skip.has(p));
    const next = new Map<number, Known>();
    const added: GoProcess[] = [];
    for (let i = 0; i < pids.length; i += BATCH) {
      const slice = pids.slice(i, i + BATCH);
      const found = await Promise.all(slice.map((pid) => this.check(pid)));
      found.forEach((k, j) => {
        if (!k) return;
        next.set(slice[j], k);
        if (k.go && this.known.get(slice[j])?.go !== k.go) added.push(k.go);
      });
    }
    const removed = [...this.known]
      .filter(([pid, k]) => k.go && next.get(pid)?.go !== k.go)
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
    const exe = `/proc/${pid}/exe`;
    const link = await this.fs.readLink(exe);
    if (link.status === 'absent') return undefined; // exited, or a kernel thread
    const text = link.status === 'ok' ? link.value : `!${link.reason}`;
    const before = this.known.get(pid);
    if (before && before.link === text) return before;
    if (link.status !== 'ok') return { link: text, denied: link.reason === 'permission denied' };
    const bin = await readBinaryInfo(this.fs, exe);
    if (bin.status === 'unreadable' && bin.reason === 'permission denied')
      return { link: text, denied: true };
    if (bin.status !== 'ok' || !bin.value.isGo) return { link: text };
    return { link: text, go: { pid, buildInfo: bin.value.buildInfo } };
  }
}
