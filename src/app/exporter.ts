/**
 * The node exporter's loop (`gomemlens exporter`): every interval it finds the Go processes
 * (sources/go-processes.ts), reads each on the one read path as watch does, forecasts and runs
 * the rules per container, takes pre-OOM profiles, and keeps what a scrape renders
 * (exporter-view.ts). Slow or failing sources (a hung endpoint, an unreachable kubelet) cost
 * their own numbers and a line in the status, never the cycle or the other containers.
 */
import { checkTriggers } from '../analysis/triggers.js';
import {
  detectCgroupNamespace,
  processCgroup,
  type CgroupNamespace,
  type ProcessCgroup,
} from '../sources/cgroup-namespace.js';
import { GoProcessScanner, type GoProcess } from '../sources/go-processes.js';
import type { HostFs } from '../sources/hostfs.js';
import type { PodSource } from '../sources/kubelet.js';
import type { ProfileStore } from '../sources/profile-store.js';
import { ContainerBook, identityKey } from './exporter-containers.js';
import { profileKey, resolveIdentity, type ResolvedIdentity } from './exporter-identity.js';
import { PODS_MIN_GAP_MS, PodDirectory } from './exporter-pods.js';
import { PreOomProfiles } from './exporter-profiles.js';
import { ExporterTarget } from './exporter-target.js';
import { eachLimit, KeyedQueue } from './job-queue.js';
import { lateTolerance, sleep, tickTimeoutMs } from './watch-schedule.js';

export interface ExporterOptions {
  readonly intervalMs: number;
  /** Full reads (settings, diagnose rules, endpoint search) per target (default 5 min). */
  readonly fullEveryMs: number;
  /** Pod list refresh (default 30 s; sooner when an unknown pod shows up). */
  readonly podsEveryMs: number;
  /** Profile when the forecast time to OOM is below this many seconds (0: never). */
  readonly profileEtaSec: number;
  /** Least time between two captures of one container. */
  readonly profileGapMs: number;
  /** How long a container's OOM kill counter is kept after its process is gone. */
  readonly retentionMs: number;
}

export interface SelfUsage {
  readonly cpuSeconds: number;
  readonly rssBytes: number;
}

export interface ExporterDeps {
  readonly fs: HostFs;
  /** The exporter's own PID: never followed; finds its cgroup namespace root. */
  readonly selfPid: number;
  readonly pods?: PodSource;
  readonly profiles?: { readonly store: ProfileStore; readonly externalUrl: string };
  readonly self: () => SelfUsage;
  readonly log: (line: string) => void;
}

/** Targets read at once: overlaps their I/O, bounds open files and sockets. */
const TICK_CONCURRENCY = 64;

export class Exporter {
  readonly targets = new Map<number, ExporterTarget>();
  readonly identities = new Map<number, ResolvedIdentity>();
  readonly book = new ContainerBook();
  readonly counters = { cycles: 0, late: 0, lastCycleMs: 0, readErrors: new Map<string, number>() };
  /** Called after each cycle (the server builds its next answer then, not on the scrape). */
  onCycle: (() => void) | undefined;
  /** When the last cycle started: the moment the state describes. */
  lastCycleAt = 0;
  readonly pods: PodDirectory | undefined;
  denied = 0;
  readonly profiles: PreOomProfiles | undefined;
  private readonly scanner: GoProcessScanner;
  private readonly fulls: KeyedQueue<number>;
  private ns: Promise<CgroupNamespace | undefined> | undefined;

  constructor(
    readonly o: ExporterOptions,
    readonly deps: ExporterDeps,
  ) {
    this.scanner = new GoProcessScanner(deps.fs, new Set([deps.selfPid]));
    this.fulls = new KeyedQueue(4, (pid, err) =>
      this.error('endpoint', `full read of ${pid}: ${err.message}`),
    );
    this.profiles = deps.profiles && new PreOomProfiles({ ...deps.profiles, log: deps.log });
    this.pods = deps.pods && new PodDirectory(deps.pods, o.podsEveryMs, deps.log);
  }

  /** Cycles on a fixed schedule until `stop` fires. */
  async run(stop: AbortSignal): Promise<void> {
    let slot = Date.now();
    while (!stop.aborted) {
      const now = Date.now();
      if (now - slot > lateTolerance(this.o.intervalMs)) this.counters.late++;
      await this.cycle(now);
      slot = Math.max(slot + this.o.intervalMs, Date.now() - this.o.intervalMs);
      await sleep(slot - Date.now(), stop);
    }
    await Promise.all([this.fulls.stop(), this.profiles?.stop()]);
    for (const t of this.targets.values()) t.close();
  }

  async cycle(now: number): Promise<void> {
    const started = performance.now();
    const scan = await this.scanner.scan();
    this.denied = scan.denied;
    const added = new Set(scan.added.map((p) => p.pid));
    for (const pid of scan.removed.filter((p) => added.has(p))) this.drop(pid); // exec'd anew
    await eachLimit(scan.added, TICK_CONCURRENCY, (p) => this.add(p));
    // A removed one is read once more: its cgroup may show the OOM kill that ended it.
    const leaving = new Set(scan.removed.filter((p) => !added.has(p)));
    if (this.pods && !(await this.pods.refresh(now, this.identities.values())))
      this.error('kubelet');
    const timeoutMs = tickTimeoutMs(this.o.intervalMs);
    await eachLimit([...this.targets.values()], TICK_CONCURRENCY, (t) => t.tick(now, timeoutMs));
    for (const t of [...this.targets.values()]) this.afterTick(t, now, leaving.has(t.pid));
    this.countKubeletKills();
    this.book.expire(now, this.o.retentionMs);
    this.counters.cycles++;
    this.lastCycleAt = now;
    this.counters.lastCycleMs = performance.now() - started;
    this.onCycle?.();
  }

  /** A new Go process: its cgroup is located once (in a cgroup namespace, relative to it). */
  private async add(p: GoProcess): Promise<void> {
    this.ns ??= detectCgroupNamespace(this.deps.fs, this.deps.selfPid).then((ns) => {
      if (ns)
        this.deps.log(`in a cgroup namespace rooted at ${ns.mountPoint}/${ns.rootParts.join('/')}`);
      return ns;
    });
    const cgroup = await processCgroup(this.deps.fs, p.pid, await this.ns);
    this.targets.set(p.pid, this.newTarget(p.pid, p.buildInfo.goVersion, cgroup));
  }

  private newTarget(
    pid: number,
    goVersion: string,
    cgroup: ProcessCgroup | undefined,
  ): ExporterTarget {
    return new ExporterTarget(pid, goVersion, cgroup, {
      fs: this.deps.fs,
      endpointHints: () => {
        const id = this.identities.get(pid);
        if (id?.podUid !== undefined && !id.pod && this.pods)
          return { annotated: [], wait: 'its pod is not in the pod list yet' };
        return { podIP: id?.pod?.podIP, annotated: id?.pod?.ports ?? [] };
      },
    });
  }

  private afterTick(t: ExporterTarget, now: number, leaving: boolean): void {
    // The labels change only with the pod list (or a cgroup path read late).
    const cached = this.identities.get(t.pid);
    const id =
      cached && cached.pods === this.pods?.pods && cached.path === t.cgroupPath
        ? cached
        : resolveIdentity(t.cgroupPath, this.pods?.pods);
    this.identities.set(t.pid, id);
    this.book.observe(id, t.oomKill, now);
    if (!t.alive || leaving) return this.drop(t.pid);
    if (now >= t.nextFullAt) {
      t.nextFullAt = now + this.fullGap(t);
      this.fulls.push(t.pid, async () => {
        await t.full(now);
        // Waiting for the pod list: search for the endpoints again soon.
        if (t.endpointWaiting) t.nextFullAt = Date.now() + PODS_MIN_GAP_MS;
      });
    }
    this.maybeProfile(t, id);
  }

  /**
   * Time to the next full read. Targets found together would all be read in full in the same
   * cycle again and again: the second read comes after 0.5 to 1.5 gaps (by PID), spreading
   * them over the cycles.
   */
  private fullGap(t: ExporterTarget): number {
    const first = t.lastFullAt === -Infinity;
    return first ? this.o.fullEveryMs * (0.5 + (t.pid % 101) / 100) : this.o.fullEveryMs;
  }

  private drop(pid: number): void {
    this.targets.get(pid)?.close();
    this.targets.delete(pid);
    this.identities.delete(pid);
  }

  private maybeProfile(t: ExporterTarget, id: ResolvedIdentity): void {
    const [prev, cur] = t.samples.lastTwo();
    if (!this.profiles || this.o.profileEtaSec <= 0 || !cur) return;
    const hits = checkTriggers(prev, cur, t.forecast, t.triggerState, {
      workingSetShare: 0,
      etaSec: this.o.profileEtaSec,
      eventsJump: false,
      cooldownMs: this.o.profileGapMs,
    });
    if (hits.length > 0) this.profiles.request(t, profileKey(id.labels), hits[0].detail);
  }

  /** The kubelet's "OOMKilled" on a container instance counts, even if its cgroup is gone. */
  private countKubeletKills(): void {
    for (const pod of this.pods?.pods?.values() ?? [])
      for (const [id, container] of pod.oomKilled) {
        const labels = { namespace: pod.namespace, pod: pod.name, container };
        this.book.killed(identityKey(labels), id);
      }
  }

  error(source: string, line?: string): void {
    this.counters.readErrors.set(source, (this.counters.readErrors.get(source) ?? 0) + 1);
    if (line) this.deps.log(line);
  }
}
