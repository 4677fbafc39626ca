/**
 * What `gomemlens serve` keeps of a target, and what its page rebuilds from the server's
 * events: a capture (formats/capture.ts) grown record by record and kept bounded. The recent
 * samples stay whole; older ones are thinned to each bucket's first sample and the ones where
 * the charged memory and the heap peaked (as downsample.ts keeps spikes), so hours at 1 s
 * stay a few thousand samples. Heap profiles are picked as the report picks them (report-data.ts).
 */
import { evenlySpaced } from '../../analysis/trend.js';
import type {
  Capture,
  CaptureHeader,
  CaptureRecord,
  EndRecord,
  FindingRecord,
  ForecastRecord,
  GcTraceRecord,
  MemstatsRecord,
  ProfileRecord,
  SampleRecord,
  SnapshotRecord,
  TriggerRecord,
} from '../../formats/capture.js';
import { keepIndices } from './downsample.js';
import { pickHeapIndices } from './report-data.js';

export interface HistoryLimits {
  /** Samples kept whole (default 1200: 20 minutes at 1 s). */
  readonly recentSamples: number;
  /** Thinning starts past this many samples (default 2400). */
  readonly maxSamples: number;
  readonly maxForecasts: number;
  readonly maxHeapProfiles: number;
  readonly maxGoroutineProfiles: number;
  readonly maxSnapshots: number;
  /** Findings, triggers and memstats records kept (the last ones). */
  readonly maxEvents: number;
  /** GC lines kept (the last ones; `serve -- CMD` records the command's gctrace lines). */
  readonly maxGcLines: number;
}

export const DEFAULT_HISTORY_LIMITS: HistoryLimits = {
  recentSamples: 1200,
  maxSamples: 2400,
  maxForecasts: 600,
  maxHeapProfiles: 40,
  maxGoroutineProfiles: 8,
  maxSnapshots: 120,
  maxEvents: 200,
  maxGcLines: 20_000,
};

export class LiveHistory {
  private samples: SampleRecord[] = [];
  private forecasts: ForecastRecord[] = [];
  private heaps: ProfileRecord[] = [];
  private goroutines: ProfileRecord[] = [];
  private snapshots: SnapshotRecord[] = [];
  private findings: FindingRecord[] = [];
  private triggers: TriggerRecord[] = [];
  private memstats: MemstatsRecord[] = [];
  private gctrace: GcTraceRecord[] = [];
  private gcLines = 0;
  private droppedGcLines = 0;
  private end: EndRecord | undefined;
  private thinned = 0;

  constructor(
    readonly header: CaptureHeader,
    private readonly limits: HistoryLimits = DEFAULT_HISTORY_LIMITS,
  ) {}

  add(r: CaptureRecord): void {
    const l = this.limits;
    switch (r.type) {
      case 'sample':
        this.samples.push(r);
        if (this.samples.length > l.maxSamples) this.thinSamples();
        return;
      case 'forecast':
        return void (this.forecasts = spaced(push(this.forecasts, r), l.maxForecasts));
      case 'profile':
        if (r.kind === 'goroutine')
          this.goroutines = push(this.goroutines, r).slice(-l.maxGoroutineProfiles);
        else this.heaps = pickHeaps(push(this.heaps, r), l.maxHeapProfiles);
        return;
      case 'snapshot':
        return void (this.snapshots = spaced(push(this.snapshots, r), l.maxSnapshots));
      case 'finding':
        return void (this.findings = push(this.findings, r).slice(-l.maxEvents));
      case 'trigger':
        return void (this.triggers = push(this.triggers, r).slice(-l.maxEvents));
      case 'memstats':
        return void (this.memstats = push(this.memstats, r).slice(-l.maxEvents));
      case 'gctrace':
        return this.addGcLines(r);
      case 'end':
        this.end = r;
    }
  }

  /** The oldest records go first once the lines held pass the limit. */
  private addGcLines(r: GcTraceRecord): void {
    this.gctrace.push(r);
    this.gcLines += r.lines.length;
    while (this.gcLines > this.limits.maxGcLines && this.gctrace.length > 1) {
      const old = this.gctrace.shift()!;
      this.gcLines -= old.lines.length;
      this.droppedGcLines += old.lines.length;
    }
  }

  /** Every record held, oldest first within each kind (what a page needs to rebuild this). */
  records(): CaptureRecord[] {
    return [
      ...this.samples,
      ...this.forecasts,
      ...this.heaps,
      ...this.goroutines,
      ...this.snapshots,
      ...this.findings,
      ...this.triggers,
      ...this.memstats,
      ...this.gctrace,
      ...(this.end ? [this.end] : []),
    ];
  }

  capture(): Capture {
    const notes = [
      this.thinned &&
        `${this.thinned} older samples thinned to each stretch's peaks to keep the history bounded`,
      this.droppedGcLines &&
        `${this.droppedGcLines} older GC lines left out to keep the history bounded`,
    ].filter((n): n is string => typeof n === 'string');
    return {
      header: this.header,
      samples: this.samples,
      profiles: [...this.heaps, ...this.goroutines].sort((a, b) => a.t - b.t),
      triggers: this.triggers,
      memstats: this.memstats,
      forecasts: this.forecasts,
      findings: this.findings,
      snapshots: this.snapshots,
      gctrace: this.gctrace,
      end: this.end,
      notes,
    };
  }

  get sampleCount(): number {
    return this.samples.length;
  }

  private thinSamples(): void {
    const old = this.samples.slice(0, this.samples.length - this.limits.recentSamples);
    const recent = this.samples.slice(old.length);
    // Buckets of about 8 samples each keep at most 3: the history shrinks at every thinning.
    const keep = keepIndices(
      old.map((s) => s.t),
      {
        charged: old.map((s) => s.cgroup?.workingSet ?? s.cgroup?.usage ?? s.proc?.rss),
        heap: old.map((s) => s.go?.heapInuse),
      },
      Math.max(1, Math.floor(old.length / 8)),
      'max',
    );
    this.thinned += old.length - keep.length;
    this.samples = [...keep.map((i) => old[i]), ...recent];
  }
}

/** Records arrive in time order; a late one (an out-of-order profile) is put in its place. */
function push<T extends { t: number }>(list: T[], r: T): T[] {
  list.push(r);
  for (let i = list.length - 1; i > 0 && list[i - 1].t > list[i].t; i--)
    [list[i - 1], list[i]] = [list[i], list[i - 1]];
  return list;
}

/** As the report picks them (first, last, trigger ones, then evenly spaced); trimmed at 1.5x. */
function pickHeaps(list: ProfileRecord[], max: number): ProfileRecord[] {
  if (list.length <= max * 1.5) return list;
  return pickHeapIndices(list, max).map((i) => list[i]);
}

/** At most `max`, evenly spaced, the first and the last kept; trimmed only at 1.5x to amortize. */
function spaced<T>(list: T[], max: number): T[] {
  if (list.length <= max * 1.5) return list;
  return evenlySpaced(list.length, max).map((i) => list[i]);
}
