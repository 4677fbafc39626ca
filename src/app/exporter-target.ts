/**
 * One Go process the exporter follows: its reader on the one read path (sources/target.ts),
 * the recent samples, the forecast over them, the findings of the series rules and of the last
 * full read, and the settings in force. A tick is the cheap read; a full read (at the start,
 * then every few minutes, and before a profile) finds the endpoints, reads the settings and
 * runs the diagnose rules.
 */
import { analyzeSnapshot } from '../analysis/diagnose.js';
import { exporterSettings, withTickSettings } from '../analysis/exporter-settings.js';
import type { ExporterSettings } from '../analysis/exporter-series.js';
import { forecast, type Forecast } from '../analysis/forecast.js';
import { memstatsOf, sampleOf } from '../analysis/sample-of.js';
import { runSeriesRules } from '../analysis/series-rules/index.js';
import type { Finding } from '../model/finding.js';
import type { Sample } from '../model/series.js';
import type { ProcessCgroup } from '../sources/cgroup-namespace.js';
import type { HostFs } from '../sources/hostfs.js';
import { keptFiles, type KeptFs } from '../sources/kept-files.js';
import { RUNTIME_EVERY, SampleWindow } from './exporter-samples.js';
import { findEndpoint } from '../sources/pod-endpoints.js';
import type { RuntimeEndpoint } from '../sources/runtime.js';
import { createTargetReader, type TargetReader } from '../sources/target.js';

/** What a tick reads (sources/cgroup-tick.ts and the status): kept open between ticks. */
const TICK_FILE =
  /(?:^\/proc\/\d+\/status|\/memory\.(?:usage_in_bytes|stat|oom_control|current|events|max))$/;
/** Ticks between two forecasts of a container whose verdict has no ETA. */
const ANALYSIS_EVERY = 4;
/** An endpoint search probes each port with this deadline. */
const PROBE_TIMEOUT_MS = 1500;

export interface EndpointHints {
  readonly podIP?: string;
  readonly annotated: readonly number[];
  /** Why the search must wait (the pod IP is not known yet). */
  readonly wait?: string;
}

export interface TargetContext {
  readonly fs: HostFs;
  /** The pod's IP and annotated ports, when the process is in a known pod. */
  readonly endpointHints: () => EndpointHints;
}

export class ExporterTarget {
  readonly samples = new SampleWindow();
  forecast: Forecast | undefined;
  findings: readonly Finding<string>[] = [];
  settings: ExporterSettings | undefined;
  url: string | undefined;
  /** The cgroup path as /proc/PID/cgroup names it, once read. */
  cgroupPath: string | undefined;
  lastFullAt = -Infinity;
  /** When the exporter reads it in full next. */
  nextFullAt = -Infinity;
  /** Why the Go endpoints are not read, when they are not. */
  endpointNote: string | undefined;
  /** What the last tick that read the endpoints could not read. */
  runtimeNotes: readonly string[] = [];
  /** The endpoint search waits for the pod list: the next full read comes soon. */
  endpointWaiting = false;
  alive = true;
  /** The OOM kill counter of the process's cgroup (this container instance) at the last read. */
  oomKill: number | undefined;
  profile: { url: string; t: number } | undefined;
  readonly triggerState = {};
  private reader: TargetReader;
  /** The tick's files, kept open between ticks (sources/kept-files.ts). */
  private readonly fs: KeptFs;
  private seriesFindings: readonly Finding<string>[] = [];
  private diagnoseFindings: readonly Finding<string>[] = [];
  private prevNumGC: number | undefined;
  private tickEndpoints: readonly RuntimeEndpoint[] = ['vars'];
  private ticks = 0;
  private analysedAt: { tick: number; workingSet: number | undefined } | undefined;

  constructor(
    readonly pid: number,
    readonly goVersion: string,
    private readonly cgroup: ProcessCgroup | undefined,
    private readonly ctx: TargetContext,
  ) {
    this.cgroupPath = cgroup?.path;
    this.fs = keptFiles(ctx.fs, (path) => TICK_FILE.test(path));
    this.reader = this.makeReader();
  }

  get latest(): Sample | undefined {
    return this.alive ? this.samples.latest() : undefined;
  }

  async tick(now: number, timeoutMs: number): Promise<void> {
    const runtime = this.ticks % RUNTIME_EVERY === 0;
    const endpoints = runtime ? this.tickEndpoints : [];
    const read = await this.reader.tick(now, { timeoutMs, endpoints });
    const sample = this.withSettings(sampleOf(read.snapshot, this.prevNumGC));
    this.prevNumGC = memstatsOf(read.snapshot)?.NumGC ?? this.prevNumGC;
    const cg = read.snapshot.cgroup?.status === 'ok' ? read.snapshot.cgroup.value : undefined;
    if (cg && this.cgroupPath === undefined) this.cgroupPath = cg.path;
    const kills = sample.cgroup?.events?.oomKill ?? sample.cgroup?.oomKill;
    if (kills !== undefined) this.oomKill = kills;
    this.alive = read.alive;
    if (runtime) this.runtimeNotes = read.snapshot.notes;
    if (!read.alive) return;
    this.settings = withTickSettings(this.settings, read.snapshot);
    this.samples.push(sample);
    if (!this.analysisDue(sample)) return;
    this.analysedAt = { tick: this.ticks, workingSet: sample.cgroup?.workingSet };
    const input = this.samples.forecastInput();
    this.forecast = forecast(input);
    this.seriesFindings = runSeriesRules(input, this.forecast, undefined).findings;
    this.findings = [...this.diagnoseFindings, ...this.seriesFindings];
  }

  /**
   * The forecast and the series rules cost more than the read (a Theil-Sen fit is quadratic
   * in the samples): they run every tick while the verdict has an ETA, else every
   * ANALYSIS_EVERY ticks or as soon as the working set moves by 1/32 of the limit.
   */
  private analysisDue(s: Sample): boolean {
    this.ticks++;
    const last = this.analysedAt;
    if (!last || this.ticks - last.tick >= ANALYSIS_EVERY) return true;
    if (this.forecast?.kind === 'leak' || this.forecast?.kind === 'shmem') return true;
    const ws = s.cgroup?.workingSet;
    const limit = s.cgroup?.limit;
    if (ws === undefined || last.workingSet === undefined || limit === undefined) return false;
    return Math.abs(ws - last.workingSet) >= limit / 32;
  }

  /** The full read: endpoints (found again while there are none), settings, diagnose rules. */
  async full(now: number): Promise<void> {
    this.lastFullAt = now;
    if (this.url === undefined) await this.findEndpoints();
    const snapshot = await this.reader.snapshot(now);
    this.settings = exporterSettings(snapshot);
    this.diagnoseFindings = analyzeSnapshot(snapshot).findings;
    this.findings = [...this.diagnoseFindings, ...this.seriesFindings];
  }

  /** A tick that read /debug/vars only still knows GOMEMLIMIT from the last full read. */
  private withSettings(s: Sample): Sample {
    const limit = this.settings?.gomemlimitBytes;
    if (!s.go || s.go.gomemlimit !== undefined || limit === undefined || limit === null) return s;
    return { ...s, go: { ...s.go, gomemlimit: limit } };
  }

  fetchProfile(kind: 'heap' | 'goroutine', signal?: AbortSignal) {
    return this.reader.fetchProfile(kind, kind === 'heap', signal);
  }

  close(): void {
    this.reader.close();
    this.fs.close();
  }

  private async findEndpoints(): Promise<void> {
    const hints = this.ctx.endpointHints();
    this.endpointWaiting = hints.wait !== undefined;
    if (hints.wait !== undefined) {
      this.endpointNote = `Go endpoints not searched yet: ${hints.wait}`;
      return;
    }
    const found = await findEndpoint(this.ctx.fs, this.pid, {
      podIP: hints.podIP,
      annotated: hints.annotated,
      timeoutMs: PROBE_TIMEOUT_MS,
    });
    this.endpointNote = found.note;
    if (found.url === undefined) return;
    this.url = found.url;
    // A tick reads one endpoint: /debug/vars has every MemStats field; /metrics has the
    // runtime's GOMEMLIMIT and GOGC, which the full read also gives.
    this.tickEndpoints = found.serves.vars ? ['vars'] : ['metrics'];
    this.reader.close();
    this.reader = this.makeReader();
  }

  private makeReader(): TargetReader {
    return createTargetReader(
      this.fs,
      {
        pid: this.pid,
        ...(this.url ? { url: this.url } : {}),
        ...(this.cgroup?.dir ? { cgroupDir: this.cgroup.dir } : {}),
      },
      { fullEndpoints: ['vars', 'metrics'], tickEndpoints: this.tickEndpoints, lightTick: true },
    );
  }
}
