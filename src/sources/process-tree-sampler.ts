/**
 * Samples the memory of a process tree while `bench run` runs a command: every interval it
 * walks /proc for the descendants of the root process and reads their /proc/PID/status.
 * Per process it keeps VmHWM, the kernel's own high-water mark of that process's RSS (so a
 * peak between two samples is not lost, as long as the process is seen once before it exits:
 * man 5 proc_pid_status); for the whole tree it keeps the largest sum of VmRSS seen, which is
 * what `docker stats`-style tools show (sampled, so short spikes can be missed).
 */
import { parseCmdline } from '../formats/cmdline.js';
import { ParseError } from '../model/errors.js';
import { parseProcStatus } from '../formats/proc-status.js';
import type { HostFs } from './hostfs.js';
import { listPids } from './processes.js';

export interface ProcessPeak {
  readonly pid: number;
  /** Base name of argv[0] ("gobench.test"), or the kernel's comm name. */
  readonly name: string;
  /** The kernel's comm name when `name` was read (it changes on exec). */
  readonly comm: string;
  /** Largest VmHWM seen (bytes). */
  peakRss: number;
  /** Order in which processes were first seen. */
  readonly seq: number;
}

export interface TreePeaks {
  readonly processes: ProcessPeak[];
  /** Largest sum of VmRSS over the tree in one sample (bytes). */
  readonly treePeakRss: number;
  readonly samples: number;
}

/** ppid from /proc/PID/stat: the fields after the last ")" are "state ppid ...". */
function parentOf(stat: string): number | undefined {
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' ');
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

export class TreeSampler {
  private readonly known = new Map<number, ProcessPeak>();
  private treePeak = 0;
  private samples = 0;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly fs: HostFs,
    private readonly root: number,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    const tick = () => {
      this.running = this.sample().finally(() => {
        if (this.timer) this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stops sampling after one last sample; returns what was seen. */
  async stop(): Promise<TreePeaks> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    return {
      processes: [...this.known.values()],
      treePeakRss: this.treePeak,
      samples: this.samples,
    };
  }

  /** One pass: find the tree (known members stay members after reparenting), read each. */
  async sample(): Promise<void> {
    const pids = await listPids(this.fs);
    const parents = new Map<number, number>();
    await Promise.all(
      pids.map(async (pid) => {
        const stat = await this.fs.readText(`/proc/${pid}/stat`);
        const ppid = stat.status === 'ok' ? parentOf(stat.value) : undefined;
        if (ppid !== undefined) parents.set(pid, ppid);
      }),
    );
    const inTree = (pid: number): boolean => {
      for (
        let p: number | undefined = pid, hops = 0;
        p !== undefined && hops < 64;
        p = parents.get(p), hops++
      ) {
        if (p === this.root || this.known.has(p)) return true;
      }
      return false;
    };
    const members = pids.filter((pid) => parents.has(pid) && inTree(pid));
    const rss = await Promise.all(members.map((pid) => this.readOne(pid)));
    this.treePeak = Math.max(
      this.treePeak,
      rss.reduce((a, b) => a + b, 0),
    );
    this.samples++;
  }

  private async readOne(pid: number): Promise<number> {
    const status = await this.fs.readText(`/proc/${pid}/status`);
    if (status.status !== 'ok') return 0;
    let st;
    try {
      st = parseProcStatus(status.value);
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      return 0; // a process that vanished mid-read leaves a truncated file
    }
    let entry = this.known.get(pid);
    if (!entry || entry.comm !== st.name) {
      // New, or it exec'd another program (a shell wrapper becomes the command): rename.
      const name = await this.nameOf(pid, st.name);
      if (entry) Object.assign(entry, { name, comm: st.name });
      else
        this.known.set(
          pid,
          (entry = { pid, name, comm: st.name, peakRss: 0, seq: this.known.size }),
        );
    }
    entry.peakRss = Math.max(entry.peakRss, st.vmHwm ?? 0, st.vmRss ?? 0);
    return st.vmRss ?? 0;
  }

  private async nameOf(pid: number, comm: string): Promise<string> {
    const cmd = await this.fs.readBytes(`/proc/${pid}/cmdline`);
    const argv0 = cmd.status === 'ok' ? parseCmdline(cmd.value)[0] : undefined;
    return argv0 ? argv0.slice(argv0.lastIndexOf('/') + 1) : comm;
  }
}
